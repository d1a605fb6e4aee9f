package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many connections share one server port (one endpoint, one loop thread) and keep their bytes apart. */
class ConcurrentConnectionsTest {

    private static final int CLIENTS = 200;
    private static final int BYTES_EACH = 256 * 1024;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoHundredConnectionsToOnePortEachDeliverTheirOwnBytes() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0, CLIENTS, InetAddress.getLoopbackAddress());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            SocketAddress address = server.getLocalSocketAddress();
            Future<?> acceptor = threads.submit(() -> {
                for (int i = 0; i < CLIENTS; i++) {
                    RudpSocket accepted = server.accept();
                    threads.submit(() -> answerWithDigest(accepted));
                }
                return null;
            });
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                long seed = i;
                clients.add(threads.submit(() -> sendAndCheckDigest(address, seed)));
            }
            for (Future<?> c : clients) c.get();
            acceptor.get();
        }
    }

    /** Server side: reads to end of stream, answers with the SHA-256 of what arrived. */
    private static Void answerWithDigest(RudpSocket socket) throws Exception {
        try (socket) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) sha.update(buffer, 0, n);
            socket.getOutputStream().write(sha.digest());
        }
        return null;
    }

    private static Void sendAndCheckDigest(SocketAddress server, long seed) throws Exception {
        byte[] data = new byte[BYTES_EACH];
        new SplittableRandom(seed).nextBytes(data);
        try (RudpSocket socket = new RudpSocket()) {
            socket.connect(server, 10_000);
            OutputStream out = socket.getOutputStream();
            out.write(data);
            socket.shutdownOutput();
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), socket.getInputStream().readAllBytes(),
                "connection " + seed + " delivered other bytes than it was given");
        }
        return null;
    }
}
