package net.rudp.jfr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import net.rudp.ConnectionConfig;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.impair.UdpImpairmentRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JFR recording made around three real loopback connections (one closed normally, one whose
 * path goes dead so that it times out, one its peer aborts) holds the net.rudp events a user
 * sees in {@code jfr print --events} and JDK Mission Control, read back with
 * {@link RecordingFile}.
 */
@Timeout(60)
class JfrEventsTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<String> EVENTS = List.of("net.rudp.ConnectionEstablished", "net.rudp.ConnectionClosed",
        "net.rudp.ConnectionReset", "net.rudp.ConnectionTimedOut", "net.rudp.RetransmissionTimeout", "net.rudp.LossEpisode",
        "net.rudp.ConnectionSample");
    /** Timeouts that give up about a second after the path died: 50 ms, then backed off to 200 ms, five times. */
    private static final ConnectionConfig QUICK_TO_GIVE_UP = ConnectionConfig.DEFAULT
        .withRetransmission(200_000_000L, 50_000_000L, 200_000_000L, 5);

    @Test
    void aRecordingHoldsEachConnectionsLifeTimeoutsLossesAndSamples(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rudp.jfr");
        InetSocketAddress deadPath;
        try (Recording recording = new Recording()) {
            EVENTS.forEach(recording::enable);
            recording.enable("net.rudp.ConnectionSample").withPeriod(Duration.ofMillis(20));
            recording.start();
            try (RudpServerSocket server = new RudpServerSocket(0, 50, LOOPBACK)) {
                closedNormally(server);
                deadPath = timedOut(server);
                abortedByTheClient(server);
            }
            recording.stop();
            recording.dump(file);
        }
        Map<String, List<RecordedEvent>> byName = RecordingFile.readAllEvents(file).stream()
            .collect(Collectors.groupingBy(e -> e.getEventType().getName()));
        String remote = ConnectionEvent.format(deadPath);

        List<RecordedEvent> established = byName.getOrDefault("net.rudp.ConnectionEstablished", List.of());
        assertEquals(3, established.stream().filter(e -> e.getBoolean("client")).count(), "each client's handshake");
        assertEquals(3, established.stream().filter(e -> !e.getBoolean("client")).count(), "the server's side of each");

        assertTrue(byName.getOrDefault("net.rudp.ConnectionClosed", List.of()).stream()
            .anyMatch(e -> !e.getBoolean("aborted") && e.getLong("bytesReceived") == BYTES), "the echo's close, with its bytes");
        List<RecordedEvent> timedOuts = only(byName, "net.rudp.ConnectionTimedOut", remote);
        assertEquals(1, timedOuts.size(), "the connection over the dead path: " + timedOuts);
        RecordedEvent timedOut = timedOuts.getFirst();
        assertTrue(timedOut.getLong("retransmissionTimeouts") >= 3, "it gave up after its retries: " + timedOut);
        assertTrue(byName.getOrDefault("net.rudp.ConnectionReset", List.of()).stream().anyMatch(e -> !e.getBoolean("refused")),
            "the server's connection the client aborted");
        assertTrue(byName.getOrDefault("net.rudp.ConnectionClosed", List.of()).stream().anyMatch(e -> e.getBoolean("aborted")),
            "the client that aborted");

        List<RecordedEvent> timeouts = only(byName, "net.rudp.RetransmissionTimeout", remote);
        assertTrue(timeouts.size() >= 3, "one event per expiry of the timer: " + timeouts.size());
        assertTrue(timeouts.stream().allMatch(e -> e.getLong("segmentsLost") >= 1 && e.getLong("bytesLost") >= 1));
        List<RecordedEvent> episodes = only(byName, "net.rudp.LossEpisode", remote);
        assertFalse(episodes.isEmpty(), "the dead path's losses");
        assertEquals("TIMEOUT", episodes.getFirst().getString("firstTrigger"));
        assertTrue(episodes.getFirst().getString("triggers").contains("TIMEOUT="), episodes.getFirst().toString());

        List<RecordedEvent> samples = only(byName, "net.rudp.ConnectionSample", remote);
        assertFalse(samples.isEmpty(), "the connection was open for several sampling periods");
        assertTrue(samples.stream().allMatch(e -> e.getLong("congestionWindow") > 0 && e.getString("state") != null),
            samples.getFirst().toString());
    }

    private static final int BYTES = 200_000;

    /** An echo, both sides closing. */
    private static void closedNormally(RudpServerSocket server) throws Exception {
        byte[] payload = new byte[BYTES];
        new Random(14).nextBytes(payload);
        try (RudpSocket client = new RudpSocket(LOOPBACK, server.getLocalPort()); Socket accepted = server.accept()) {
            client.getOutputStream().write(payload);
            client.shutdownOutput();
            accepted.getOutputStream().write(accepted.getInputStream().readAllBytes());
            accepted.close();
            assertArrayEquals(payload, client.getInputStream().readAllBytes());
        }
    }

    /** A connection through a relay that then goes away: its data is never acknowledged. */
    private static InetSocketAddress timedOut(RudpServerSocket server) throws Exception {
        InetSocketAddress relayAddress;
        try (RudpSocket client = new RudpSocket(QUICK_TO_GIVE_UP)) {
            RudpSocket serverSide;
            try (UdpImpairmentRelay relay = new UdpImpairmentRelay(new InetSocketAddress(LOOPBACK, server.getLocalPort()),
                    ImpairmentProfile.NONE, ImpairmentProfile.NONE, 14).start()) {
                relayAddress = relay.address();
                client.connect(relayAddress);
                serverSide = server.accept();
            }
            client.getOutputStream().write(new byte[10_000]);
            InputStream in = client.getInputStream();
            SocketException e = assertThrows(SocketException.class, in::read);
            assertEquals("Connection timed out", e.getMessage());
            serverSide.abort();
        }
        return relayAddress;
    }

    /** The client aborts: the server's connection is reset. */
    private static void abortedByTheClient(RudpServerSocket server) throws Exception {
        try (RudpSocket client = new RudpSocket(LOOPBACK, server.getLocalPort()); Socket accepted = server.accept()) {
            client.abort();
            SocketException e = assertThrows(SocketException.class, () -> accepted.getInputStream().read());
            assertEquals("Connection reset", e.getMessage());
        }
    }

    private static List<RecordedEvent> only(Map<String, List<RecordedEvent>> byName, String name, String remote) {
        return byName.getOrDefault(name, List.of()).stream().filter(e -> remote.equals(e.getString("remoteAddress"))).toList();
    }
}
