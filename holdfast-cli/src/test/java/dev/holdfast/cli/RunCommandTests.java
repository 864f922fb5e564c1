package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code holdfast run --} as real processes against the real server: the command runs only while the lock is held, its
 * exit code comes back, the lock is released at its end, and when the lock is lost the command's whole process group
 * (grandchildren too) is terminated before the lease could end on the server.
 */
class RunCommandTests {

    private static LockServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = LockServer.shared();
    }

    @Test
    void shouldHoldTheLockWhileTheCommandRunsAndPassOnItsExitCode() throws IOException {
        String lock = lock();
        CliProcess run = CliProcess.start(
                this.dir,
                server,
                "run",
                "--lease",
                "6s",
                lock,
                "--",
                "sh",
                "-c",
                "touch started; while [ ! -e go ]; do sleep 0.05; done; exit 7");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(this.dir.resolve("started")));

        LockServer.Answer held = server.inspect(lock);
        assertThat(held.status()).as("held while the command runs").isEqualTo(200);
        JsonNode first = held.json();
        long firstDeadline = first.path("holder").path("deadline").asLong();
        CliProcess.Result second = CliProcess.run(this.dir, server, "lock", "acquire", lock, "--owner", "other");
        assertThat(second.exit()).as(second + " while " + run.output()).isEqualTo(ExitCode.REFUSED);
        assertThat(second.err()).contains(lock);
        // renewed (the deadline moves on), and still held, with the same token, after the first lease has ended
        await().atMost(Duration.ofSeconds(20)).until(() -> System.currentTimeMillis() > firstDeadline + 500);
        LockServer.Answer still = server.inspect(lock);
        assertThat(still.status())
                .as("still held after the first lease: " + run.output())
                .isEqualTo(200);
        JsonNode later = still.json();
        assertThat(later.path("holder").path("token"))
                .isEqualTo(first.path("holder").path("token"));
        assertThat(later.path("holder").path("deadline").asLong()).isGreaterThan(firstDeadline);
        assertThat(run.process().isAlive()).isTrue();

        Files.createFile(this.dir.resolve("go"));
        CliProcess.Result result = run.await();
        assertThat(result.exit()).as(result.err()).isEqualTo(7);
        assertThat(server.inspect(lock).status())
                .as("released at the command's end")
                .isEqualTo(404);
    }

    @Test
    void shouldTerminateTheWholeProcessGroupWhenTheLockIsForceReleased() throws IOException {
        String lock = lock();
        CliProcess run = CliProcess.start(
                this.dir,
                server,
                "run",
                "--lease",
                "3s",
                "--grace",
                "2s",
                lock,
                "--",
                "sh",
                "-c",
                "sleep 300 & echo $! > grandchild.tmp; mv grandchild.tmp grandchild; echo $$ > leader.tmp;"
                        + " mv leader.tmp leader; wait");
        long leader = pid("leader");
        long grandchild = pid("grandchild");
        assertThat(ProcStat.of(leader).processGroup())
                .as("the command leads its own group")
                .isEqualTo(leader);
        assertThat(ProcStat.of(grandchild).processGroup())
                .as("the grandchild is in it")
                .isEqualTo(leader);

        assertThat(server.forceRelease(lock).status()).isEqualTo(204);

        // found at the next renewal (a third of the lease), then SIGTERM to the whole group at once
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(leader) && !alive(grandchild));
        CliProcess.Result result = run.await();
        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCode.LOST);
        assertThat(result.err()).contains("lock " + lock + " lost");
    }

    @Test
    void shouldKillACommandIgnoringSigtermBeforeTheLeaseCouldEndWhenTheServerDies() throws IOException {
        String lock = lock();
        LockServer own = LockServer.start();
        CliProcess run;
        try {
            run = CliProcess.start(
                    this.dir,
                    own,
                    "run",
                    "--lease",
                    "6s",
                    "--margin",
                    "2s",
                    "--grace",
                    "30s",
                    lock,
                    "--",
                    "sh",
                    "-c",
                    "trap '' TERM; sleep 300 & echo $! > grandchild.tmp; mv grandchild.tmp grandchild;"
                            + " echo $$ > leader.tmp; mv leader.tmp leader; wait");
            pid("leader");
            assertThat(own.held(lock)).isTrue();
        } finally {
            own.kill();
        }
        long leader = pid("leader");
        long grandchild = pid("grandchild");

        // the last renewal succeeded before the server died: its lease ends within 6 s of now, and the command
        // (which ignores SIGTERM, grace 30 s) must be dead by then: SIGKILL at the latest when the lease could end
        await().atMost(Duration.ofSeconds(6)).until(() -> !alive(leader) && !alive(grandchild));
        CliProcess.Result result = run.await();
        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCode.LOST);
        assertThat(result.err()).contains("no renewal succeeded");
    }

    @Test
    void shouldForwardSigtermToTheGroupAndReleaseTheLock() {
        String lock = lock();
        CliProcess run = CliProcess.start(
                this.dir,
                server,
                "run",
                "--lease",
                "20s",
                lock,
                "--",
                "sh",
                "-c",
                "sleep 300 & echo $! > grandchild.tmp; mv grandchild.tmp grandchild; echo $$ > leader.tmp;"
                        + " mv leader.tmp leader; wait");
        long leader = pid("leader");
        long grandchild = pid("grandchild");

        run.process().destroy(); // SIGTERM to holdfast itself

        CliProcess.Result result = run.await();
        assertThat(result.exit())
                .as("sh's own code, killed by SIGTERM: " + result.err())
                .isEqualTo(128 + 15);
        assertThat(alive(leader) || alive(grandchild)).isFalse();
        assertThat(server.inspect(lock).status()).as("released").isEqualTo(404);
    }

    @Test
    void shouldTerminateWhatTheCommandLeftRunningBeforeReleasing() {
        String lock = lock();
        CliProcess run = CliProcess.start(
                this.dir,
                server,
                "run",
                "--lease",
                "6s",
                "--grace",
                "2s",
                lock,
                "--",
                "sh",
                "-c",
                "sleep 300 & echo $! > grandchild.tmp; mv grandchild.tmp grandchild; exit 0");
        long grandchild = pid("grandchild");

        CliProcess.Result result = run.await();
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).contains("terminating them before releasing " + lock);
        assertThat(alive(grandchild)).as("the grandchild left behind").isFalse();
        assertThat(server.inspect(lock).status()).as("released").isEqualTo(404);
    }

    private long pid(String file) {
        Path path = this.dir.resolve(file);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(path));
        try {
            return Long.parseLong(Files.readString(path).strip());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean alive(long pid) {
        ProcStat stat = ProcStat.of(pid);
        return stat != null && stat.alive();
    }

    private static String lock() {
        return "cli-run/" + UUID.randomUUID();
    }
}
