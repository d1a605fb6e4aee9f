package net.rudp.demo.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.rudp.demo.DemoException;
import net.rudp.demo.transfer.CpuClock;
import net.rudp.demo.transport.Transport;
import net.rudp.demo.transport.TransportStats;

/**
 * A bulk transfer over a reliable stream {@link Transport} (kernel TCP, rudp): the sender writes
 * the payload in 64 KiB writes and shuts down its output; the receiver reads until end of stream,
 * counts the bytes and closes. The clock runs from the sender's first write to the receiver's end
 * of stream, so the time is of delivered bytes, not of bytes put into a send buffer.
 *
 * @param name      the row label
 * @param packets   how the transport cuts the stream, for the table
 * @param transport the transport, fresh listener and connection per run
 */
record StreamBlast(String name, String packets, Transport transport) implements BenchContender {
    private static final int CHUNK = 64 * 1024;

    @Override
    public BenchResult run(long payload, Duration timeout) throws IOException, InterruptedException {
        try (ServerSocket listener = transport.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1)) {
            CompletableFuture<Long> received = new CompletableFuture<>();
            long[] endOfStream = new long[1];
            Thread.ofPlatform().name("bench-" + transport.name() + "-receiver").start(() -> {
                try (Socket conn = transport.accept(listener)) {
                    long bytes = drain(conn.getInputStream());
                    endOfStream[0] = System.nanoTime();
                    received.complete(bytes);
                } catch (IOException | RuntimeException e) {
                    received.completeExceptionally(e);
                }
            });
            try (Socket conn = transport.connect((InetSocketAddress) listener.getLocalSocketAddress(), timeout)) {
                // Asked while the connection is surely open: a finished TCP socket may no longer be listed.
                String congestion = transport.stats(conn).map(TransportStats::congestionControl).orElse("?");
                long cpuStart = CpuClock.processCpuNanos();
                long start = System.nanoTime();
                CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> send(conn, payload),
                    runnable -> Thread.ofPlatform().name("bench-" + transport.name() + "-sender").start(runnable));
                long delivered = await(received, start + timeout.toNanos(), conn, listener);
                await(sent, start + timeout.toNanos(), conn, listener);
                long cpu = CpuClock.processCpuNanos() - cpuStart;
                if (delivered != payload) {
                    throw DemoException.failure(name + ": the receiver got " + delivered + " of " + payload + " bytes");
                }
                return new BenchResult(name, packets, congestion, payload, delivered, endOfStream[0] - start, cpu);
            }
        }
    }

    /** Writes {@code payload} bytes in 64 KiB writes and shuts down the output. */
    static void send(Socket conn, long payload) {
        byte[] chunk = new byte[CHUNK];
        new SplittableRandom(1).nextBytes(chunk);
        try {
            OutputStream out = conn.getOutputStream();
            for (long left = payload; left > 0; ) {
                int n = (int) Math.min(CHUNK, left);
                out.write(chunk, 0, n);
                left -= n;
            }
            out.flush();
            conn.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads to end of stream; the bytes read. */
    static long drain(InputStream in) throws IOException {
        byte[] chunk = new byte[CHUNK];
        long total = 0;
        for (int n; (n = in.read(chunk)) >= 0; ) {
            total += n;
        }
        return total;
    }

    private <T> T await(CompletableFuture<T> future, long deadline, Socket conn, ServerSocket listener)
        throws InterruptedException, IOException {
        return await(name, future, deadline, conn, listener);
    }

    /** The result, or a one-line failure naming {@code name}; on timeout closes both ends so that the threads end too. */
    static <T> T await(String name, CompletableFuture<T> future, long deadline, Socket conn, ServerSocket listener)
        throws InterruptedException, IOException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            conn.close();
            listener.close();
            throw DemoException.failure(name + ": the transfer did not finish in time");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            throw DemoException.failure(name + ": the transfer failed: " + cause.getMessage(), cause);
        }
    }
}
