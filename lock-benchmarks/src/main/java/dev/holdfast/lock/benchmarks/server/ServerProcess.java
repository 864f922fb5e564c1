package dev.holdfast.lock.benchmarks.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lock server's jar run as a child process on a free loopback port, with one store profile and one benchmark
 * client ({@code bench}, by HTTP Basic and by API key, roles READ and LOCK in every namespace) given on the command
 * line. Stopped by its
 * pid; its output goes to a log file kept for a failed run.
 */
final class ServerProcess implements AutoCloseable {

    static final String USER = "bench";

    static final String PASSWORD = "bench-" + Long.toString(System.nanoTime(), 36);

    /** The benchmark client's API key ({@code X-Api-Key}), naming the same client as {@link #USER}. */
    static final String API_KEY = "benchkey" + Long.toString(System.nanoTime(), 36);

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final Process process;

    private final int port;

    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Start the server and wait until its health endpoint answers.
     *
     * @param jar the lock server's jar
     * @param profile {@code redis} or {@code postgres}
     * @param extra more {@code --name=value} arguments
     * @return the running server
     * @throws IOException when it cannot be started or does not come up within a minute
     */
    static ServerProcess start(Path jar, String profile, List<String> extra) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("Lock server jar [" + jar + "] is missing: build it with "
                    + "mvn -B -pl lock-server -am package -DskipTests");
        }
        int port = freePort();
        Path log = Files.createTempFile("holdfast-server-" + profile + "-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--server.address=127.0.0.1",
                "--server.port=" + port,
                "--spring.profiles.active=" + profile,
                "--logging.level.root=WARN",
                "--holdfast.server.users." + USER + ".password={noop}" + PASSWORD,
                "--holdfast.server.users." + USER + ".roles=READ,LOCK",
                "--holdfast.server.users." + USER + ".namespaces=*",
                "--holdfast.server.api-keys." + API_KEY + ".client=" + USER,
                "--holdfast.server.api-keys." + API_KEY + ".roles=READ,LOCK",
                "--holdfast.server.api-keys." + API_KEY + ".namespaces=*"));
        command.addAll(extra);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServerProcess server = new ServerProcess(process, port, log);
        server.awaitHealthy(Duration.ofSeconds(90));
        return server;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        HttpRequest health = HttpRequest.newBuilder(base().resolve("/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IOException("Lock server exited with " + process.exitValue() + " at startup; its log: " + log
                        + "\n" + tail());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IOException("Lock server did not become healthy within " + timeout + "; its log: " + log);
    }

    /** Return the server's base address, {@code http://127.0.0.1:<port>}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Return the child's pid. */
    long pid() {
        return process.pid();
    }

    /**
     * Return the server's heap in use after a full collection ({@code jcmd <pid> GC.run}, then {@code GC.heap_info}).
     *
     * @return bytes
     */
    long heapAfterGc() throws IOException, InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            jcmd("GC.run");
            Matcher matcher = HEAP_USED.matcher(jcmd("GC.heap_info"));
            if (!matcher.find()) {
                throw new IOException("Could not read the heap of lock server pid " + pid());
            }
            used = Math.min(used, Long.parseLong(matcher.group(1)) * 1024);
        }
        return used;
    }

    /**
     * Return the server process's resident set size from {@code /proc/<pid>/status}.
     *
     * @return bytes
     */
    long rss() throws IOException {
        Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid()), "status")));
        if (!matcher.find()) {
            throw new IOException("No VmRSS for lock server pid " + pid());
        }
        return Long.parseLong(matcher.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(pid()),
                        command)
                .redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
            throw new IOException("jcmd " + pid() + " " + command + " failed: " + out);
        }
        return out;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException ex) {
            return "(log unreadable: " + ex.getMessage() + ")";
        }
    }

    /** Stop the server by its pid (SIGTERM: graceful shutdown), SIGKILL after 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
