package dev.holdfast.lock.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Free ports and listening checks on the loopback interface, for the throw-away servers. */
final class LocalPorts {

    private LocalPorts() {}

    /** Return a TCP port that was free a moment ago. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Wait until something accepts connections on a port.
     *
     * @param port the port
     * @param what the server, for the failure message
     * @param alive whether the server's process still runs (waiting stops when it does not)
     */
    static void awaitListening(int port, String what, BooleanSupplier alive) {
        await(what + " listening on port " + port)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .failFast(what + " exited before listening on port " + port, () -> !alive.getAsBoolean())
                .until(() -> listening(port));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }
}
