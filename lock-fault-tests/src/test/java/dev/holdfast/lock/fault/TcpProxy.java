package dev.holdfast.lock.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between a client and its store, to freeze the network between them: {@link #freeze()} stops forwarding
 * bytes in both directions without closing anything (as a partition does: no reset, no timeout but the client's
 * own), {@link #thaw()} forwards again, {@link #cut()} closes every connection (what was held back is dropped).
 * Each accepted connection opens its own upstream connection; two threads pump the bytes.
 */
final class TcpProxy implements AutoCloseable {

    private final String upstreamHost;

    private final int upstreamPort;

    private final ServerSocket server;

    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private boolean frozen;

    TcpProxy(String upstreamHost, int upstreamPort) {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException ex) {
            throw new UncheckedIOException("The proxy could not listen", ex);
        }
        daemon("proxy-accept-" + upstreamPort, this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Stop forwarding, keeping every connection open. */
    synchronized void freeze() {
        frozen = true;
    }

    /** Forward again what was held back and what comes next. */
    synchronized void thaw() {
        frozen = false;
        notifyAll();
    }

    /** Close every connection, dropping what was held back, and forward again; new connections are accepted. */
    void cut() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        thaw();
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(upstreamHost, upstreamPort);
                sockets.add(client);
                sockets.add(upstream);
                daemon("proxy-up-" + client.getPort(), () -> pump(client, upstream));
                daemon("proxy-down-" + client.getPort(), () -> pump(upstream, client));
            } catch (IOException ex) {
                // closed, or the upstream refused: the client sees its connection closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) != -1) {
                awaitThawed();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ex) {
            // one side closed or was cut
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private synchronized void awaitThawed() throws InterruptedException {
        while (frozen) {
            wait();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ex) {
            // already closed
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
