package net.rudp.demo.tools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import net.rudp.ConnectionConfig;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;
import net.rudp.api.RudpSocketOptions;
import net.rudp.demo.DemoException;
import net.rudp.demo.transfer.CpuClock;

/**
 * Several rudp bulk transfers at once into one listener served by {@code loops} loop threads
 * ({@link RudpSocketOptions#SERVER_LOOPS}): what a server's aggregate throughput does with more
 * loops. Each client is bound to a port of its own (an endpoint and loop of its own), so that the
 * kernel's flow hash can spread the clients over the listener's sockets. The payload is split
 * evenly; the clock runs from the first sender's first write to the last receiver's end of stream.
 *
 * @param name    the row label
 * @param packets how the stream is cut, for the table
 * @param config  every connection's configuration
 * @param clients how many transfers run at once
 * @param loops   the listener's loops
 */
record ParallelBlast(String name, String packets, ConnectionConfig config, int clients, int loops) implements BenchContender {

    @Override
    public BenchResult run(long payload, Duration timeout) throws IOException, InterruptedException {
        long each = payload / clients;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (RudpServerSocket listener = new RudpServerSocket(config)) {
            listener.setOption(RudpSocketOptions.SERVER_LOOPS, loops);
            listener.bind(loopback, clients);
            AtomicLong delivered = new AtomicLong();
            AtomicLong lastEndOfStream = new AtomicLong();
            List<CompletableFuture<Void>> received = receivers(listener, delivered, lastEndOfStream);
            List<Socket> conns = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) conns.add(connect(loopback, listener, timeout));
                long cpuStart = CpuClock.processCpuNanos();
                long start = System.nanoTime();
                List<CompletableFuture<Void>> sent = conns.stream().map(c -> CompletableFuture.runAsync(
                    () -> StreamBlast.send(c, each), r -> Thread.ofPlatform().name("bench-parallel-sender").start(r))).toList();
                long deadline = start + timeout.toNanos();
                for (CompletableFuture<Void> f : sent) StreamBlast.await(name, f, deadline, conns.getFirst(), listener);
                for (CompletableFuture<Void> f : received) StreamBlast.await(name, f, deadline, conns.getFirst(), listener);
                long cpu = CpuClock.processCpuNanos() - cpuStart;
                if (delivered.get() != each * clients) {
                    throw DemoException.failure(name + ": the receivers got " + delivered.get() + " of " + each * clients + " bytes");
                }
                return new BenchResult(name, packets, config.congestionControl().id(), each * clients, delivered.get(),
                    lastEndOfStream.get() - start, cpu);
            } finally {
                for (Socket c : conns) c.close();
            }
        }
    }

    /** One thread per client that accepts a connection and drains it, adding what it read and when it ended. */
    private List<CompletableFuture<Void>> receivers(RudpServerSocket listener, AtomicLong delivered, AtomicLong lastEnd) {
        List<CompletableFuture<Void>> received = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            received.add(done);
            Thread.ofPlatform().name("bench-parallel-receiver").start(() -> {
                try (Socket conn = listener.accept()) {
                    delivered.addAndGet(StreamBlast.drain(conn.getInputStream()));
                    lastEnd.accumulateAndGet(System.nanoTime(), Math::max);
                    done.complete(null);
                } catch (IOException | RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        }
        return received;
    }

    private Socket connect(InetSocketAddress loopback, RudpServerSocket listener, Duration timeout) throws IOException {
        RudpSocket socket = new RudpSocket(config);
        try {
            socket.bind(loopback);
            socket.connect(listener.getLocalSocketAddress(), (int) timeout.toMillis());
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
