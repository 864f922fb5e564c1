package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code lock}, {@code semaphore} and {@code session} commands against the real server, run in this JVM
 * ({@link Holdfast#execute(PrintWriter, PrintWriter, String...)}): what each prints and its exit code.
 */
class CommandsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LockServer server;

    @BeforeAll
    static void startServer() {
        server = LockServer.shared();
    }

    @Test
    void shouldAcquireRenewAndReleaseALockByOwnerAndToken() {
        String lock = "cli-commands/" + UUID.randomUUID();
        Run acquired = holdfast("worker", "--json", "lock", "acquire", lock, "--owner", "w1", "--lease", "20s");
        assertThat(acquired.exit()).as(acquired.err()).isZero();
        JsonNode grant = acquired.json();
        assertThat(grant.path("lock").asString()).isEqualTo(lock);
        assertThat(grant.path("leaseMs").asLong()).isEqualTo(20_000);
        assertThat(grant.path("remainingMs").asLong()).isBetween(1L, 20_000L);
        String token = grant.path("token").asString();

        Run shown = holdfast("viewer", "lock", "show", lock);
        assertThat(shown.out()).contains(lock + " held by ").contains("token " + token);
        Run listed = holdfast("viewer", "lock", "list", "--namespace", "cli-commands");
        assertThat(listed.out()).contains(lock + " held by ");

        Run refused = holdfast("worker", "lock", "acquire", lock, "--owner", "w2");
        assertThat(refused.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(refused.err()).contains(lock);

        Run renewed = holdfast("worker", "lock", "renew", lock, "--owner", "w1", "--token", token, "--lease", "5s");
        assertThat(renewed.exit()).as(renewed.err()).isZero();
        assertThat(renewed.out()).startsWith("granted " + lock).contains("token " + token);

        Run wrongToken = holdfast("worker", "lock", "release", lock, "--owner", "w1", "--token", token + "9");
        assertThat(wrongToken.exit()).isEqualTo(ExitCode.REFUSED);
        Run released = holdfast("worker", "lock", "release", lock, "--owner", "w1", "--token", token);
        assertThat(released.exit()).as(released.err()).isZero();
        assertThat(released.out()).isEqualTo("released " + lock + "\n");
        assertThat(server.inspect(lock).status()).isEqualTo(404);
        assertThat(holdfast("viewer", "lock", "show", lock).exit()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void shouldForceReleaseOnlyAsAdministrator() {
        String lock = "cli-commands/" + UUID.randomUUID();
        assertThat(holdfast("worker", "lock", "acquire", lock).exit()).isZero();

        assertThat(holdfast("worker", "lock", "force-release", lock).exit()).isEqualTo(ExitCode.FORBIDDEN);
        assertThat(server.held(lock)).isTrue();
        assertThat(holdfast("admin", "lock", "force-release", lock).exit()).isZero();
        assertThat(server.held(lock)).isFalse();
    }

    @Test
    void shouldRefuseWithoutTheRoleOrCredentials() {
        String lock = "cli-commands/" + UUID.randomUUID();
        assertThat(holdfast("viewer", "lock", "acquire", lock).exit()).isEqualTo(ExitCode.FORBIDDEN);
        Run anonymous = run("--server", server.url(), "lock", "acquire", lock);
        assertThat(anonymous.exit()).isEqualTo(ExitCode.FORBIDDEN);
        Run wrongPassword =
                run("--server", server.url(), "--user", "worker", "--password", "nope", "lock", "acquire", lock);
        assertThat(wrongPassword.exit()).isEqualTo(ExitCode.FORBIDDEN);
        Run apiKey = run("--server", server.url(), "--api-key", "demo-key", "lock", "acquire", lock);
        assertThat(apiKey.exit()).as(apiKey.err()).isZero();
    }

    @Test
    void shouldNameTheBadValueOnUsageErrors() {
        Run noSlash = holdfast("worker", "lock", "acquire", "no-namespace");
        assertThat(noSlash.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(noSlash.err()).contains("[no-namespace]");
        Run badLease = holdfast("worker", "lock", "acquire", "a/b", "--lease", "3 parsecs");
        assertThat(badLease.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badLease.err()).contains("'3 parsecs'");
        Run badMargin = holdfast("worker", "run", "a/b", "--lease", "2s", "--margin", "1500ms", "--", "true");
        assertThat(badMargin.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(badMargin.err()).contains("a/b").contains("--margin PT1.5S");
    }

    @Test
    void shouldReportAnUnreachableServer() {
        Run unreachable = run("--server", "http://localhost:1", "--api-key", "demo-key", "lock", "acquire", "a/b");
        assertThat(unreachable.exit()).isEqualTo(ExitCode.UNAVAILABLE);
        assertThat(unreachable.err()).contains("localhost:1");
    }

    @Test
    void shouldOpenKeepAliveAndCloseASessionThatHoldsALock() {
        Run opened = holdfast("worker", "session", "open", "--ttl", "20s");
        assertThat(opened.exit()).as(opened.err()).isZero();
        String session = opened.out().strip();
        String lock = "cli-commands/" + UUID.randomUUID();
        Run acquired = holdfast("worker", "lock", "acquire", lock, "--session", session);
        assertThat(acquired.exit()).as(acquired.err()).isZero();

        Run kept = holdfast("worker", "--json", "session", "keepalive", session);
        assertThat(kept.exit()).as(kept.err()).isZero();
        assertThat(kept.json().path("session").asString()).isEqualTo(session);

        assertThat(holdfast("worker", "session", "close", session).exit()).isZero();
        assertThat(server.held(lock)).as("released with its session").isFalse();
        assertThat(holdfast("worker", "session", "keepalive", session).exit()).isEqualTo(ExitCode.NOT_FOUND);
    }

    @Test
    void shouldCreateAcquireReleaseResizeAndDeleteASemaphore() {
        String semaphore = "cli-commands/" + UUID.randomUUID();
        Run created = holdfast("admin", "semaphore", "create", semaphore, "--permits", "2");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo(semaphore + " 0 of 2 permits in use\n");
        assertThat(holdfast("worker", "semaphore", "create", semaphore, "--permits", "3")
                        .exit())
                .isEqualTo(ExitCode.FORBIDDEN);

        Run first = holdfast("worker", "--json", "semaphore", "acquire", semaphore, "--owner", "a", "--permits", "2");
        assertThat(first.exit()).as(first.err()).isZero();
        Run full = holdfast("worker", "semaphore", "acquire", semaphore, "--owner", "b");
        assertThat(full.exit()).isEqualTo(ExitCode.REFUSED);
        Run listed = holdfast("viewer", "semaphore", "list", "--namespace", "cli-commands");
        assertThat(listed.out()).contains(semaphore + " 2 of 2 permits in use");

        String token = first.json().path("token").asString();
        assertThat(holdfast("worker", "semaphore", "release", semaphore, "--owner", "a", "--token", token)
                        .exit())
                .isZero();
        Run resized = holdfast("admin", "semaphore", "resize", semaphore, "--permits", "3");
        assertThat(resized.out()).isEqualTo(semaphore + " 0 of 3 permits in use\n");
        assertThat(holdfast("admin", "semaphore", "delete", semaphore).exit()).isZero();
        assertThat(holdfast("viewer", "semaphore", "list", "--namespace", "cli-commands")
                        .out())
                .doesNotContain(semaphore);
    }

    private static Run holdfast(String user, String... args) {
        List<String> line = new ArrayList<>(List.of("--server", server.url(), "--user", user, "--password", user));
        line.addAll(List.of(args));
        return run(line.toArray(String[]::new));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Holdfast.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {

        JsonNode json() {
            return JSON.readTree(this.out);
        }
    }
}
