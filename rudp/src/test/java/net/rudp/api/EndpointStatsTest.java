package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.function.Predicate;
import net.rudp.EndpointStats;
import net.rudp.io.batch.BatchedUdpSockets;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The endpoint counters a user reads from {@link RudpServerSocket#endpointStats()} and {@link RudpSocket#endpointStats()}. */
@Timeout(30)
class EndpointStatsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aListenerCountsDatagramsThatReachedNoConnectionAndTheResetItAnswered() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0, 1, LOOPBACK); DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) {
            InetSocketAddress to = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            stranger.send(new DatagramPacket(new byte[3], 3, to));
            byte[] probe = encode(new Packet.Probe(new Header(0, 12345, 678, 1, 1, 1000, 0, 0)));
            stranger.send(new DatagramPacket(probe, probe.length, to));

            EndpointStats stats = await(server::endpointStats, s -> s.datagramsReceived() == 2 && s.resetsSent() == 1);
            assertEquals(new EndpointStats(2, 1, 1, 2, 1, 0, 0, 0), stats,
                "3 bytes are no packet (a decode error), a PROBE for no connection is dropped and answered with RST");
            DatagramPacket answer = new DatagramPacket(new byte[100], 100);
            stranger.setSoTimeout(10_000);
            stranger.receive(answer);
            assertEquals(PacketType.RST.code, answer.getData()[1], "the one datagram sent is the RST");
        }
    }

    @Test
    void aCallBeyondTheBacklogIsCountedAsRefused() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0, 1, LOOPBACK);
             Socket first = new RudpSocket(LOOPBACK, server.getLocalPort())) {
            assertThrows(ConnectException.class, () -> new RudpSocket(LOOPBACK, server.getLocalPort()).close(),
                "the backlog of 1 holds the first connection, not yet accepted");
            EndpointStats stats = await(server::endpointStats, s -> s.callsRefused() == 1);
            assertEquals(1, stats.resetsSent(), "the refused call got an RST");
            // On the plain path each shared client's call also sent the one-byte refusal probe (io.RefusalProbes): no
            // packet, a decode error. The fast path hears ICMP from its socket's error queue and sends no probe.
            assertEquals(BatchedUdpSockets.fastPathChosen() ? 0 : 2, stats.decodeErrors(), "the two calls' refusal probes");
            assertTrue(first.isConnected());
        }
    }

    @Test
    void aConnectionReadsTheCountsOfItsOwnEndpoint() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0, 1, LOOPBACK); RudpSocket client = new RudpSocket()) {
            client.bind(new InetSocketAddress(LOOPBACK, 0)); // an endpoint of its own
            client.connect(new InetSocketAddress(LOOPBACK, server.getLocalPort()));
            try (Socket accepted = server.accept()) {
                client.getOutputStream().write(new byte[100_000]);
                accepted.getInputStream().readNBytes(100_000);
                EndpointStats stats = client.endpointStats();
                assertTrue(stats.datagramsSent() >= 100_000 / client.config().maxPayload(), "the data went out: " + stats);
                assertTrue(stats.datagramsReceived() > 0, "acknowledgements came in: " + stats);
                assertEquals(0, stats.decodeErrors() + stats.datagramsDropped() + stats.resetsSent() + stats.callsRefused(), stats.toString());
            }
        }
        assertThrows(SocketException.class, () -> new RudpSocket().endpointStats(), "no endpoint before connect");
    }

    private static byte[] encode(Packet p) {
        ByteBuffer out = ByteBuffer.allocate(2000);
        PacketCodec.encode(p, out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }

    private interface Source {
        EndpointStats get() throws IOException;
    }

    /** The stats once {@code done} holds, polled; the test's timeout bounds the wait. */
    private static EndpointStats await(Source source, Predicate<EndpointStats> done) throws Exception {
        EndpointStats s;
        while (!done.test(s = source.get())) Thread.sleep(5);
        return s;
    }
}
