package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionStats;

/**
 * One bulk transfer from a client to an accepted server socket, checked by SHA-256 on both
 * sides: the receiver hashes what it read and sends the digest back, the sender compares. The
 * sockets are rudp's, or TLS layered over them.
 */
final class BulkTransfer {
    private static final int CHUNK = 64 * 1024;

    record Result(long bytes, double seconds, double cpuSeconds, ConnectionStats sender, ConnectionStats receiver) {
        @Override
        public String toString() {
            return String.format("%d MiB in %.2f s = %.1f MB/s; process CPU %.2f s%n  sender:   %s%n  receiver: %s",
                bytes >> 20, seconds, bytes / seconds / 1e6, cpuSeconds, sender, receiver);
        }
    }

    private BulkTransfer() {}

    /**
     * One side of a transfer: the socket that carries the bytes (an rudp socket, or TLS over
     * one) and the rudp socket under it, whose statistics the result reports.
     */
    record End(Socket stream, RudpSocket rudp) {
        static End plain(RudpSocket s) {
            return new End(s, s);
        }
    }

    /**
     * Sends {@code total} pseudo-random bytes to {@code server}, connecting to {@code connectTo}
     * (the server itself, or a relay in front of it).
     */
    static Result run(RudpServerSocket server, InetSocketAddress connectTo, ConnectionConfig config, long total)
            throws Exception {
        return run(() -> {
            RudpSocket socket = new RudpSocket(config);
            socket.connect(connectTo, 5_000);
            return End.plain(socket);
        }, () -> End.plain(server.accept()), total);
    }

    /**
     * Sends {@code total} pseudo-random bytes from the end {@code connect} opens to the end
     * {@code accept} returns; the sender half-closes, the receiver answers with its digest.
     */
    static Result run(Callable<End> connect, Callable<End> accept, long total) throws Exception {
        // A pool of random bytes the sender walks through at a stride, so no two chunks repeat in step.
        byte[] pool = new byte[4 << 20];
        new SplittableRandom(42).nextBytes(pool);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            Future<ConnectionStats> sender = threads.submit(() -> send(connect.call(), pool, total));
            long received = 0;
            ConnectionStats receiverStats;
            End end = accept.call();
            try (Socket accepted = end.stream()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                InputStream in = accepted.getInputStream();
                byte[] buffer = new byte[CHUNK];
                for (int n; (n = in.read(buffer)) >= 0; received += n) sha.update(buffer, 0, n);
                accepted.getOutputStream().write(sha.digest());
                receiverStats = end.rudp().stats();
            }
            ConnectionStats senderStats = sender.get();
            assertEquals(total, received);
            return new Result(total, (System.nanoTime() - start) / 1e9, (processCpuNanos() - cpuBefore) / 1e9,
                senderStats, receiverStats);
        }
    }

    private static ConnectionStats send(End end, byte[] pool, long total) throws Exception {
        try (Socket socket = end.stream()) {
            OutputStream out = socket.getOutputStream();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (long sent = 0, k = 0; sent < total; k++) {
                int n = (int) Math.min(CHUNK, total - sent);
                int at = (int) ((k * 7_919) % (pool.length - CHUNK));
                out.write(pool, at, n);
                sha.update(pool, at, n);
                sent += n;
            }
            socket.shutdownOutput();
            byte[] theirs = socket.getInputStream().readAllBytes();
            assertArrayEquals(sha.digest(), theirs, "SHA-256 of the bytes received differs from the bytes sent");
            return end.rudp().stats();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
