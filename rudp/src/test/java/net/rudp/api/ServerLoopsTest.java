package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.rudp.EndpointStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server socket served by two loops ({@link RudpSocketOptions#SERVER_LOOPS}): several clients
 * at once, each from a port of its own, keep their bytes apart; accept returns every one. Where
 * the system cannot spread a port over sockets the listener has one loop, and this holds too.
 */
class ServerLoopsTest {

    private static final int CLIENTS = 8;
    private static final int BYTES_EACH = 1 << 20;

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void eightClientsAtOnceOverTwoLoopsEachDeliverTheirOwnMebibyte() throws Exception {
        // The server closes first: a failed client then ends the accept loop, so the threads can end.
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             RudpServerSocket server = new RudpServerSocket()) {
            server.setOption(RudpSocketOptions.SERVER_LOOPS, 2);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), CLIENTS);
            assertEquals(2, server.getOption(RudpSocketOptions.SERVER_LOOPS));
            SocketAddress address = server.getLocalSocketAddress();
            Future<Integer> acceptor = DigestEcho.answerEach(server, CLIENTS, threads);
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                long seed = i;
                clients.add(threads.submit(() -> DigestEcho.sendAndCheck(ownPort(), address, seed, BYTES_EACH)));
            }
            for (Future<?> c : clients) c.get();
            assertEquals(CLIENTS, acceptor.get());
            EndpointStats stats = server.endpointStats();
            assertTrue(stats.datagramsReceived() >= (long) CLIENTS * BYTES_EACH / 1200,
                "every loop's datagrams are counted: " + stats);
        }
    }

    @Test
    void theLoopsAreSetBeforeBindAndNeverNegative() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket()) {
            assertEquals(0, server.getOption(RudpSocketOptions.SERVER_LOOPS), "0: as -Drudp.serverLoops says");
            assertThrows(IllegalArgumentException.class, () -> server.setOption(RudpSocketOptions.SERVER_LOOPS, -1));
            assertTrue(server.supportedOptions().contains(RudpSocketOptions.SERVER_LOOPS));
        }
        try (RudpSocket socket = new RudpSocket()) {
            assertThrows(UnsupportedOperationException.class, () -> socket.setOption(RudpSocketOptions.SERVER_LOOPS, 2),
                "a connection has no loops of its own to set");
        }
    }

    /** A client bound to a port of its own (an endpoint of its own): its own flow for the kernel's hash. */
    private static RudpSocket ownPort() throws Exception {
        RudpSocket socket = new RudpSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }
}
