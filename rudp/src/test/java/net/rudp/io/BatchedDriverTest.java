package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import net.rudp.ConnectionConfig;
import net.rudp.io.batch.BatchedUdpSocket;
import net.rudp.io.batch.BatchedUdpSockets;
import net.rudp.io.batch.RawSocketOptions;
import net.rudp.io.batch.UdpCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The driver over its batched socket, on whichever path this JVM chose (surefire runs the
 * package again on the plain path): transfers are byte-identical whatever the offloads do, a
 * refused offload falls back without losing a byte, and the writing and reading threads are
 * served without waiting for the loop.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BatchedDriverTest {

    private static final long SECONDS = 1_000_000_000L;
    private static final int MIB = 1 << 20;
    /** IPv4 loopback: the fast path's GSO and GRO work there as on any IPv4 route. */
    private static final InetSocketAddress LOOPBACK4 = new InetSocketAddress(loopback4(), 0);
    private static final ConnectionConfig CONFIG = ConnectionConfig.DEFAULT.withTimeWait(100_000_000L);
    /** {@code <asm-generic/socket.h>}: SOL_SOCKET and SO_NO_CHECK (UDP checksums off: the kernel then refuses GSO). */
    private static final int SOL_SOCKET = 1;
    private static final int SO_NO_CHECK = 11;

    @ParameterizedTest(name = "GSO {0}, GRO {1}")
    @CsvSource({"true, true", "true, false", "false, true", "false, false"})
    void aTransferIsByteIdenticalWithTheOffloadsOnOrOff(boolean gso, boolean gro) throws Exception {
        Pair pair = withOffloads(gso, gro);
        byte[] sentDigest = pair.transfer(8 * MIB);
        UdpCounters sender = pair.client.driver().socket().counters();
        UdpCounters receiver = pair.server.driver().socket().counters();
        boolean fast = BatchedUdpSockets.fastPathChosen();
        assertEquals(fast && gso, pair.client.driver().socket().offloads().segmentation());
        assertEquals(fast && gro, pair.server.driver().socket().offloads().receiveTrains());
        // 8 MiB in 1200-byte datagrams: thousands of them, so runs (and trains) surely formed where allowed.
        assertEquals(fast && gso, sender.messagesSent() < sender.datagramsSent(), sender.toString());
        assertEquals(fast && gso && gro, receiver.messagesReceived() < receiver.datagramsReceived(), receiver.toString());
        assertEquals(fast, sender.sendCalls() < sender.datagramsSent(), "sendmmsg batches on the fast path: " + sender);
        assertArrayEquals(sentDigest, pair.receivedDigest.get());
        pair.close();
    }

    @Test
    void whenTheKernelRefusesGsoMidTransferTheDriverFallsBackAndLosesNothing() throws Exception {
        assumeTrue(BatchedUdpSockets.fastPathChosen(), "GSO is the fast path's: " + BatchedUdpSockets.status());
        Pair pair = withOffloads(true, true);
        BatchedUdpSocket socket = pair.client.driver().socket();
        assumeTrue(socket.offloads().segmentation(), "the kernel has no UDP GSO");
        // Checksums off: the kernel refuses every GSO message with EINVAL, a real refusal.
        pair.client.driver().lock.run(() -> ((RawSocketOptions) socket).setIntOption(SOL_SOCKET, SO_NO_CHECK, 1));
        byte[] sentDigest = pair.transfer(4 * MIB);
        assertArrayEquals(sentDigest, pair.receivedDigest.get());
        assertFalse(socket.offloads().segmentation(), "GSO is off for this socket from the refusal on");
        assertEquals(1, socket.counters().segmentationFallbacks(), socket.counters().toString());
        pair.close();
    }

    @Test
    void aWriteWhileTheLoopSleepsLeavesOnTheWritingThreadAndWakesTheBlockedReader() throws Exception {
        Pair pair = withOffloads(true, true);
        UdpCounters sent = pair.client.driver().socket().counters();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            try {
                return pair.server.read(new byte[10], 0, 10, 10 * SECONDS);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        for (int round = 0; round < 20; round++) {
            long before = pair.client.driver().lock.call(sent::datagramsSent);
            while (!pair.client.driver().lock.call(() -> pair.client.driver().isLoopAsleep())) Thread.onSpinWait(); // bounded by @Timeout
            pair.client.write(new byte[] {(byte) round}, 0, 1);
            // Sent by write() itself: a loop thread woken to send it could not have done so yet, under the lock we held.
            assertEquals(before + 1, pair.client.driver().lock.call(sent::datagramsSent), "round " + round);
            if (round == 0) assertEquals(1, read.get(), "the blocked reader was woken with the first byte");
            else assertEquals(1, pair.server.read(new byte[1], 0, 1, 10 * SECONDS));
        }
        pair.close();
    }

    /** A server and a client of their own (fresh sockets), opened with GSO and GRO as given. */
    private static Pair withOffloads(boolean gso, boolean gro) throws IOException {
        String oldGso = System.setProperty(EndpointSockets.GSO_PROPERTY, Boolean.toString(gso));
        String oldGro = System.setProperty(EndpointSockets.GRO_PROPERTY, Boolean.toString(gro));
        try {
            Acceptor acceptor = EndpointDriver.listen(LOOPBACK4, 1, CONFIG);
            BlockingConnection client = EndpointDriver.connect(LOOPBACK4, acceptor.localAddress(), CONFIG);
            client.awaitConnected(10 * SECONDS);
            return new Pair(acceptor, client, acceptor.accept(10 * SECONDS));
        } finally {
            restore(EndpointSockets.GSO_PROPERTY, oldGso);
            restore(EndpointSockets.GRO_PROPERTY, oldGro);
        }
    }

    private static void restore(String property, String old) {
        if (old == null) System.clearProperty(property);
        else System.setProperty(property, old);
    }

    private static final class Pair {
        final Acceptor acceptor;
        final BlockingConnection client;
        final BlockingConnection server;
        final CompletableFuture<byte[]> receivedDigest = new CompletableFuture<>();

        Pair(Acceptor acceptor, BlockingConnection client, BlockingConnection server) {
            this.acceptor = acceptor;
            this.client = client;
            this.server = server;
        }

        /** Sends {@code bytes} of random data and closes the client's output; the server digests what it reads. Returns the sent digest. */
        byte[] transfer(int bytes) throws Exception {
            Thread.ofPlatform().name("batched-driver-test-reader").start(() -> {
                try {
                    MessageDigest digest = sha256();
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = server.read(buffer, 0, buffer.length, 30 * SECONDS)) >= 0; ) digest.update(buffer, 0, n);
                    receivedDigest.complete(digest.digest());
                } catch (IOException | RuntimeException e) {
                    receivedDigest.completeExceptionally(e);
                }
            });
            MessageDigest digest = sha256();
            SplittableRandom random = new SplittableRandom(bytes);
            byte[] chunk = new byte[50_000]; // not a multiple of a segment: runs end in a shorter datagram
            for (int left = bytes; left > 0; ) {
                int n = Math.min(chunk.length, left);
                random.nextBytes(chunk);
                client.write(chunk, 0, n);
                digest.update(chunk, 0, n);
                left -= n;
            }
            client.shutdownOutput();
            receivedDigest.get();
            return digest.digest();
        }

        void close() {
            client.close();
            server.close();
            acceptor.close();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress loopback4() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
