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

/**
 * CPU time spent so far by the parties of a call: this JVM (the client) and the Redis server ({@code INFO cpu}, user +
 * system). Differences over a known number of calls give CPU per call, which on a machine of two cores bounds calls
 * per second whatever the round trips cost. PostgreSQL's share is not measured: its backends are shared with other
 * builds' tests, which come and go during a run.
 */
final class CpuMeter {

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
}
