package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.function.Predicate;
import net.rudp.ConnectionTracer;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;
import net.rudp.testkit.CapturedLogs;
import net.rudp.testkit.CapturedLogs.Line;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.event.Level;

/** What an operator reads in the log of real loopback endpoints (through the tests' capturing slf4j binding). */
@Timeout(30)
class OperatorLogTest {
    private static final String LOGGER = EndpointDriver.class.getName();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @AfterEach
    void quiet() {
        CapturedLogs.disable(LOGGER);
    }

    @Test
    void debugTellsEachConnectionsEstablishmentAndEnd() throws Exception {
        CapturedLogs.enable(LOGGER);
        String client;
        try (RudpServerSocket server = new RudpServerSocket(0, 5, LOOPBACK); RudpSocket socket = new RudpSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
            socket.connect(server.getLocalSocketAddress());
            client = socket.getLocalSocketAddress().toString();
            try (Socket accepted = server.accept()) {
                socket.getOutputStream().write(new byte[1000]);
                socket.shutdownOutput();
                accepted.getInputStream().readAllBytes();
            }
            awaitLine(l -> l.message().contains(client) && l.message().contains("ended: closed"));
        }
        List<String> mine = CapturedLogs.of(LOGGER).stream().filter(l -> l.level() == Level.DEBUG)
            .map(Line::message).filter(m -> m.startsWith("rudp connection " + client + " -> ")).toList();
        assertEquals(2, mine.size(), "established, then ended: " + mine);
        assertTrue(mine.get(0).contains("established"), mine.get(0));
        assertTrue(mine.get(1).contains("ended: closed (1000 bytes sent"), mine.get(1));
    }

    @Test
    void aTracerThatThrowsIsWarnedOfOnceAndTheConnectionGoesOn() throws Exception {
        IllegalStateException thrown = new IllegalStateException("disk full");
        try (RudpServerSocket server = new RudpServerSocket(0, 5, LOOPBACK);
             RudpSocket socket = new RudpSocket(LOOPBACK, server.getLocalPort()); Socket accepted = server.accept()) {
            socket.setTracer(new ThrowingTracer(thrown));
            byte[] data = new byte[50_000];
            socket.getOutputStream().write(data);
            socket.shutdownOutput();
            assertArrayEquals(data, accepted.getInputStream().readAllBytes(), "the connection went on");
            Line line = awaitLine(l -> l.thrown() == thrown);
            assertEquals(Level.WARN, line.level());
            assertTrue(line.message().contains("its tracer threw and was detached"), line.message());
            assertEquals(1, CapturedLogs.of(LOGGER).stream().filter(l -> l.thrown() == thrown).count(), "warned once");
        }
    }

    @Test
    void refusedCallsAreWarnedOfOnceAndThenCountedUntilTheNextWarning() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0, 1, LOOPBACK);
             Socket first = new RudpSocket(LOOPBACK, server.getLocalPort())) {
            String endpoint = "rudp endpoint /127.0.0.1:" + server.getLocalPort() + ": refused";
            for (int i = 0; i < 5; i++) {
                assertThrows(ConnectException.class, () -> new RudpSocket(LOOPBACK, server.getLocalPort()).close(), "backlog full");
            }
            awaitLine(l -> l.message().startsWith(endpoint));
            List<String> warnings = CapturedLogs.of(LOGGER).stream().map(Line::message).filter(m -> m.startsWith(endpoint)).toList();
            assertEquals(List.of(endpoint + " 1 call(s) since the last warning, 1 in all: not listening, or the backlog is full"
                + " (a flood of calls, or an application that does not accept)"), warnings,
                "one line for the first; the other four wait for the next interval");
            assertEquals(5, server.endpointStats().callsRefused());
        }
    }

    @Test
    void aBurstOfDatagramsThatAreNoPacketsIsWarnedOf() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0, 5, LOOPBACK); DatagramSocket stranger = new DatagramSocket(0, LOOPBACK)) {
            InetSocketAddress to = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            String endpoint = "rudp endpoint /127.0.0.1:" + server.getLocalPort() + ": ";
            int sent = (int) OperatorLog.DECODE_ERROR_BURST + 20;
            for (int i = 0; i < sent; i++) stranger.send(new DatagramPacket(new byte[40], 40, to));
            Line line = awaitLine(l -> l.message().startsWith(endpoint) && l.message().contains("were no rudp packets"));
            assertEquals(Level.WARN, line.level());
            long warned = Long.parseLong(line.message().substring(endpoint.length()).split(" ")[0]);
            assertTrue(warned >= OperatorLog.DECODE_ERROR_BURST && warned <= sent, line.message());
        }
    }

    @Test
    void aBurstWarningComesOncePerIntervalWithTheCountSinceTheLastAndATrickleStaysQuiet() {
        BurstWarning each = new BurstWarning(1, 10);
        assertEquals(1, each.check(1, 0), "the first one is warned at once");
        assertEquals(0, each.check(2, 5));
        assertEquals(0, each.check(4, 9));
        assertEquals(4, each.check(5, 10), "an interval later: the four since the last line");
        assertEquals(0, each.check(5, 30), "nothing new, nothing to say");

        BurstWarning burst = new BurstWarning(100, 10);
        long total = 0;
        for (long now = 0; now < 1_000; now += 1) assertEquals(0, burst.check(total += (now % 2), now), "a trickle: 5 per interval");
        long warned = burst.check(total + 150, 1_000);
        assertTrue(warned >= 150 && warned <= 150 + 5, "a burst, with this interval's trickle: " + warned);
    }

    private static Line awaitLine(Predicate<Line> wanted) throws InterruptedException {
        while (true) {
            for (Line l : CapturedLogs.of(LOGGER)) {
                if (wanted.test(l)) return l;
            }
            Thread.sleep(5);
        }
    }

    private record ThrowingTracer(RuntimeException thrown) implements ConnectionTracer {
        @Override
        public void packetSent(long nowNanos, String type, long offset, int length, boolean retransmission) {
            throw thrown;
        }

        @Override
        public void packetReceived(long nowNanos, String type, long offset, int length) {}

        @Override
        public void packetLost(long nowNanos, long offset, int length, LossTrigger trigger) {}

        @Override
        public void metricsUpdated(long nowNanos, long congestionWindow, long bytesInFlight, long smoothedRttNanos, long pacingRate) {}
    }
}
