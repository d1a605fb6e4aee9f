package net.rudp.demo.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.cli.NetworkErrors;
import net.rudp.demo.transport.Transport;

/**
 * Starts N echo clients at once against one server. Each connects, then sends its messages one
 * at a time (write a message, read its echo back, check it byte for byte, pause), then shuts
 * down its output and waits for the server to close. Run against a repetitive and a concurrent
 * server it shows the difference: the repetitive server's clients are served one after another.
 * {@code ping} is one such client.
 */
final class EchoClients {

    /**
     * @param clients  how many clients start at once
     * @param warmup   messages each client sends first without timing them (JIT warm-up)
     * @param messages messages each client then times
     * @param size     bytes per message
     * @param pause    each client's pause between messages ("think time")
     * @param timeout  the whole run fails clients not done by then
     */
    record Settings(int clients, int warmup, int messages, int size, Duration pause, Duration timeout) {}

    private final Transport transport;
    private final InetSocketAddress server;
    private final Settings settings;
    /** Open connections, closed when the run times out so that their clients stop waiting. */
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch go = new CountDownLatch(1);
    private volatile long start;

    private EchoClients(Transport transport, InetSocketAddress server, Settings settings) {
        this.transport = transport;
        this.server = server;
        this.settings = settings;
    }

    static EchoRun run(Transport transport, InetSocketAddress server, Settings settings) throws InterruptedException {
        return new EchoClients(transport, server, settings).run();
    }

    private EchoRun run() throws InterruptedException {
        List<ClientOutcome> outcomes = new ArrayList<>();
        List<long[]> roundTrips = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Timed>> clients = new ArrayList<>();
            for (int i = 1; i <= settings.clients(); i++) {
                int client = i;
                clients.add(threads.submit(() -> client(client)));
            }
            start = System.nanoTime();
            go.countDown();
            long deadline = start + settings.timeout().toNanos();
            for (int i = 0; i < clients.size(); i++) {
                Timed timed = result(i + 1, clients.get(i), deadline);
                outcomes.add(timed.outcome());
                if (timed.outcome() instanceof ClientOutcome.Served) {
                    roundTrips.add(timed.roundTrips());
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        long[] all = roundTrips.stream().flatMapToLong(Arrays::stream).toArray();
        return new EchoRun(transport.name(), outcomes, elapsed,
            all.length == 0 ? Optional.empty() : Optional.of(LatencyStats.of(all)));
    }

    /** A client's outcome and, when served, its raw round-trip times. */
    private record Timed(ClientOutcome outcome, long[] roundTrips) {
        static Timed failed(int client, String reason) {
            return new Timed(new ClientOutcome.Failed(client, reason), new long[0]);
        }
    }

    private Timed result(int client, Future<Timed> future, long deadline) throws InterruptedException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            open.forEach(EchoClients::closeQuietly); // the clients still waiting fail at once
            return Timed.failed(client, "not done within " + Nanos.format(settings.timeout().toNanos()));
        } catch (ExecutionException e) {
            return Timed.failed(client, "failed: " + e.getCause());
        }
    }

    private Timed client(int client) throws InterruptedException {
        go.await();
        Socket conn;
        try {
            conn = transport.connect(server, settings.timeout());
        } catch (IOException e) {
            return Timed.failed(client, NetworkErrors.describe(e, "connect to", HostPort.format(server)));
        }
        open.add(conn);
        try (conn) {
            long connected = System.nanoTime() - start;
            return exchange(client, conn, connected);
        } catch (IOException e) {
            return Timed.failed(client, "lost the connection: " + e.getMessage());
        } finally {
            open.remove(conn);
        }
    }

    private Timed exchange(int client, Socket conn, long connected) throws IOException, InterruptedException {
        OutputStream out = conn.getOutputStream();
        InputStream in = conn.getInputStream();
        byte[] message = new byte[settings.size()];
        byte[] echo = new byte[settings.size()];
        int total = settings.warmup() + settings.messages();
        long[] roundTrips = new long[settings.messages()];
        long firstEcho = 0;
        for (int m = 0; m < total; m++) {
            if (m > 0 && settings.pause().isPositive()) {
                Thread.sleep(settings.pause());
            }
            new SplittableRandom(client * 1_000_003L + m).nextBytes(message);
            long sent = System.nanoTime();
            out.write(message);
            out.flush();
            int got = in.readNBytes(echo, 0, echo.length);
            long back = System.nanoTime();
            if (got < echo.length) {
                return Timed.failed(client, "the server closed the connection during echo " + (m + 1) + " of " + total
                    + " (" + got + " of " + echo.length + " bytes back)");
            }
            if (!Arrays.equals(message, echo)) {
                return Timed.failed(client, "echo " + (m + 1) + " differs from the message sent");
            }
            if (m == 0) {
                firstEcho = back - start;
            }
            if (m >= settings.warmup()) {
                roundTrips[m - settings.warmup()] = back - sent;
            }
        }
        conn.shutdownOutput();
        if (in.read() >= 0) {
            return Timed.failed(client, "the server sent bytes after the last echo");
        }
        long finished = System.nanoTime() - start;
        return new Timed(new ClientOutcome.Served(client, connected, firstEcho, finished, LatencyStats.of(roundTrips)),
            roundTrips);
    }

    private static void closeQuietly(Socket conn) {
        try {
            conn.close();
        } catch (IOException e) {
            // closing only to wake the client; it reports the failure
        }
    }
}
