package dev.holdfast.lock.benchmarks.mailbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the commands clients send to Redis, through {@code MONITOR} on a connection of its own: every command a
 * client sent is one line naming the client's address, while the commands a script runs are lines naming
 * {@code lua} and are not counted. So the count is the clients' round trips (pipelining aside, which no contender
 * uses on its call path). Redis's own counters ({@code INFO commandstats}) cannot tell the two apart. Only open while
 * the suite counts round trips: {@code MONITOR} slows the server.
 */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;

    private final AtomicLong commands = new AtomicLong();

    private final Thread reader;

    private final Socket markers;

    private final AtomicLong marks = new AtomicLong();

    private volatile String awaited = "";

    private volatile long atMark = -1;

    RedisMonitor(URI url) {
        try {
            int port = (url.getPort() != -1) ? url.getPort() : 6379;
            this.socket = new Socket(url.getHost(), port);
            this.markers = new Socket(url.getHost(), port);
            OutputStream out = socket.getOutputStream();
            out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String ok = in.readLine();
            if (!"+OK".equals(ok)) {
                throw new IllegalStateException("Redis at " + url + " refused MONITOR: " + ok);
            }
            this.reader = new Thread(() -> read(in), "redis-monitor");
            this.reader.setDaemon(true);
            this.reader.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not MONITOR Redis at " + url, ex);
        }
    }

    private void read(BufferedReader in) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                int open = line.indexOf('[');
                int close = line.indexOf(']', open + 1);
                if (!awaited.isEmpty() && line.contains(awaited)) {
                    atMark = commands.get();
                } else if (open >= 0
                        && close > open
                        && !line.substring(open, close).endsWith(" lua")) {
                    commands.incrementAndGet();
                }
            }
        } catch (IOException ex) {
            // The socket was closed: counting is over.
        }
    }

    /**
     * Return the client commands counted up to now: sends a marker command on a connection of its own and waits (at
     * most 10 s) until the monitor has seen it, so that every command sent before is counted; the marker is not.
     *
     * @return the count
     */
    long commands() {
        String token = "holdfast-mailbox-bench-mark-" + marks.incrementAndGet();
        atMark = -1;
        awaited = token;
        try {
            OutputStream out = markers.getOutputStream();
            out.write(("ECHO " + token + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not send a marker to Redis", ex);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (atMark < 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("MONITOR did not show marker [" + token + "] within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return atMark;
    }

    @Override
    public void close() {
        try {
            socket.close();
            markers.close();
        } catch (IOException ex) {
            // Already closed.
        }
    }
}
