package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.rudp.core.ConnectionConfig;
import net.rudp.core.ConnectionStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One bulk transfer over clean loopback, checked by SHA-256; prints throughput and CPU time (no
 * timing assertion). The same test measures by hand:
 * {@code -Drudp.transfer.mib=1024 -Drudp.transfer.datagram=65507 -Dtest=LoopbackTransferTest}.
 */
class LoopbackTransferTest {

    private static final int CHUNK = 64 * 1024;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBulkTransferArrivesIntact() throws Exception {
        long total = Long.getLong("rudp.transfer.mib", 32) << 20;
        int datagram = Integer.getInteger("rudp.transfer.datagram", ConnectionConfig.DEFAULT.maxDatagramSize());
        ConnectionConfig config = ConnectionConfig.DEFAULT.withMaxDatagramSize(datagram);
        // A pool of random bytes the sender walks through at a stride, so no two chunks repeat in step.
        byte[] pool = new byte[4 << 20];
        new SplittableRandom(42).nextBytes(pool);

        try (RudpServerSocket server = new RudpServerSocket(config);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            Future<ConnectionStats> sender = threads.submit(() -> {
                try (RudpSocket socket = new RudpSocket(config)) {
                    socket.connect(server.getLocalSocketAddress(), 5_000);
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
                    return socket.stats();
                }
            });
            long received = 0;
            ConnectionStats receiverStats;
            try (RudpSocket accepted = server.accept()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                InputStream in = accepted.getInputStream();
                byte[] buffer = new byte[CHUNK];
                for (int n; (n = in.read(buffer)) >= 0; received += n) sha.update(buffer, 0, n);
                accepted.getOutputStream().write(sha.digest());
                receiverStats = accepted.stats();
            }
            ConnectionStats senderStats = sender.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (processCpuNanos() - cpuBefore) / 1e9;
            assertEquals(total, received);
            System.out.printf("rudp loopback: %d MiB at %d-byte datagrams in %.2f s = %.1f MB/s; process CPU %.2f s (%.0f%% of one core)%n"
                    + "  sender:   %s%n  receiver: %s%n",
                total >> 20, datagram, seconds, total / seconds / 1e6, cpu, 100 * cpu / seconds, senderStats, receiverStats);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
