package net.rudp.demo.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpInfoTest {
    private static final int BYTES = 4 << 20;

    @Test
    void readsTheKernelsNumbersForOneLoopbackConnection() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "TCP_INFO through sock_diag is Linux only");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Long> drained = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    return in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (Socket client = new Socket(server.getInetAddress(), server.getLocalPort())) {
                client.getOutputStream().write(new byte[BYTES]);
                InetSocketAddress local = (InetSocketAddress) client.getLocalSocketAddress();
                InetSocketAddress remote = (InetSocketAddress) client.getRemoteSocketAddress();
                Optional<TcpInfo> info = TcpInfo.of(local, remote);
                // write() returns once the bytes are in the socket's buffer; the kernel sends them soon after.
                for (int tries = 0; tries < 100 && info.isPresent() && info.get().bytesSent() < BYTES; tries++) {
                    Thread.sleep(50);
                    info = TcpInfo.of(local, remote);
                }
                assertTrue(info.isPresent(), "no TCP_INFO for " + local + " -> " + remote);
                TcpInfo i = info.orElseThrow();
                assertEquals(Files.readString(Path.of("/proc/sys/net/ipv4/tcp_congestion_control")).strip(), i.congestionControl());
                assertTrue(i.bytesSent() >= BYTES, i.toString());
                assertTrue(i.smoothedRttNanos() > 0 && i.minRttNanos() > 0 && i.congestionWindowBytes() > 0, i.toString());
                assertEquals(Optional.empty(), TcpInfo.of(local, new InetSocketAddress(remote.getAddress(), 1)),
                    "another peer port is another connection");
                client.shutdownOutput();
            }
            assertEquals(BYTES, drained.get(30, TimeUnit.SECONDS));
        }
    }
}
