package net.rudp.demo.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.rudp.CongestionControl;
import net.rudp.demo.transfer.BulkTransfer;
import net.rudp.demo.transfer.PatternStream;
import net.rudp.demo.transfer.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transport moves and verifies a bulk transfer over loopback and reports its connection. */
class TransportTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    static List<Transport> transports() {
        return List.of(new TcpTransport(), new RudpTransport(), new RudpTransport(65_507, CongestionControl.BBR));
    }

    private static InetSocketAddress addressOf(ServerSocket listener) {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** What each end of one transfer saw. */
    private record Ends(Verdict atSender, Verdict atReceiver, TransportStats senderStats) {}

    /** Runs one transfer: the client sends {@code size} bytes with {@code senderSeed}, the server checks against 7. */
    private static Ends transfer(Transport transport, long size, long senderSeed) throws Exception {
        return transfer(transport, size, size, senderSeed);
    }

    private static Ends transfer(Transport transport, long size, long sent, long senderSeed) throws Exception {
        try (ServerSocket listener = transport.listen(ANY_LOOPBACK_PORT, 1)) {
            CompletableFuture<Verdict> server = CompletableFuture.supplyAsync(() -> {
                try (Socket conn = transport.accept(listener)) {
                    Verdict verdict = BulkTransfer.receive(conn, size, new PatternStream(7), bytes -> {});
                    return BulkTransfer.awaitEnd(conn, verdict);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            Verdict atSender;
            TransportStats stats;
            try (Socket conn = transport.connect(addressOf(listener), Duration.ofSeconds(5))) {
                assertEquals(listener.getLocalPort(), conn.getPort());
                atSender = BulkTransfer.send(conn, sent, new PatternStream(senderSeed));
                stats = transport.stats(conn).orElseThrow();
            }
            return new Ends(atSender, server.get(30, TimeUnit.SECONDS), stats);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void transfersAndVerifiesEightMebibytes(Transport transport) throws Exception {
        long size = 8L << 20;
        Ends ends = transfer(transport, size, 7);
        String sha = new PatternStream(7).sha256(size);
        assertEquals(ends.atReceiver(), ends.atSender(), "the sender reads the receiver's verdict");
        assertTrue(ends.atSender().verifies(size, sha), ends.atSender().describeFailure(size, sha));
        TransportStats stats = ends.senderStats();
        assertFalse(stats.congestionControl().isBlank());
        assertTrue(stats.bytesSent() >= size, stats.toString());
        assertTrue(stats.smoothedRttNanos() > 0 && stats.minRttNanos() > 0 && stats.congestionWindowBytes() > 0, stats.toString());
    }

    /**
     * rudp's connections linger on close, both ends (its FIN is retransmitted by the process, which
     * may exit right after closing); kernel TCP's keep the kernel's default, no linger.
     */
    @ParameterizedTest
    @MethodSource("transports")
    void rudpConnectionsLingerOnCloseAtBothEnds(Transport transport) throws Exception {
        int expected = transport instanceof RudpTransport ? 5 : -1;
        try (ServerSocket listener = transport.listen(ANY_LOOPBACK_PORT, 1)) {
            CompletableFuture<Integer> accepted = CompletableFuture.supplyAsync(() -> {
                try (Socket conn = transport.accept(listener)) {
                    return conn.getSoLinger();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Socket conn = transport.connect(addressOf(listener), Duration.ofSeconds(5))) {
                assertEquals(expected, conn.getSoLinger(), "the connecting end");
                assertEquals(expected, accepted.get(30, TimeUnit.SECONDS), "the accepted end");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void theReceiverCatchesBytesThatAreNotThePattern(Transport transport) throws Exception {
        long size = 1 << 20;
        Verdict verdict = transfer(transport, size, 8).atReceiver();
        String sha = new PatternStream(8).sha256(size);
        assertFalse(verdict.verifies(size, new PatternStream(7).sha256(size)));
        assertEquals("receiver found a wrong byte at stream offset 0", verdict.describeFailure(size, sha));
        assertEquals(sha, verdict.sha256(), "the digest is of the bytes that arrived");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void bytesBeyondTheSizeFailTheVerification(Transport transport) throws Exception {
        Ends ends = transfer(transport, 1000, 1003, 7);
        String sha = new PatternStream(7).sha256(1000);
        assertTrue(ends.atSender().verifies(1000, sha), "the verdict the sender reads covers the first 1000 bytes");
        assertEquals("receiver got 1003 bytes, expected 1000", ends.atReceiver().describeFailure(1000, sha));
    }
}
