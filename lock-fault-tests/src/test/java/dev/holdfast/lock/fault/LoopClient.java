package dev.holdfast.lock.fault;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockException;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fuzz client's loop: pick a key, acquire it (waiting, or trying once every third time), enter the fenced
 * register with the lease's token, hold briefly, leave, release; then print
 * {@code DONE granted=<n> notGranted=<n> refused=<n> failed=<n>}. A refusal by the register is also printed as it
 * happens ({@code REFUSED <reason>}), and so is a lock call that failed ({@code FAILED <exception>}, such as a lease
 * found lost at release); the loop goes on, so that the register judges every iteration.
 *
 * <p>Options: {@code iterations}, {@code holdMillis} (the longest hold, each hold random below it), {@code seed}, and
 * {@code cheat} for the register's self-test: {@code nolock} enters without acquiring (with a token above any real
 * one), {@code lowtoken} acquires for real but shows token 1.
 */
final class LoopClient {

    private final LockTemplate template;

    private final RegisterClient register;

    private final String owner;

    private final String namespace;

    private final List<String> ids;

    private final int iterations;

    private final int holdMillis;

    private final Duration lease;

    private final Duration wait;

    private final String cheat;

    private final Random random;

    LoopClient(LockTemplate template, RegisterClient register, Map<String, String> options) {
        this.template = template;
        this.register = register;
        this.owner = options.get("owner");
        this.namespace = options.get("namespace");
        this.ids = Arrays.asList(options.get("keys").split(","));
        this.iterations = Integer.parseInt(options.get("iterations"));
        this.holdMillis = Integer.parseInt(options.getOrDefault("holdMillis", "5"));
        this.lease = Duration.ofMillis(Long.parseLong(options.getOrDefault("leaseMillis", "15000")));
        this.wait = Duration.ofMillis(Long.parseLong(options.getOrDefault("waitMillis", "30000")));
        this.cheat = options.getOrDefault("cheat", "none");
        this.random = new Random(Long.parseLong(options.getOrDefault("seed", "1")));
    }

    void run() throws InterruptedException {
        int granted = 0;
        int notGranted = 0;
        int refused = 0;
        int failed = 0;
        for (int i = 0; i < iterations; i++) {
            LockKey key = new LockKey(namespace, ids.get(random.nextInt(ids.size())));
            if (cheat.equals("nolock")) {
                refused += visit(key, Long.MAX_VALUE - iterations + i) ? 0 : 1;
                continue;
            }
            LockRequest request = LockRequest.of(key)
                    .owner(owner)
                    .lease(lease)
                    .waitTime((i % 3 == 2) ? Duration.ZERO : wait)
                    .build();
            try {
                LockResult result = template.tryAcquire(request);
                if (!(result instanceof LockResult.Acquired acquired)) {
                    notGranted++;
                    continue;
                }
                granted++;
                try (Lease held = acquired.lease()) {
                    refused += visit(key, cheat.equals("lowtoken") ? 1 : held.token()) ? 0 : 1;
                }
            } catch (LockException ex) {
                failed++;
                ClientMain.report("FAILED " + ex);
            }
        }
        ClientMain.report(
                "DONE granted=" + granted + " notGranted=" + notGranted + " refused=" + refused + " failed=" + failed);
    }

    /** Enter, hold, leave; return whether the register let this client in. */
    private boolean visit(LockKey key, long token) throws InterruptedException {
        String entered = register.ask("ENTER", key, owner, token);
        if (!entered.equals("OK")) {
            ClientMain.report(entered);
            return false;
        }
        int hold = random.nextInt(holdMillis + 1);
        if (hold > 0) {
            Thread.sleep(hold); // the guarded work: time passing while inside
        }
        String left = register.ask("LEAVE", key, owner, token);
        if (!left.equals("OK")) {
            ClientMain.report(left);
            return false;
        }
        return true;
    }
}
