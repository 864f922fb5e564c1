package dev.holdfast.lock.fault;

import dev.holdfast.lock.LockKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A client JVM's connection to the {@link RegisterServer}. Not thread-safe. */
final class RegisterClient implements AutoCloseable {

    private final Socket socket;

    private final BufferedReader in;

    private final PrintWriter out;

    RegisterClient(int port) {
        try {
            this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("The fenced register on port " + port + " could not be reached", ex);
        }
    }

    /**
     * Ask the register for one operation.
     *
     * @param operation {@code ENTER}, {@code LEAVE} or {@code WRITE}
     * @param key the key
     * @param owner who asks
     * @param token the fencing token shown
     * @return {@code OK}, or {@code REFUSED <reason>}
     */
    String ask(String operation, LockKey key, String owner, long token) {
        return request(operation, key.toString(), owner, Long.toString(token)).replace('\t', ' ');
    }

    /**
     * Send one request of any protocol the server speaks (the register's, the {@link FrameJournal}'s) and read the
     * answer line.
     *
     * @param fields the request's fields, sent tab-separated
     * @return the answer line as sent
     */
    String request(String... fields) {
        out.println(String.join("\t", fields));
        try {
            String answer = in.readLine();
            if (answer == null) {
                throw new IllegalStateException("The register closed the connection");
            }
            return answer;
        } catch (IOException ex) {
            throw new UncheckedIOException("The register did not answer " + String.join(" ", fields), ex);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
