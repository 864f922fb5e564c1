package dev.holdfast.lock.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockHandles;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockState;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spi.ReleaseOutcome;
import dev.holdfast.lock.test.RecordingListener;
import dev.holdfast.lock.test.RecordingLockStore;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The catalogue of bad input, on every store: odd, empty, huge and malformed ids and owners, durations that are zero,
 * negative, overflowing or centuries long, releasing twice or as another owner, and using a lease after close. Each
 * gets an {@link IllegalArgumentException} naming the lock and the value at fault, or the documented behaviour;
 * nothing reaches the store on bad input (its locks are listed before and after), and the store works normally
 * afterwards.
 */
class BadInputTests {

    /** As a lease: never expires; as a wait: until granted ({@link LockRequest#FOREVER}). */
    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final String namespace = "bad-" + UUID.randomUUID().toString().substring(0, 8);

    private final RecordingListener listener = new RecordingListener();

    private final ExecutorService threads = Executors.newSingleThreadExecutor();

    private OpenedStore opened;

    private RecordingLockStore recording;

    private LockTemplate template;

    /** A lock held during each test, so that "nothing written" compares something. */
    private Lease witness;

    /** Collects every miss of a catalogue test, so that one run reports them all. */
    private final SoftAssertions softly = new SoftAssertions();

    @AfterEach
    void closeEverything() {
        threads.shutdownNow();
        if (template != null) {
            template.close();
        }
        if (opened != null) {
            opened.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldRejectMalformedIdsAndOwnersWithoutWritingAnything(StoreKind kind) {
        open(kind);
        String huge = "x".repeat(1024 * 1024);

        rejected("empty id", () -> LockRequest.of(namespace, ""), namespace, "[]");
        rejected("blank id", () -> LockRequest.of(namespace, "   "), namespace, "[   ]");
        rejected("1 MB id", () -> LockRequest.of(namespace, huge), namespace, huge.substring(0, 32));
        String tooLong = "x".repeat(LockKey.MAX_ID_LENGTH + 1);
        rejected("id one over the longest", () -> LockRequest.of(namespace, tooLong), namespace);
        for (String id : List.of("a\nb", "line\r", "tab\tbed", "nul\u0000", "\uD800", "a\uDC00b", "\uDBFF")) {
            rejected("id " + printable(id), () -> LockRequest.of(namespace, id), namespace);
        }
        LockKey key = new LockKey(namespace, "owned");
        String ownerTooLong = "o".repeat(LockRequest.MAX_OWNER_LENGTH + 1);
        for (String owner : List.of("", "  ", huge, ownerTooLong, "\uD800", "bob\uDC00")) {
            rejected(
                    "owner " + printable(owner),
                    () -> LockRequest.of(key).owner(owner).build(),
                    key.toString());
        }
        rejected(
                "handle owner \\uD800",
                () -> template.handles(namespace, LEASE).create("room", "\uD800"),
                namespace + ":room");

        assertStoreStillWorks();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldKeepOddIdsAndTrailingSpacesApart(StoreKind kind) {
        open(kind);
        List<String> ids = List.of(
                "a",
                "a ",
                "a  ",
                " a",
                "A",
                "{",
                "}",
                "{a}",
                "}{",
                "%",
                "%s",
                "%25",
                "%7B",
                "_",
                "*",
                "?",
                "[a]",
                "a:b",
                "'",
                "\"",
                "\\",
                "é",
                "e\u0301",
                "日本",
                "🔒",
                "a b",
                "x".repeat(LockKey.MAX_ID_LENGTH),
                "🔒".repeat(LockKey.MAX_ID_LENGTH / 2));
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            LockKey key = new LockKey(namespace, ids.get(i));
            LockResult result =
                    template.tryAcquire(request(key).owner("owner-" + i).build());
            softly.assertThat(result.acquired())
                    .describedAs("lock [%s] granted to its own owner: %s", ids.get(i), result)
                    .isTrue();
            if (result instanceof LockResult.Acquired acquired) {
                leases.add(acquired.lease());
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            LockKey key = new LockKey(namespace, ids.get(i));
            softly.assertThat(opened.store().inspect(key).map((state) -> state.owner() + " " + state.holds()))
                    .describedAs("holder of lock [%s]", ids.get(i))
                    .contains("owner-" + i + " 1");
        }
        softly.assertThat(template.list(namespace, 1000))
                .extracting((state) -> state.key().id())
                .containsExactlyInAnyOrderElementsOf(concat(ids, "witness"));
        for (Lease lease : leases) {
            softly.assertThat(lease.release())
                    .describedAs("release of %s", lease)
                    .isTrue();
        }

        LockKey bob = new LockKey(namespace, "bobs");
        try (Lease held = template.acquire(request(bob).owner("bob").build())) {
            softly.assertThat(template.tryAcquire(request(bob).owner("bob ").build())
                            .acquired())
                    .describedAs("owner 'bob ' granted the lock of owner 'bob'")
                    .isFalse();
            softly.assertThat(opened.store().inspect(bob))
                    .get()
                    .extracting(LockState::owner, LockState::holds, LockState::token)
                    .containsExactly("bob", 1, held.token());
        }
        LockKey longestOwned = new LockKey(namespace, "longest-owner");
        String longestOwner = "ö".repeat(LockRequest.MAX_OWNER_LENGTH);
        try (Lease held =
                template.acquire(request(longestOwned).owner(longestOwner).build())) {
            softly.assertThat(opened.store().inspect(longestOwned).map(LockState::owner))
                    .describedAs("owner of the longest length accepted, kept whole by the store")
                    .contains(longestOwner);
        }
        assertStoreStillWorks();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldRejectOutOfRangeDurationsWithoutWritingAnything(StoreKind kind) {
        open(kind);
        LockKey key = new LockKey(namespace, "durations");
        List<Duration> badLeases = List.of(
                Duration.ZERO,
                Duration.ofNanos(999_999),
                Duration.ofSeconds(-1),
                LockRequest.MAX_LEASE.plusMillis(1),
                Duration.ofDays(365L * 300),
                Duration.ofMillis(Long.MAX_VALUE),
                FOREVER.minusSeconds(1));
        for (Duration lease : badLeases) {
            String value = lease.toString();
            LockHandles handles = template.handles(namespace, LEASE);
            rejected("lease " + value, () -> LockRequest.of(key).lease(lease).build(), "[" + key + "]", value);
            rejected("renew " + value, () -> witness.renew(lease), "[" + witness.key() + "]", value);
            if (lease.isNegative() || lease.compareTo(LockRequest.MAX_LEASE) > 0) {
                rejected("releaseAfter " + value, () -> witness.releaseAfter(lease), "[" + witness.key() + "]", value);
            }
            rejected("handles ttl " + value, () -> template.handles(namespace, lease), "[" + namespace + "]", value);
            rejected("create " + value, () -> handles.create("durations", "owner", lease), "[" + key + "]", value);
            rejected("claim " + value, () -> handles.claim("durations", "owner", lease), "[" + key + "]", value);
            rejected(
                    "handle renew " + value,
                    () -> handles.renew("witness", "witness", lease),
                    "[" + witness.key() + "]",
                    value);
        }
        List<Duration> badWaits = List.of(
                Duration.ofNanos(-1),
                Duration.ofSeconds(-1),
                LockRequest.MAX_WAIT.plusMillis(1),
                Duration.ofDays(365L * 300),
                Duration.ofMillis(Long.MAX_VALUE),
                FOREVER.minusSeconds(1));
        for (Duration wait : badWaits) {
            String value = wait.toString();
            rejected("wait " + value, () -> LockRequest.of(key).waitTime(wait).build(), "[" + key + "]", value);
        }
        softly.assertThat(witness.remaining()).isLessThanOrEqualTo(LEASE);
        softly.assertThat(opened.store().inspect(witness.key()).map(LockState::remaining))
                .describedAs("the witness's lease after bad renewals")
                .hasValueSatisfying((left) -> assertThat(left).isLessThanOrEqualTo(LEASE));

        LockKey longestKey = new LockKey(namespace, "longest");
        try (Lease longest = template.acquire(request(longestKey)
                .lease(LockRequest.MAX_LEASE)
                .waitTime(LockRequest.MAX_WAIT)
                .autoRenew(false)
                .build())) {
            assertThat(opened.store().inspect(longestKey).orElseThrow().remaining())
                    .isGreaterThan(LockRequest.MAX_LEASE.minusMinutes(1))
                    .isLessThanOrEqualTo(LockRequest.MAX_LEASE);
            assertThat(longest.renew(LockRequest.MAX_LEASE)).isTrue();
        }
        assertStoreStillWorks();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldHoldAForeverLeaseUntilReleased(StoreKind kind) {
        open(kind);
        List<LockRequest.Builder> forms = List.of(
                request(new LockKey(namespace, "forever")).lease(FOREVER),
                request(new LockKey(namespace, "never-expires")).neverExpires());
        for (LockRequest.Builder form : forms) {
            Lease forever = template.acquire(form.build());
            LockKey key = forever.key();

            assertThat(forever.isHeld()).isTrue();
            assertThat(forever.remaining()).isEqualTo(LockRequest.FOREVER);
            assertThat(opened.store().inspect(key))
                    .describedAs("the never-expiring lock %s in the store", key)
                    .get()
                    .satisfies((state) -> {
                        assertThat(state.owner()).isEqualTo("owner");
                        assertThat(state.neverExpires()).isTrue();
                    });
            assertThat(template.tryAcquire(request(key).owner("other").build()).acquired())
                    .describedAs("another owner granted the never-expiring lock %s", key)
                    .isFalse();
            assertThat(forever.renew()).isTrue();
            assertThat(forever.renew(LEASE)).isTrue();
            assertThat(opened.store().inspect(key).orElseThrow().remaining()).isLessThanOrEqualTo(LEASE);
            assertThat(forever.renew(FOREVER)).isTrue();
            assertThat(opened.store().inspect(key).orElseThrow().neverExpires()).isTrue();
            assertThat(forever.release()).isTrue();
            assertThat(opened.store().inspect(key)).isEmpty();
        }
        assertThat(listener.of("Lost")).isEmpty();
        assertStoreStillWorks();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldWaitUntilGrantedWithAForeverWait(StoreKind kind) throws Exception {
        open(kind);
        LockKey key = new LockKey(namespace, "until-granted");
        List<LockRequest.Builder> forms = List.of(
                request(key).owner("waiter").waitTime(FOREVER),
                request(key).owner("waiter").waitUntilGranted());
        for (LockRequest.Builder form : forms) {
            Lease held = template.acquire(request(key).build());
            CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(
                    () -> {
                        try (Lease granted = template.acquire(form.build())) {
                            return granted.token();
                        }
                    },
                    threads);
            await("the waiter waiting on the store, or failed")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> waiter.isDone() || recording.waiters(key) == 1);
            assertThat(waiter).isNotDone();

            assertThat(held.release()).isTrue();

            assertThat(waiter.get(30, TimeUnit.SECONDS)).isGreaterThan(held.token());
        }
        assertStoreStillWorks();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource
    void shouldAnswerReleaseTwiceAnotherOwnersReleaseAndUseAfterClose(StoreKind kind) {
        open(kind);
        LockKey key = new LockKey(namespace, "misuse");
        Lease lease = template.acquire(request(key).build());

        assertThat(opened.store().release(key, "intruder", lease.token())).isEqualTo(ReleaseOutcome.NOT_HELD);
        assertThat(opened.store().release(key, "owner", lease.token() + 1)).isEqualTo(ReleaseOutcome.NOT_HELD);
        assertThat(template.handles(namespace, LEASE).expire("misuse", "intruder"))
                .isFalse();
        assertThat(opened.store().inspect(key))
                .get()
                .extracting(LockState::owner, LockState::holds, LockState::token)
                .containsExactly("owner", 1, lease.token());
        assertThat(lease.isHeld()).isTrue();

        assertThat(lease.release()).isTrue();
        assertThat(lease.release()).isFalse();
        assertThatCode(lease::close).doesNotThrowAnyException();
        assertThat(lease.renew()).isFalse();
        assertThat(lease.renew(LEASE)).isFalse();
        assertThat(lease.isHeld()).isFalse();
        assertThat(lease.remaining()).isZero();
        assertThat(opened.store().inspect(key))
                .describedAs("the lock after use after close")
                .isEmpty();
        assertThat(listener.of("Released"))
                .filteredOn((event) -> event.key().equals(key))
                .hasSize(1);
        assertThat(listener.of("Lost")).isEmpty();
        assertStoreStillWorks();
    }

    private void open(StoreKind kind) {
        opened = StoreTarget.shared(kind).open();
        recording = new RecordingLockStore(opened.store());
        template = LockTemplate.builder(recording)
                .instanceId("bad-input")
                .listener(listener)
                .build();
        witness = template.acquire(request(new LockKey(namespace, "witness"))
                .owner("witness")
                .autoRenew(false)
                .build());
    }

    private static LockRequest.Builder request(LockKey key) {
        return LockRequest.of(key).owner("owner").lease(LEASE);
    }

    /**
     * Check (softly: the test goes on) that a call is an {@link IllegalArgumentException} naming the values, and that
     * the store's locks are unchanged.
     */
    private void rejected(String what, ThrowingCallable call, String... named) {
        List<String> before = held();
        Throwable thrown = catchThrowable(call);
        softly.assertThat(thrown)
                .describedAs("%s: an IllegalArgumentException naming %s", what, List.of(named))
                .isInstanceOfSatisfying(
                        IllegalArgumentException.class,
                        (ex) -> assertThat(ex.getMessage()).contains(named).hasSizeLessThan(1024));
        softly.assertThat(held())
                .describedAs("%s: locks in the store after it", what)
                .isEqualTo(before);
    }

    /** Return what the store holds in this test's namespace, without the time left. */
    private List<String> held() {
        return template.list(namespace, 1000).stream()
                .sorted(Comparator.comparing((LockState state) -> state.key().id()))
                .map((state) -> state.key() + " " + state.owner() + " " + state.token() + " " + state.holds())
                .toList();
    }

    /**
     * Check that a normal acquire and release still work and that the witness held since before the catalogue is
     * still held; then report every miss collected softly.
     */
    private void assertStoreStillWorks() {
        LockKey key = new LockKey(namespace, "afterwards");
        try (Lease lease = template.acquire(request(key).build())) {
            assertThat(lease.token()).isPositive();
            assertThat(opened.store().inspect(key)).isPresent();
        }
        assertThat(opened.store().inspect(key)).isEmpty();
        softly.assertThat(witness.release())
                .describedAs("release of the witness held since before the catalogue")
                .isTrue();
        softly.assertAll();
    }

    /** Return a text fit for a failure message: control characters and surrogates escaped, at most 40 characters. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.chars()
                .limit(40)
                .forEach((c) -> out.append(
                        (Character.isISOControl(c) || Character.isSurrogate((char) c))
                                ? String.format("\\u%04X", c)
                                : String.valueOf((char) c)));
        return "[" + out + ((text.length() > 40) ? "… (" + text.length() + " chars)]" : "]");
    }

    private static List<String> concat(List<String> ids, String more) {
        List<String> all = new ArrayList<>(ids);
        all.add(more);
        return all;
    }
}
