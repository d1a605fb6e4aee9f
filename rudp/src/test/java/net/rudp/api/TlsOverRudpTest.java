package net.rudp.api;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSocket;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.impair.UdpImpairmentRelay;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS 1.3 over rudp with the JDK's own TLS: {@code SSLSocketFactory.createSocket(socket, host,
 * port, autoClose)} layered on an {@link RudpSocket}, as on any connected Socket, with a
 * self-signed certificate the client verifies (hostname included).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsOverRudpTest {

    private static SelfSignedTls tls;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeAll
    static void makeCertificate() throws Exception {
        tls = SelfSignedTls.create();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aTls13SessionCarriesDataBothWays() throws Exception {
        try (RudpServerSocket server = listen(); Pair p = handshake(server, address(server))) {
            assertEquals("TLSv1.3", p.client.getSession().getProtocol());
            assertEquals("CN=localhost", p.client.getSession().getPeerPrincipal().getName());
            p.client.getOutputStream().write("ping".getBytes(US_ASCII));
            assertEquals("ping", new String(p.server.getInputStream().readNBytes(4), US_ASCII));
            p.server.getOutputStream().write("pong".getBytes(US_ASCII));
            assertEquals("pong", new String(p.client.getInputStream().readNBytes(4), US_ASCII));
        }
    }

    /**
     * TLS 1.3 allows half-close (RFC 8446 6.1): shutdownOutput sends close_notify, and with
     * autoClose the JDK then shuts down the rudp socket's output too (its FIN). The peer reads end
     * of stream and can still answer.
     */
    @Test
    void halfCloseSendsCloseNotifyAndTheOtherDirectionGoesOn() throws Exception {
        try (RudpServerSocket server = listen(); Pair p = handshake(server, address(server))) {
            p.client.getOutputStream().write("request".getBytes(US_ASCII));
            p.client.shutdownOutput();
            assertTrue(p.client.isOutputShutdown());
            assertTrue(p.clientRudp.isOutputShutdown(), "autoClose: the rudp socket's output is shut down too");
            assertEquals("request", new String(p.server.getInputStream().readAllBytes(), US_ASCII), "read to close_notify");
            assertFalse(p.server.isClosed());
            p.server.getOutputStream().write("response".getBytes(US_ASCII));
            p.server.close();
            assertEquals("response", new String(p.client.getInputStream().readAllBytes(), US_ASCII));
        }
    }

    @Test
    void fiftyMegabytesArriveIntactThroughTls() throws Exception {
        try (RudpServerSocket server = listen()) {
            BulkTransfer.Result r = BulkTransfer.run(() -> clientEnd(address(server)), () -> serverEnd(server), 50L << 20);
            System.out.println("TLS 1.3 over rudp, loopback: " + r);
        }
    }

    @Test
    void tlsCrossesAFivePercentLossRelay() throws Exception {
        ImpairmentProfile lossy = ImpairmentProfile.parse("loss=5%,delay=1ms");
        try (RudpServerSocket server = listen();
             UdpImpairmentRelay relay = new UdpImpairmentRelay(address(server), lossy, lossy, 11).start()) {
            BulkTransfer.Result r = BulkTransfer.run(() -> clientEnd(relay.address()), () -> serverEnd(server), 4L << 20);
            System.out.println("TLS 1.3 over rudp through a relay [" + lossy.format() + "]: " + r);
            assertTrue(r.sender().bytesRetransmitted() > 0, "5% loss must have cost retransmissions: " + r.sender());
            assertTrue(relay.toServerStats().droppedByLoss() > 0, relay.toServerStats().toString());
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Both ends of one TLS session over rudp, after the handshake. */
    private record Pair(SSLSocket client, RudpSocket clientRudp, SSLSocket server) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            client.close();
            server.close();
        }
    }

    private Pair handshake(RudpServerSocket server, InetSocketAddress connectTo) throws Exception {
        Future<BulkTransfer.End> accepted = threads.submit(() -> serverEnd(server));
        BulkTransfer.End client = clientEnd(connectTo);
        return new Pair((SSLSocket) client.stream(), client.rudp(), (SSLSocket) accepted.get().stream());
    }

    private static BulkTransfer.End clientEnd(InetSocketAddress connectTo) throws Exception {
        RudpSocket raw = new RudpSocket();
        raw.connect(connectTo, 10_000);
        SSLSocket s = tls.client(raw, "localhost");
        s.startHandshake();
        return new BulkTransfer.End(s, raw);
    }

    private static BulkTransfer.End serverEnd(RudpServerSocket server) throws Exception {
        RudpSocket raw = server.accept();
        SSLSocket s = tls.server(raw);
        s.startHandshake();
        return new BulkTransfer.End(s, raw);
    }

    private static RudpServerSocket listen() throws Exception {
        return new RudpServerSocket(0, 50, SelfSignedTls.address());
    }

    private static InetSocketAddress address(RudpServerSocket server) {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }
}
