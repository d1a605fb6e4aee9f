package net.rudp.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;
import net.rudp.trace.QlogSchema.QlogFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's qlog example on a real loopback socket: the file it leaves passes the schema
 * checks and holds the transfer (the README's code between the markers, verbatim).
 */
class QlogOfALoopbackTransferTest {

    @Test
    @Timeout(60)
    void theReadmesQlogExampleWritesAValidTraceOfARealTransfer(@TempDir Path dir) throws Exception {
        byte[] payload = new byte[1 << 20];
        new Random(14).nextBytes(payload);
        Path file = dir.resolve("client.sqlog");
        try (RudpServerSocket server = new RudpServerSocket(0)) {
            Thread.startVirtualThread(() -> {
                try (RudpSocket s = server.accept(); InputStream in = s.getInputStream()) {
                    in.transferTo(s.getOutputStream());
                } catch (IOException e) {
                    e.printStackTrace();
                }
            });
            try (RudpSocket socket = new RudpSocket("localhost", server.getLocalPort())) {
                // ---- README begins (the file in the test's directory) ----
                try (Writer out = Files.newBufferedWriter(dir.resolve("client.sqlog"))) {
                    socket.setTracer(new QlogTracer(out, new QlogTracer.Trace("rudp client",
                        QlogTracer.VantagePoint.CLIENT, socket.toString(), RudpSocket.clockNanos(), System.currentTimeMillis())));
                    // ... use the socket ...
                    Thread.startVirtualThread(() -> write(socket, payload));
                    assertArrayEquals(payload, socket.getInputStream().readAllBytes(), "the echo");
                    socket.setTracer(null);                                       // no call after this returns
                }
                // ---- README ends ----
            }
        }
        QlogFile qlog = QlogSchema.check(Files.readString(file));
        long dataBytesSent = qlog.named("transport:packet_sent").stream()
            .filter(e -> e.get("data").get("header").get("packet_type").asText().equals("data"))
            .mapToLong(e -> e.get("data").get("length").asLong()).sum();
        assertTrue(dataBytesSent >= payload.length, "every byte sent is in the trace: " + dataBytesSent);
        assertEquals("client", qlog.header().get("trace").get("vantage_point").get("type").asText());
        assertTrue(!qlog.named("recovery:metrics_updated").isEmpty(), "the window's growth is traced");
    }

    private static void write(RudpSocket socket, byte[] payload) {
        try {
            socket.getOutputStream().write(payload);
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
