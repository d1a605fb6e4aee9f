package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program that writes, closes and exits at once must not take its data or FIN with it: JVM
 * exit lingers until the closed connection has delivered everything (a kernel keeps a TCP
 * socket's send queue after its process exits; a user-space stack must wait instead).
 */
class ExitLingerTest {
    static final int BYTES = 1 << 20;

    /** The child: connect, write, close, exit. */
    public static void main(String[] args) throws Exception {
        RudpSocket s = new RudpSocket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 5_000);
        s.getOutputStream().write(new byte[BYTES]);
        s.close();
        System.exit(0);
    }

    @Test
    @Timeout(30)
    void dataAndFinWrittenJustBeforeExitArrive() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0)) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitLingerTest.class.getName(), Integer.toString(server.getLocalPort())).inheritIO().start();
            try (RudpSocket accepted = server.accept()) {
                accepted.setSoTimeout(20_000);
                InputStream in = accepted.getInputStream();
                long n = 0;
                byte[] buf = new byte[65536];
                for (int r; (r = in.read(buf)) >= 0; ) n += r;
                assertEquals(BYTES, n, "every byte arrived, then end of stream (the FIN), well before the idle timeout");
            } finally {
                child.waitFor(10, TimeUnit.SECONDS);
                child.destroyForcibly();
            }
        }
    }

    @Test
    @Timeout(10)
    void theLingerEndsAsSoonAsNothingIsDelivering() {
        AtomicInteger looks = new AtomicInteger();
        assertTrue(ExitLinger.linger(() -> looks.incrementAndGet() < 3, 60_000_000_000L));
        assertEquals(3, looks.get(), "it looked until the third answer said: nothing left");
    }

    @Test
    @Timeout(10)
    void theLingerGivesUpAtItsLimit() {
        assertFalse(ExitLinger.linger(() -> true, 50_000_000L));
    }
}
