package net.rudp.api;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
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
            Future<?> acceptor = DigestEcho.answerEach(server, CLIENTS, threads);
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                long seed = i;
                clients.add(threads.submit(() -> DigestEcho.sendAndCheck(new RudpSocket(), address, seed, BYTES_EACH)));
            }
            for (Future<?> c : clients) c.get();
            acceptor.get();
        }
    }
}
