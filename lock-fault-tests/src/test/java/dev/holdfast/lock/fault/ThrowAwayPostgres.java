package dev.holdfast.lock.fault;

import dev.holdfast.lock.test.services.JdbcService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own: {@code initdb} in a temporary directory, run with {@code pg_ctl} on a free
 * port (trust authentication, {@code fsync} off), to crash with {@code pg_ctl stop -m immediate} (no shutdown
 * checkpoint: the next start recovers from the WAL, as after a power cut of the server process) and start again. It
 * runs as the {@code postgres} operating-system user when the tests run as root. The shared PostgreSQL is never
 * touched.
 */
final class ThrowAwayPostgres implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

    private final int port = LocalPorts.free();

    private final Path bin = binaries();

    private final Path directory;

    private final Path data;

    private final Thread stopAtExit = new Thread(this::stopQuietly, "throw-away-postgres-stop");

    ThrowAwayPostgres() {
        try {
            this.directory = Files.createTempDirectory("holdfast-pg-");
        } catch (IOException ex) {
            throw new UncheckedIOException("No temporary directory for PostgreSQL", ex);
        }
        this.data = directory.resolve("data");
        if (System.getProperty("user.name").equals("root")) {
            Commands.run(COMMAND_TIMEOUT, "chown", "postgres:postgres", directory.toString());
        }
        Commands.run(
                COMMAND_TIMEOUT,
                Commands.as(
                        "postgres",
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "--auth=trust",
                        "--username=postgres",
                        "--encoding=UTF8",
                        "--locale=C",
                        "--no-sync"));
        Runtime.getRuntime().addShutdownHook(stopAtExit);
        start();
    }

    JdbcService service() {
        return new JdbcService("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    /** Start the server (again) and wait until it accepts connections. */
    void start() {
        Commands.run(
                COMMAND_TIMEOUT,
                Commands.as(
                        "postgres",
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        directory.resolve("server.log").toString(),
                        "-w",
                        "-t",
                        "90",
                        "-o",
                        "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off",
                        "start"));
    }

    /** Stop the server the way a crash does: every backend killed at once, no checkpoint. */
    void crash() {
        Commands.run(
                COMMAND_TIMEOUT,
                Commands.as(
                        "postgres",
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-m",
                        "immediate",
                        "-w",
                        "stop"));
    }

    @Override
    public void close() {
        stopQuietly();
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach((path) -> path.toFile().delete());
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not delete " + directory, ex);
        }
    }

    private void stopQuietly() {
        try {
            crash();
        } catch (RuntimeException ex) {
            // not running
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map((version) -> version.resolve("bin"))
                    .filter((dir) -> Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.comparing((Path dir) -> Integer.parseInt(
                            dir.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("No pg_ctl under /usr/lib/postgresql/*/bin"));
        } catch (IOException ex) {
            throw new UncheckedIOException("PostgreSQL binaries not found under /usr/lib/postgresql", ex);
        }
    }
}
