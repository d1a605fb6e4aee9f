package net.rudp.demo.tools;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.rudp.demo.DemoException;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.cli.NetworkErrors;
import net.rudp.demo.transport.Transport;

/**
 * An echo server in the seed's two forms ({@link EchoMode}), written once against
 * {@link Transport} so the same code serves kernel TCP and rudp. It echoes plain bytes: whatever
 * a client sends comes back, in whatever pieces the stream delivers it, until the client's end of
 * stream; then the server closes that connection.
 *
 * <p>Log lines (one per connection event) go to the given consumer; {@code [n]} numbers the
 * connections in the order they were accepted, so a repetitive server's log shows each client
 * finished before the next one is accepted.
 */
public final class EchoServer implements Closeable {
    private final Transport transport;
    private final ServerSocket listener;
    private final EchoMode mode;
    private final Consumer<String> log;
    /** Connections being served, closed by {@link #close()} so their threads end. */
    private final Set<Socket> serving = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private Thread background;

    private EchoServer(Transport transport, ServerSocket listener, EchoMode mode, Consumer<String> log) {
        this.transport = transport;
        this.listener = listener;
        this.mode = mode;
        this.log = log;
    }

    /** Listens on {@code local}; {@link #serve()} or {@link #serveInBackground()} then accepts. */
    public static EchoServer listen(Transport transport, InetSocketAddress local, EchoMode mode, int backlog,
                             Consumer<String> log) throws IOException {
        return new EchoServer(transport, transport.listen(local, backlog), mode, log);
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /**
     * Accepts and echoes until {@link #close()}.
     *
     * @throws UncheckedIOException if accepting fails for another reason than the close
     */
    public void serve() {
        for (int n = 1; ; n++) {
            Socket conn;
            try {
                conn = transport.accept(listener);
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                throw new UncheckedIOException("the echo server cannot accept connections", e);
            }
            int id = n;
            serving.add(conn);
            if (closed) { // close() may have run between accept and add, missing this connection
                closeQuietly(conn);
                return;
            }
            log.accept("[" + id + "] " + HostPort.format((InetSocketAddress) conn.getRemoteSocketAddress()) + " connected");
            switch (mode) {
                case REPETITIVE -> echo(id, conn);
                case CONCURRENT -> Thread.ofVirtual().name("echo-" + id).start(() -> echo(id, conn));
            }
        }
    }

    /**
     * A concurrent echo server on loopback in this process, on any free port, serving in the
     * background until closed (for tools that bring their own server).
     */
    public static EchoServer startOnLoopback(Transport transport, EchoMode mode, int backlog) {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try {
            return listen(transport, local, mode, backlog, line -> {}).serveInBackground();
        } catch (IOException e) {
            throw DemoException.failure(NetworkErrors.describe(e, "listen on", HostPort.format(local)));
        }
    }

    /** Runs {@link #serve()} on a thread of its own (for servers inside the demo's process). */
    public EchoServer serveInBackground() {
        background = Thread.ofPlatform().name("echo-server-" + mode.label()).daemon().start(() -> {
            try {
                serve();
            } catch (UncheckedIOException e) {
                log.accept("stopped: " + e.getMessage() + ": " + e.getCause().getMessage());
            }
        });
        return this;
    }

    private void echo(int id, Socket conn) {
        long start = System.nanoTime();
        try (conn) {
            long bytes = conn.getInputStream().transferTo(conn.getOutputStream());
            log.accept("[" + id + "] done: " + bytes + " bytes echoed in " + Nanos.format(System.nanoTime() - start));
        } catch (IOException e) {
            if (!closed) {
                log.accept("[" + id + "] ended: " + e.getMessage());
            }
        } finally {
            serving.remove(conn);
        }
    }

    /** Stops accepting and closes the connections still being served. */
    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        serving.forEach(EchoServer::closeQuietly);
        if (background != null) {
            try {
                background.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Closing a connection we stop serving: its failure has nobody left to tell. */
    private static void closeQuietly(Socket conn) {
        try {
            conn.close();
        } catch (IOException e) {
            // the connection is gone either way
        }
    }
}
