package net.rudp.demo.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.rudp.demo.transfer.BulkTransfer;
import net.rudp.demo.transfer.PatternStream;
import net.rudp.demo.transfer.Verdict;
import org.junit.jupiter.api.Test;

class TcpTransportTest {
    private static final InetSocketAddress ANY_LOOPBACK_PORT =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    /** Runs one transfer: the client sends with {@code senderSeed}, the server checks against 7. */
    private static Verdict[] transfer(long size, long senderSeed) throws Exception {
        Transport tcp = new TcpTransport();
        try (Listener listener = tcp.listen(ANY_LOOPBACK_PORT, 1)) {
            CompletableFuture<Verdict> server = CompletableFuture.supplyAsync(() -> {
                try (Conn conn = listener.accept()) {
                    return BulkTransfer.receive(conn, new PatternStream(7), bytes -> {});
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Conn conn = tcp.connect(listener.localAddress(), Duration.ofSeconds(5))) {
                Verdict atSender = BulkTransfer.send(conn, size, new PatternStream(senderSeed));
                return new Verdict[] {atSender, server.get(30, TimeUnit.SECONDS)};
            }
        }
    }

    @Test
    void transfersAndVerifiesEightMebibytes() throws Exception {
        long size = 8L << 20;
        Verdict[] verdicts = transfer(size, 7);
        assertEquals(verdicts[1], verdicts[0], "the sender reads the receiver's verdict");
        assertTrue(verdicts[0].verifies(size), verdicts[0].describeFailure(size));
    }

    @Test
    void theReceiverCatchesBytesThatAreNotThePattern() throws Exception {
        Verdict verdict = transfer(1 << 20, 8)[0];
        assertFalse(verdict.verifies(1 << 20));
        assertEquals("receiver found a wrong byte at stream offset 0", verdict.describeFailure(1 << 20));
    }

    @Test
    void statsNameTheCongestionControllerAndTheirScope() throws Exception {
        Transport tcp = new TcpTransport();
        try (Listener listener = tcp.listen(ANY_LOOPBACK_PORT, 1);
             Conn conn = tcp.connect(listener.localAddress(), Duration.ofSeconds(5));
             Conn accepted = listener.accept()) {
            TransportStats stats = conn.stats().orElseThrow();
            assertFalse(stats.congestionControl().isBlank());
            assertEquals("all TCP in this network namespace (/proc/net/snmp)", stats.scope());
            assertEquals(conn.remoteAddress(), listener.localAddress());
        }
    }
}
