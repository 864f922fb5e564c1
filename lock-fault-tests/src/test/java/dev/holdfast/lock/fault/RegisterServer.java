package dev.holdfast.lock.fault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The {@link FencedRegister} on a TCP port of the loopback interface, for client JVMs: one line per operation,
 * {@code ENTER|LEAVE|WRITE <tab> key <tab> owner <tab> token}, answered by {@code OK} or {@code REFUSED <tab> reason}
 * (see {@link RegisterClient}); or, for the mailbox tests, a {@link FrameJournal}, told when a connection closes. One
 * thread per connection.
 */
final class RegisterServer implements AutoCloseable {

    private final @Nullable FencedRegister register;

    private final @Nullable FrameJournal journal;

    private final ServerSocket server;

    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

    RegisterServer(FencedRegister register) {
        this(register, null);
    }

    RegisterServer(FrameJournal journal) {
        this(null, journal);
    }

    private RegisterServer(@Nullable FencedRegister register, @Nullable FrameJournal journal) {
        this.register = register;
        this.journal = journal;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException ex) {
            throw new UncheckedIOException("The fenced register could not listen", ex);
        }
        Thread acceptor = new Thread(this::accept, "fenced-register");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                Thread serving = new Thread(() -> serve(connection), "fenced-register-" + connection.getPort());
                serving.setDaemon(true);
                serving.start();
            } catch (IOException ex) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(connection.getOutputStream(), true, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] request = line.split("\t", -1);
                out.println((journal != null) ? journal.answer(request, connection) : answer(request));
            }
        } catch (IOException ex) {
            // the client went away (or was killed): nothing to answer
        } finally {
            connections.remove(connection);
            if (journal != null) {
                journal.disconnected(connection);
            }
        }
    }

    private String answer(String[] request) {
        FencedRegister register = Objects.requireNonNull(this.register);
        if (request.length != 4) {
            return "REFUSED\tmalformed request " + String.join(" ", request);
        }
        String key = request[1];
        String owner = request[2];
        long token = Long.parseLong(request[3]);
        Optional<FencedRegister.Refusal> refusal = switch (request[0]) {
            case "ENTER" -> register.enter(key, owner, token);
            case "LEAVE" -> register.leave(key, owner, token);
            case "WRITE" -> register.write(key, owner, token);
            default -> Optional.of(new FencedRegister.Refusal(request[0], key, owner, token, "unknown operation"));
        };
        return refusal.map((refused) -> "REFUSED\t" + refused.reason()).orElse("OK");
    }
}
