package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's ten-line example, verbatim but for the port (0: any free one), so it cannot rot. */
class ReadmeExampleTest {

    @Test
    @Timeout(30)
    void theReadmeExampleEchoes() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true);
        // ---- README begins (System.out replaced by out, 9000 by the bound port) ----
        try (RudpServerSocket server = new RudpServerSocket(0)) {
            Thread.startVirtualThread(() -> {
                try (RudpSocket s = server.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException e) { e.printStackTrace(); }
            });
            try (RudpSocket client = new RudpSocket("localhost", server.getLocalPort())) {
                client.getOutputStream().write("hello".getBytes());
                client.shutdownOutput();
                out.println(new String(client.getInputStream().readAllBytes()));
            }
        }
        // ---- README ends ----
        assertEquals("hello" + System.lineSeparator(), printed.toString());
    }
}
