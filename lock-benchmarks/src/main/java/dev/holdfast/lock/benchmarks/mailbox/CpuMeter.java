package dev.holdfast.lock.benchmarks.mailbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent so far by the parties of a call: this JVM (the client), the Redis server ({@code INFO cpu}, user +
 * system) and the PostgreSQL server (every process named {@code postgres} in {@code /proc}: the backends of other
 * builds' tests count too when they run meanwhile). Differences over a known number of calls give CPU per call, which
 * on a machine of two cores bounds calls per second whatever the round trips cost.
 */
final class CpuMeter {

    private static final double TICK_MS = 10.0;

    private CpuMeter() {}

    /**
     * Return this JVM's CPU time.
     *
     * @return milliseconds
     */
    static double jvm() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1_000_000.0;
    }

    /**
     * Return the Redis server's CPU time.
     *
     * @param url the server
     * @return milliseconds
     */
    static double redis(URI url) {
        try (Socket socket = new Socket(url.getHost(), (url.getPort() != -1) ? url.getPort() : 6379)) {
            OutputStream out = socket.getOutputStream();
            out.write("INFO cpu\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String header = in.readLine();
            int length = Integer.parseInt(header.substring(1));
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            double seconds = 0;
            for (String line : new String(body, 0, read).split("\r\n")) {
                if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                    seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1));
                }
            }
            return seconds * 1000;
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not read INFO cpu of Redis at " + url, ex);
        }
    }

    /**
     * Return the CPU time of every PostgreSQL process on this machine, or NaN when {@code /proc} cannot be read.
     *
     * @return milliseconds
     */
    static double postgres() {
        double ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException ex) {
                    continue; // The process ended.
                }
                int close = stat.lastIndexOf(')');
                if (close < 0 || !stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                // After the command: state is field 3, utime field 14 and stime field 15 of the whole line.
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        } catch (IOException ex) {
            return Double.NaN;
        }
        return ticks * TICK_MS;
    }
}
