package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import net.rudp.ConnectionStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** rudp's own socket behaviours: the ones TCP has no counterpart for, or where rudp differs. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RudpSocketTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void aFullBacklogRefusesTheNextCallAtOnce() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0, 2, LOOPBACK);
             RudpSocket first = new RudpSocket();
             RudpSocket second = new RudpSocket();
             RudpSocket third = new RudpSocket()) {
            first.connect(server.getLocalSocketAddress(), 10_000);
            second.connect(server.getLocalSocketAddress(), 10_000);
            // rudp differs from Linux TCP here on purpose: TCP drops a SYN beyond the backlog and
            // the client retries for seconds; rudp answers RST(refused) so the client learns now.
            // A timeout (not a refusal) would show up as SocketTimeoutException after 10 s.
            ConnectException e = assertThrows(ConnectException.class, () -> third.connect(server.getLocalSocketAddress(), 10_000));
            assertEquals("Connection refused: the server's accept queue is full", e.getMessage(),
                "the server listens: the message must not read as if nobody did");
            assertTrue(third.isClosed(), "a failed connect closes the socket");
        }
    }

    @Test
    void connectTimesOutWhenNobodyAnswers() throws Exception {
        try (DatagramChannel silent = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
             RudpSocket socket = new RudpSocket()) {
            SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> socket.connect(silent.getLocalAddress(), 500));
            assertEquals("Connect timed out", e.getMessage());
            assertTrue(socket.isClosed());
        }
    }

    @Test
    void connectWithoutATimeoutWaitsPastTheConfiguredConnectTimeout() throws Exception {
        // The handshake retries after 100, 200, 400 ms...; the configured connect timeout is 150 ms.
        ConnectionConfig quick = ConnectionConfig.builder().initialRtoNanos(100_000_000L).connectTimeoutNanos(150_000_000L).build();
        DatagramChannel silent = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        InetSocketAddress address = (InetSocketAddress) silent.getLocalAddress();
        try (RudpSocket socket = new RudpSocket(quick); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> connecting = threads.submit(() -> {
                socket.connect(address, 0); // as java.net.Socket: 0 waits without limit
                return null;
            });
            ByteBuffer datagram = ByteBuffer.allocate(2048);
            for (int call = 1; call <= 3; call++) {
                datagram.clear();
                silent.receive(datagram); // bounded by the test's timeout
            }
            // The third call request left 300 ms after the first, past the configured 150 ms:
            // the connect still waits. Now someone answers on that port.
            silent.close();
            try (RudpServerSocket server = new RudpServerSocket(address.getPort(), 50, LOOPBACK)) {
                connecting.get();
                assertTrue(socket.isConnected());
                try (RudpSocket accepted = server.accept()) {
                    socket.getOutputStream().write(5);
                    assertEquals(5, accepted.getInputStream().read());
                }
            }
        }
    }

    @Test
    void bindingAPortAnotherSocketHoldsThrowsBindException() throws Exception {
        try (DatagramChannel udp = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            int port = ((InetSocketAddress) udp.getLocalAddress()).getPort();
            BindException e = assertThrows(BindException.class, () -> new RudpServerSocket(port, 50, LOOPBACK));
            assertTrue(e.getMessage().startsWith("Address already in use"), e.getMessage());
            assertTrue(e.getMessage().contains(":" + port), "the message names the address: " + e.getMessage());
        }
        try (RudpServerSocket listening = new RudpServerSocket(0, 50, LOOPBACK)) {
            BindException e = assertThrows(BindException.class, () -> new RudpServerSocket(listening.getLocalPort(), 50, LOOPBACK));
            assertTrue(e.getMessage().startsWith("Address already in use"), e.getMessage());
        }
    }

    @Test
    void negativeTimeoutsAreRejected() throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0, 50, LOOPBACK); RudpSocket socket = new RudpSocket()) {
            assertThrows(IllegalArgumentException.class, () -> server.setSoTimeout(-1));
            assertThrows(IllegalArgumentException.class, () -> socket.setSoTimeout(-1));
            assertThrows(IllegalArgumentException.class, () -> socket.connect(server.getLocalSocketAddress(), -1));
            assertThrows(IllegalArgumentException.class, () -> socket.setSoLinger(true, -1));
        }
    }

    @Test
    void misuseBeforeConnectOrBindSaysWhatIsMissing() throws Exception {
        try (RudpSocket socket = new RudpSocket(); RudpServerSocket unbound = new RudpServerSocket();
             RudpServerSocket server = new RudpServerSocket(0, 50, LOOPBACK)) {
            assertEquals("Socket is not connected", assertThrows(SocketException.class, socket::getInputStream).getMessage());
            assertEquals("Socket is not connected", assertThrows(SocketException.class, socket::getOutputStream).getMessage());
            assertEquals("Socket is not bound yet", assertThrows(SocketException.class, unbound::accept).getMessage());
            socket.connect(server.getLocalSocketAddress(), 5_000);
            assertEquals("Already connected",
                assertThrows(SocketException.class, () -> socket.connect(server.getLocalSocketAddress(), 5_000)).getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> socket.getInputStream().read(new byte[4], 3, 2));
        }
    }

    @Test
    void aClosedListenersPortRefusesCallsAndCanBeListenedOnAgain() throws Exception {
        RudpServerSocket server = new RudpServerSocket(0, 50, LOOPBACK);
        int port = server.getLocalPort();
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
        try (RudpSocket client = new RudpSocket()) {
            client.connect(address, 5_000);
            try (RudpSocket accepted = server.accept()) {
                server.close();
                // The endpoint lives on for the accepted connection and refuses new calls
                // (RST refused from an endpoint without a listener).
                try (RudpSocket late = new RudpSocket()) {
                    assertEquals("Connection refused",
                        assertThrows(ConnectException.class, () -> late.connect(address, 5_000)).getMessage());
                }
                // As with SO_REUSEADDR, a new listener may take the port while old connections live.
                try (RudpServerSocket again = new RudpServerSocket(port, 50, LOOPBACK); RudpSocket next = new RudpSocket()) {
                    next.connect(address, 5_000);
                    try (RudpSocket acceptedAgain = again.accept()) {
                        next.getOutputStream().write(7);
                        assertEquals(7, acceptedAgain.getInputStream().read());
                    }
                }
                client.getOutputStream().write(8);
                assertEquals(8, accepted.getInputStream().read(), "the old connection still works");
            }
        }
    }

    @Test
    void aLingeringCloseReturnsOnceThePeerHasEverything() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(1).nextBytes(data);
        try (RudpServerSocket server = new RudpServerSocket(0, 50, LOOPBACK); RudpSocket client = new RudpSocket()) {
            client.connect(server.getLocalSocketAddress(), 5_000);
            try (RudpSocket accepted = server.accept()) {
                client.setSoLinger(true, 10);
                client.getOutputStream().write(data);
                client.close();
                // Acknowledged means in the peer's receive buffer (it is larger than the data).
                InputStream in = accepted.getInputStream();
                assertEquals(data.length, in.available());
                assertArrayEquals(data, in.readAllBytes());
            }
        }
    }

    @Test
    void statsDescribeTheTransfer() throws Exception {
        byte[] data = new byte[300_000];
        try (RudpServerSocket server = new RudpServerSocket(0, 50, LOOPBACK); RudpSocket client = new RudpSocket()) {
            client.connect(server.getLocalSocketAddress(), 5_000);
            try (RudpSocket accepted = server.accept()) {
                client.getOutputStream().write(data);
                client.shutdownOutput();
                assertEquals(data.length, accepted.getInputStream().readAllBytes().length);
                ConnectionStats receiver = accepted.stats();
                assertEquals(ConnectionState.CLOSE_WAIT, receiver.state());
                assertEquals(data.length, receiver.bytesReceived());
                ConnectionStats sender = client.stats();
                assertTrue(sender.bytesSent() >= data.length, sender.toString());
                assertTrue(sender.smoothedRtt() > 0, sender.toString());
            }
        }
    }
}
