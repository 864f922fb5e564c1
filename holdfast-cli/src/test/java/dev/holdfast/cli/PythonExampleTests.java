package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python example {@code docs/examples/holdfast_lock.py} run with {@code python3} against the real server: it holds
 * the lock while it works (longer than one lease of 6 s, so only its renewals keep it), releases it at the end, and
 * stops working when the lock is lost. {@code python3} with {@code requests} must exist: the test fails, never skips,
 * without them.
 */
class PythonExampleTests {

    private static LockServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        Process check = new ProcessBuilder("python3", "-c", "import requests")
                .redirectErrorStream(true)
                .start();
        assertThat(check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0)
                .as("python3 with the requests package must be installed to run docs/examples/holdfast_lock.py: "
                        + new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isTrue();
        server = LockServer.shared();
    }

    @Test
    void shouldHoldTheLockWhileWorkingPastOneLeaseAndReleaseIt() throws Exception {
        String lock = "cli-python/" + UUID.randomUUID();
        Process python = start(lock, "8");
        await().atMost(Duration.ofSeconds(20)).until(() -> out().contains("holding " + lock));

        assertThat(server.inspect(lock).json().path("holder").path("owner").asString())
                .contains("py-worker");
        await().during(Duration.ofMillis(6500)).atMost(Duration.ofSeconds(8)).until(() -> server.held(lock));

        assertThat(python.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(err()).isZero();
        assertThat(out()).contains("released " + lock);
        assertThat(server.inspect(lock).status()).isEqualTo(404);
    }

    @Test
    void shouldStopWorkingWhenTheLockIsLost() throws Exception {
        String lock = "cli-python/" + UUID.randomUUID();
        Process python = start(lock, "60");
        await().atMost(Duration.ofSeconds(20)).until(() -> out().contains("holding " + lock));

        assertThat(server.forceRelease(lock).status()).isEqualTo(204);

        // the next renewal (every 2 s) is refused: the work stops at once
        await().atMost(Duration.ofSeconds(4)).until(() -> !python.isAlive());
        assertThat(python.exitValue()).isEqualTo(3);
        assertThat(err()).contains("lost " + lock);
    }

    private Process start(String lock, String seconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("python3", example().toString(), lock, seconds)
                .redirectOutput(this.dir.resolve("out").toFile())
                .redirectError(this.dir.resolve("err").toFile());
        builder.environment().put("HOLDFAST_SERVER", server.url());
        builder.environment().put("HOLDFAST_API_KEY", "demo-key");
        return builder.start();
    }

    private String out() throws IOException {
        Path out = this.dir.resolve("out");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    private String err() throws IOException {
        Path err = this.dir.resolve("err");
        return Files.exists(err) ? Files.readString(err) : "";
    }

    /** The example, found from the module's directory (where Maven runs the tests). */
    static Path example() {
        return Project.root().resolve("docs/examples/holdfast_lock.py");
    }
}
