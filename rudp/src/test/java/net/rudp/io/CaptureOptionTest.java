package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import net.rudp.EndpointStats;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;
import net.rudp.api.RudpSocketOptions;
import net.rudp.capture.CaptureFile;
import net.rudp.testkit.Tshark;
import net.rudp.testkit.Tshark.Expert;
import net.rudp.testkit.Tshark.Frame;
import net.rudp.wire.PacketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RudpSocketOptions#CAPTURE} on a real loopback transfer: the listener's pcapng holds every
 * datagram its endpoint counted, and tshark with the rudp dissector (found by its heuristic, as
 * when a user opens the file) dissects each one without a malformed flag or a checksum error; the
 * client's holds its side from the first SYN. Skipped where tshark is not installed.
 */
@Timeout(60)
class CaptureOptionTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int BYTES = 300_000;

    @Test
    void aLoopbackTransfersCapturesOpenInTsharkWithEveryPacketDissected(@TempDir Path dir) throws Exception {
        Tshark tshark = Tshark.require();
        byte[] payload = new byte[BYTES];
        new Random(14).nextBytes(payload);
        Path serverFile = dir.resolve("server.pcapng");
        Path clientFile = dir.resolve("client.pcapng");
        InetSocketAddress serverAddress;
        EndpointStats serverStats;
        List<Frame> clientFrames;
        int clientPort;
        try (RudpServerSocket server = new RudpServerSocket()) {
            server.setOption(RudpSocketOptions.CAPTURE, CaptureFile.unlimited(serverFile));
            server.bind(new InetSocketAddress(LOOPBACK, 0));
            serverAddress = new InetSocketAddress(LOOPBACK, server.getLocalPort());
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> echoOnce(server));
            try (RudpSocket client = new RudpSocket()) {
                assertEquals(null, client.getOption(RudpSocketOptions.CAPTURE), "no capture unless asked for");
                client.setOption(RudpSocketOptions.CAPTURE, CaptureFile.unlimited(clientFile));
                assertEquals(CaptureFile.unlimited(clientFile), client.getOption(RudpSocketOptions.CAPTURE));
                assertTrue(client.supportedOptions().contains(RudpSocketOptions.CAPTURE));
                client.connect(serverAddress);
                clientPort = client.getLocalPort();
                client.getOutputStream().write(payload);
                client.shutdownOutput();
                assertArrayEquals(payload, client.getInputStream().readAllBytes(), "the echo");
                // The server's FIN arrived: the wake-up that received it flushed the capture before the read returned.
                clientFrames = tshark.dissect(clientFile);
            }
            echo.join();
            serverStats = awaitRetired(server, serverAddress);
        }

        List<Frame> serverFrames = tshark.dissect(serverFile);
        assertEquals(serverStats.datagramsReceived() + serverStats.datagramsSent(), serverFrames.size(),
            "every datagram the listener's endpoint received or sent is in its capture: " + serverStats);
        serverFrames.forEach(CaptureOptionTest::assertDissectedCleanly);
        Set<PacketType> seen = types(serverFrames);
        seen.removeAll(Set.of(PacketType.NACK, PacketType.PROBE)); // a loss or a keepalive may add these
        assertEquals(Set.of(PacketType.SYN, PacketType.SYN_ACK, PacketType.ACK, PacketType.DATA, PacketType.FIN), seen,
            "a whole connection's packet types");
        long toServer = serverFrames.stream().filter(f -> f.one("udp.dstport").equals(Integer.toString(serverAddress.getPort())))
            .flatMap(f -> f.all("rudpj.payload_length").stream()).mapToLong(Long::decode).sum();
        assertTrue(toServer >= BYTES, "the client's data reached the server's capture: " + toServer + " bytes");

        clientFrames.forEach(CaptureOptionTest::assertDissectedCleanly);
        Frame first = clientFrames.getFirst();
        assertEquals(PacketType.SYN, type(first), "the client's capture begins with its SYN");
        assertEquals(Integer.toString(clientPort), first.one("udp.srcport"), "sent from the client's own endpoint");
        assertTrue(types(clientFrames).contains(PacketType.FIN), "and holds the server's FIN");
    }

    private static void echoOnce(RudpServerSocket server) {
        try (RudpSocket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            out.write(in.readAllBytes());
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** The listener's stats once its endpoint retired and closed its capture (the test's timeout bounds the wait). */
    private static EndpointStats awaitRetired(RudpServerSocket server, InetSocketAddress address) throws Exception {
        server.close();
        while (EndpointRegistry.JVM.serverAt(address) != null) Thread.sleep(5);
        return server.endpointStats();
    }

    private static void assertDissectedCleanly(Frame frame) {
        assertTrue(frame.protocols().contains("rudpj"), "the heuristic found rudp: " + frame.protocols());
        Tshark.assertWellFormed(frame);
        List<Expert> serious = frame.experts().stream().filter(e -> e.severity() >= Expert.WARN).toList();
        assertEquals(List.of(), serious, "no warning or error (checksums, lengths) in frame " + frame.all("frame.number"));
    }

    private static Set<PacketType> types(List<Frame> frames) {
        Set<PacketType> types = new TreeSet<>();
        frames.forEach(f -> types.add(type(f)));
        return types;
    }

    private static PacketType type(Frame frame) {
        return PacketType.of(Integer.decode(frame.one("rudpj.type")));
    }
}
