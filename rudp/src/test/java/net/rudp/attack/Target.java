package net.rudp.attack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import net.rudp.ConnectionConfig;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;

/**
 * The endpoint under attack: a live server on 127.0.0.1 that accepts every call on a virtual
 * thread and serves it as the demo's servers do. It uses only {@code accept}, {@code
 * getInputStream}, {@code getOutputStream} and {@code close}, so it survives the socket rewrite.
 */
final class Target implements AutoCloseable {

    /** What the server does with each accepted connection. */
    enum Mode {
        /** Reads to end of stream, then answers with the SHA-256 of what it read. */
        DIGEST,
        /** Writes back every byte it reads. */
        ECHO
    }

    private final RudpServerSocket server;
    private final Mode mode;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<RudpSocket> accepted = new ConcurrentLinkedQueue<>();
    private final AtomicLong acceptedCount = new AtomicLong();

    Target(Mode mode, int backlog) throws IOException {
        this(mode, backlog, ConnectionConfig.DEFAULT);
    }

    /** A server whose endpoint and connections use {@code config} (its budget, its connection limit). */
    Target(Mode mode, int backlog, ConnectionConfig config) throws IOException {
        this.mode = mode;
        server = new RudpServerSocket(config);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), backlog);
        threads.submit(this::acceptForever);
    }

    Target(Mode mode) throws IOException {
        this(mode, RudpServerSocket.DEFAULT_BACKLOG);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** The server endpoint's counts (its drops of unauthenticated datagrams among them). */
    net.rudp.EndpointStats stats() throws IOException {
        return server.endpointStats();
    }

    long acceptedCount() {
        return acceptedCount.get();
    }

    private Void acceptForever() throws IOException {
        while (true) {
            RudpSocket s;
            try {
                s = server.accept();
            } catch (IOException closed) {
                return null;
            }
            accepted.add(s);
            acceptedCount.incrementAndGet();
            threads.submit(() -> serve(s));
        }
    }

    private Void serve(RudpSocket s) throws IOException {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            MessageDigest sha = sha256();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (mode == Mode.ECHO) out.write(buffer, 0, n);
                else sha.update(buffer, 0, n);
            }
            if (mode == Mode.DIGEST) out.write(sha.digest());
        } catch (IOException reset) {
            // An attacker's connection ending badly is the attacker's business.
        } finally {
            accepted.remove(s);
        }
        return null;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (RudpSocket s; (s = accepted.poll()) != null; ) s.close();
        threads.shutdownNow();
    }
}
