package net.rudp.demo.perf;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.rudp.demo.transport.Transport;

/**
 * perf's server: it listens on one port with each transport given (TCP and UDP ports are
 * separate, so TCP and rudp can share the number), and runs the tests clients ask for one after
 * another, as iperf3's server does: a client that asks while a test runs is told the server is
 * busy. Each accepted connection first says what it is: a test's control connection, or one of
 * the running test's data connections.
 */
final class PerfServer implements Closeable {
    private static final String RULE = "-----------------------------------------------------------";

    /** A listener and its transport. */
    record Endpoint(Transport transport, ServerSocket listener) {}

    private final List<Endpoint> endpoints;
    private final Duration every;
    private final boolean oneOff;
    private final PrintWriter out;
    private final AtomicReference<PerfSession> running = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean lastTestFailed;

    PerfServer(List<Endpoint> endpoints, Duration every, boolean oneOff, PrintWriter out) {
        this.endpoints = endpoints;
        this.every = every;
        this.oneOff = oneOff;
        this.out = out;
    }

    /** Serves until closed (with --one-off, until the first test is over); false if the last test failed. */
    boolean serve() throws InterruptedException {
        banner();
        for (Endpoint e : endpoints) {
            Thread.ofPlatform().daemon().name("perf-accept-" + e.transport().name()).start(() -> accept(e));
        }
        stopped.await();
        return !lastTestFailed;
    }

    private void accept(Endpoint endpoint) {
        while (!closed.get()) {
            try {
                Socket conn = endpoint.transport().accept(endpoint.listener());
                Thread.ofVirtual().name("perf-greeting").start(() -> greet(endpoint.transport(), conn));
            } catch (IOException e) {
                if (!closed.get()) {
                    print("accepting " + endpoint.transport().name() + " connections failed: " + e.getMessage());
                    close();
                }
            }
        }
    }

    /** Reads what the new connection is, and gives it its place. */
    private void greet(Transport transport, Socket conn) {
        try {
            ControlMessage hello = ControlMessage.readFrom(conn.getInputStream());
            switch (hello.type()) {
                case "test" -> runTest(transport, conn, TestSpec.of(hello));
                case "stream" -> {
                    PerfSession session = running.get();
                    if (session == null || !session.cookie().equals(hello.text("cookie"))
                        || !session.attach(Math.toIntExact(hello.number("stream")), conn)) {
                        TestRun.closeQuietly(conn);
                    }
                }
                default -> TestRun.closeQuietly(conn);
            }
        } catch (IOException | IllegalArgumentException e) {
            print("a connection from " + conn.getRemoteSocketAddress() + " is not a perf client: " + e.getMessage());
            TestRun.closeQuietly(conn);
        }
    }

    private void runTest(Transport transport, Socket control, TestSpec spec) throws IOException {
        PerfSession session = new PerfSession(spec, transport, control, every, this::print);
        if (!running.compareAndSet(null, session)) {
            ControlMessage.of("error", "reason", "the server is busy running a test; try again later").writeTo(control.getOutputStream());
            TestRun.closeQuietly(control);
            return;
        }
        print("Accepted connection from " + control.getInetAddress().getHostAddress() + ", port "
            + control.getPort() + " (" + transport.name() + ")");
        boolean failed = false;
        try {
            session.run();
        } catch (IOException | InterruptedException | RuntimeException e) {
            failed = true;
            print("the test from " + control.getInetAddress().getHostAddress() + " ended early: " + e.getMessage());
        } finally {
            running.set(null); // the next client may start while this test's connections close
        }
        lastTestFailed = failed;
        if (oneOff) {
            session.close();
            close();
        } else {
            Thread.ofVirtual().name("perf-closing").start(session::close);
            banner();
        }
    }

    private void banner() {
        String transports = String.join(" and ", endpoints.stream().map(e -> e.transport().name()).toList());
        print(RULE + "\nServer listening on " + endpoints.getFirst().listener().getLocalPort()
            + " (" + transports + ")\n" + RULE);
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Stops listening, ends a running test, and lets {@link #serve()} return. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Endpoint e : endpoints) {
            try {
                e.listener().close();
            } catch (IOException ignored) {
                // stopping anyway
            }
        }
        PerfSession session = running.get();
        if (session != null) {
            session.close();
        }
        stopped.countDown();
    }
}
