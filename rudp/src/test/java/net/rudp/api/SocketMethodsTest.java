package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketOption;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.rudp.CongestionControl;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Every public method of {@link Socket} and {@link ServerSocket}, called on rudp sockets through
 * plain java.net references: each works as the JDK documents it, or fails with an exception that
 * names what rudp lacks. The checks are keyed by the methods they call, and a test compares the
 * keys with the JDK's methods, so a method added to java.net in a later JDK shows up here.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SocketMethodsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** A check calls one or more methods, named by their signatures. */
    private interface Check {
        void run(Fixture f) throws Exception;
    }

    private static final Map<String, Check> SOCKET_CHECKS = socketChecks();
    private static final Map<String, Check> SERVER_CHECKS = serverChecks();

    @Test
    void everyPublicSocketMethodIsChecked() {
        assertEquals(publicMethods(Socket.class), covered(SOCKET_CHECKS));
        assertEquals(44, publicMethods(Socket.class).size(), "JDK 25's Socket has 44 public instance methods");
    }

    @Test
    void everyPublicServerSocketMethodIsChecked() {
        assertEquals(publicMethods(ServerSocket.class), covered(SERVER_CHECKS));
        assertEquals(21, publicMethods(ServerSocket.class).size(), "JDK 25's ServerSocket has 21 public instance methods");
    }

    @TestFactory
    Stream<DynamicTest> socketMethods() {
        return dynamicTests(SOCKET_CHECKS);
    }

    @TestFactory
    Stream<DynamicTest> serverSocketMethods() {
        return dynamicTests(SERVER_CHECKS);
    }

    private static Map<String, Check> socketChecks() {
        Map<String, Check> c = new LinkedHashMap<>();
        connectingAndAddresses(c);
        streamsAndPlainOptions(c);
        configurationOptions(c);
        lifecycleAndOptionApi(c);
        return c;
    }

    /** Connecting, binding and the addresses a socket reports. */
    private static void connectingAndAddresses(Map<String, Check> c) {
        c.put("connect(SocketAddress)", f -> {
            Socket s = f.unconnected();
            s.connect(f.serverAddress());
            assertTrue(s.isConnected() && s.isBound());
        });
        c.put("connect(SocketAddress, int)", f -> {
            Socket s = f.unconnected();
            s.connect(f.serverAddress(), 5_000);
            assertTrue(s.isConnected());
            assertEquals("Already connected", assertThrows(SocketException.class, () -> s.connect(f.serverAddress(), 5_000)).getMessage());
        });
        c.put("bind(SocketAddress), getLocalAddress(), isBound()", f -> {
            Socket s = f.unconnected();
            assertFalse(s.isBound());
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            assertTrue(s.isBound());
            assertEquals(LOOPBACK, s.getLocalAddress());
            s.connect(f.serverAddress(), 5_000);
            assertEquals(LOOPBACK, s.getLocalAddress());
        });
        c.put("getInetAddress(), getPort(), getRemoteSocketAddress()", f -> {
            Socket u = f.unconnected();
            assertNull(u.getInetAddress());
            assertEquals(0, u.getPort());
            assertNull(u.getRemoteSocketAddress());
            Socket s = f.client();
            assertEquals(LOOPBACK, s.getInetAddress());
            assertEquals(f.serverAddress().getPort(), s.getPort());
            assertEquals(f.serverAddress(), s.getRemoteSocketAddress());
            assertEquals(s.getLocalSocketAddress(), f.accepted().getRemoteSocketAddress());
        });
        c.put("getLocalPort(), getLocalSocketAddress()", f -> {
            Socket u = f.unconnected();
            assertEquals(-1, u.getLocalPort());
            assertNull(u.getLocalSocketAddress());
            Socket s = f.client();
            assertTrue(s.getLocalPort() > 0);
            assertEquals(s.getLocalPort(), ((InetSocketAddress) s.getLocalSocketAddress()).getPort());
            assertEquals(f.serverAddress().getPort(), f.accepted().getLocalPort(), "an accepted socket shares its listener's port");
        });
        c.put("getChannel()", f -> assertNull(f.client().getChannel(), "not made by a SocketChannel"));
    }

    /** The streams, and the options rudp keeps as plain values. */
    private static void streamsAndPlainOptions(Map<String, Check> c) {
        c.put("getInputStream(), getOutputStream()", f -> {
            f.client().getOutputStream().write(42);
            assertEquals(42, f.accepted().getInputStream().read());
            assertEquals(f.client().getInputStream(), f.client().getInputStream(), "the same stream each time");
        });
        c.put("setTcpNoDelay(boolean), getTcpNoDelay()", f -> {
            Socket s = f.client();
            assertTrue(s.getTcpNoDelay(), "rudp never delays small writes");
            s.setTcpNoDelay(false);
            assertTrue(s.getTcpNoDelay(), "Nagle cannot be turned on: the value says what rudp does");
        });
        c.put("setSoLinger(boolean, int), getSoLinger()", f -> {
            Socket s = f.client();
            assertEquals(-1, s.getSoLinger());
            s.setSoLinger(true, 7);
            assertEquals(7, s.getSoLinger());
            s.setSoLinger(true, 100_000);
            assertEquals(65_535, s.getSoLinger(), "capped as java.net.Socket caps it");
            s.setSoLinger(false, 0);
            assertEquals(-1, s.getSoLinger());
        });
        c.put("sendUrgentData(int)", f -> {
            SocketException e = assertThrows(SocketException.class, () -> f.client().sendUrgentData(1));
            assertEquals("Urgent data not supported", e.getMessage());
        });
        c.put("setOOBInline(boolean), getOOBInline()", f -> {
            Socket s = f.client();
            assertFalse(s.getOOBInline());
            s.setOOBInline(true);
            assertTrue(s.getOOBInline(), "accepted and read back; rudp has no urgent data to inline");
        });
        c.put("setSoTimeout(int), getSoTimeout()", f -> {
            Socket s = f.client();
            assertEquals(0, s.getSoTimeout());
            s.setSoTimeout(50);
            assertEquals(50, s.getSoTimeout());
            assertEquals("Read timed out", assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read()).getMessage());
        });
    }

    /** The options that are fields of the connection's configuration, and two kept ones. */
    private static void configurationOptions(Map<String, Check> c) {
        c.put("setSendBufferSize(int), getSendBufferSize()", f -> {
            RudpSocket s = f.unconnected();
            assertEquals(4 << 20, s.getSendBufferSize());
            s.setSendBufferSize(1 << 20);
            s.connect(f.serverAddress(), 5_000);
            assertEquals(1 << 20, s.config().sendBufferSize(), "the connection opened with it");
            s.setSendBufferSize(64 << 10);
            assertEquals(1 << 20, s.getSendBufferSize(), "a hint after connect: ignored, the getter tells the size in force");
        });
        c.put("setReceiveBufferSize(int), getReceiveBufferSize()", f -> {
            RudpSocket s = f.unconnected();
            s.setReceiveBufferSize(256 << 10);
            s.connect(f.serverAddress(), 5_000);
            assertEquals(256 << 10, s.getReceiveBufferSize());
            assertTrue(s.stats().receiveWindow() <= 256 << 10, "the advertised window is bounded by it: " + s.stats());
        });
        c.put("setKeepAlive(boolean), getKeepAlive()", f -> {
            RudpSocket s = f.unconnected();
            assertTrue(s.getKeepAlive(), "on by default, unlike TCP");
            s.setKeepAlive(false);
            assertEquals(0, s.config().keepaliveNanos());
            assertEquals(0, s.config().idleTimeoutNanos(), "no probes, so no idle timeout either");
            s.connect(f.serverAddress(), 5_000);
            s.setKeepAlive(false);
            SocketException e = assertThrows(SocketException.class, () -> s.setKeepAlive(true));
            assertTrue(e.getMessage().startsWith("SO_KEEPALIVE cannot change once the rudp connection is open"), e.getMessage());
        });
        c.put("setTrafficClass(int), getTrafficClass()", f -> {
            Socket s = f.client();
            assertEquals(0, s.getTrafficClass());
            s.setTrafficClass(0x10);
            assertEquals(0x10, s.getTrafficClass(), "accepted and read back");
            assertThrows(IllegalArgumentException.class, () -> s.setTrafficClass(256));
        });
        c.put("setReuseAddress(boolean), getReuseAddress()", f -> {
            Socket s = f.client();
            assertFalse(s.getReuseAddress());
            s.setReuseAddress(true);
            assertTrue(s.getReuseAddress(), "accepted and read back");
        });
    }

    /** Closing and shutting down, the state queries, and the SocketOption API. */
    private static void lifecycleAndOptionApi(Map<String, Check> c) {
        c.put("close(), isClosed()", f -> {
            Socket s = f.client();
            assertFalse(s.isClosed());
            s.close();
            assertTrue(s.isClosed());
            assertEquals(-1, f.accepted().getInputStream().read(), "a graceful close: the peer reads end of stream");
            assertEquals("Socket is closed", assertThrows(SocketException.class, () -> s.setSoTimeout(1)).getMessage());
        });
        c.put("shutdownInput(), isInputShutdown()", f -> {
            Socket s = f.client();
            s.shutdownInput();
            assertTrue(s.isInputShutdown());
            assertEquals("Socket input is shutdown", assertThrows(SocketException.class, s::getInputStream).getMessage());
        });
        c.put("shutdownOutput(), isOutputShutdown()", f -> {
            Socket s = f.client();
            s.shutdownOutput();
            assertTrue(s.isOutputShutdown());
            assertEquals(-1, f.accepted().getInputStream().read());
        });
        c.put("toString()", f -> {
            assertEquals("RudpSocket[unconnected]", f.unconnected().toString());
            String s = f.client().toString();
            assertTrue(s.startsWith("RudpSocket[") && s.contains(":" + f.client().getLocalPort() + " <-> ")
                && s.endsWith(":" + f.serverAddress().getPort() + "]"), s);
        });
        c.put("isConnected()", f -> {
            assertFalse(f.unconnected().isConnected());
            assertTrue(f.accepted().isConnected());
        });
        c.put("setPerformancePreferences(int, int, int)", f -> f.client().setPerformancePreferences(1, 2, 3));
        c.put("setOption(SocketOption, Object), getOption(SocketOption)", f -> {
            RudpSocket s = f.unconnected();
            s.setOption(RudpSocketOptions.CONGESTION_CONTROL, CongestionControl.CUBIC);
            s.setOption(StandardSocketOptions.SO_LINGER, 3);
            assertEquals(3, s.getSoLinger());
            s.connect(f.serverAddress(), 5_000);
            assertEquals(CongestionControl.CUBIC, s.getOption(RudpSocketOptions.CONGESTION_CONTROL));
            assertEquals("cubic", s.stats().congestionControl(), "the connection runs the controller chosen");
            assertThrows(SocketException.class, () -> s.setOption(RudpSocketOptions.CONGESTION_CONTROL, CongestionControl.BBR));
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> s.setOption(StandardSocketOptions.SO_BROADCAST, true));
            assertEquals("'SO_BROADCAST' not supported by rudp sockets", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> s.setOption(rawOption(StandardSocketOptions.SO_SNDBUF), "big"));
        });
        c.put("supportedOptions()", f -> assertEquals(Set.of(StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_RCVBUF,
            StandardSocketOptions.SO_KEEPALIVE, StandardSocketOptions.SO_LINGER, StandardSocketOptions.TCP_NODELAY,
            StandardSocketOptions.SO_REUSEADDR, StandardSocketOptions.IP_TOS, RudpSocketOptions.MAX_DATAGRAM_SIZE,
            RudpSocketOptions.CONGESTION_CONTROL, RudpSocketOptions.PACING, RudpSocketOptions.CAPTURE,
            RudpSocketOptions.AUTHENTICATION), f.client().supportedOptions()));
    }

    private static Map<String, Check> serverChecks() {
        Map<String, Check> c = new LinkedHashMap<>();
        bindingAndAccepting(c);
        serverOptions(c);
        return c;
    }

    /** Binding, the addresses a listener reports, accepting and closing. */
    private static void bindingAndAccepting(Map<String, Check> c) {
        c.put("bind(SocketAddress), isBound()", f -> {
            ServerSocket s = f.unbound();
            assertFalse(s.isBound());
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            assertTrue(s.isBound());
            assertEquals("Already bound", assertThrows(SocketException.class, () -> s.bind(null)).getMessage());
        });
        c.put("bind(SocketAddress, int)", f -> {
            ServerSocket s = f.unbound();
            s.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            try (Socket first = new RudpSocket(); Socket second = new RudpSocket()) {
                first.connect(s.getLocalSocketAddress(), 5_000);
                assertThrows(java.net.ConnectException.class, () -> second.connect(s.getLocalSocketAddress(), 5_000),
                    "a backlog of 1 refuses the second call");
            }
        });
        c.put("getInetAddress(), getLocalPort(), getLocalSocketAddress()", f -> {
            ServerSocket u = f.unbound();
            assertNull(u.getInetAddress());
            assertEquals(-1, u.getLocalPort());
            assertNull(u.getLocalSocketAddress());
            assertEquals(LOOPBACK, f.server.getInetAddress());
            assertTrue(f.server.getLocalPort() > 0);
            assertEquals(new InetSocketAddress(LOOPBACK, f.server.getLocalPort()), f.server.getLocalSocketAddress());
        });
        c.put("accept()", f -> {
            f.unconnected().connect(f.serverAddress(), 5_000);
            Socket s = f.server.accept();
            assertInstanceOf(RudpSocket.class, s);
            assertTrue(s.isConnected() && s.isBound());
            assertFalse(s.isClosed());
        });
        c.put("close(), isClosed()", f -> {
            f.server.close();
            assertTrue(f.server.isClosed());
            assertEquals("Socket is closed", assertThrows(SocketException.class, f.server::accept).getMessage());
        });
        c.put("getChannel()", f -> assertNull(f.server.getChannel()));
        c.put("setSoTimeout(int), getSoTimeout()", f -> {
            f.server.setSoTimeout(30);
            assertEquals(30, f.server.getSoTimeout());
            assertEquals("Accept timed out", assertThrows(SocketTimeoutException.class, f.server::accept).getMessage());
        });
    }

    /** The listener's options. */
    private static void serverOptions(Map<String, Check> c) {
        c.put("setReuseAddress(boolean), getReuseAddress()", f -> {
            ServerSocket s = f.unbound();
            assertTrue(s.getReuseAddress(), "true by default, as on Linux");
            s.setReuseAddress(false);
            assertFalse(s.getReuseAddress(), "accepted and read back");
        });
        c.put("toString()", f -> {
            assertEquals("RudpServerSocket[unbound]", f.unbound().toString());
            assertTrue(f.server.toString().startsWith("RudpServerSocket["), f.server.toString());
            assertTrue(f.server.toString().endsWith(":" + f.server.getLocalPort() + "]"), f.server.toString());
        });
        c.put("setReceiveBufferSize(int), getReceiveBufferSize()", f -> {
            RudpServerSocket s = f.unbound();
            s.setReceiveBufferSize(128 << 10);
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            assertEquals(128 << 10, s.getReceiveBufferSize());
            try (Socket client = new RudpSocket(); RudpSocket accepted = connectAndAccept(client, s)) {
                assertEquals(128 << 10, accepted.getReceiveBufferSize(), "accepted connections get the listener's");
            }
        });
        c.put("setPerformancePreferences(int, int, int)", f -> f.server.setPerformancePreferences(1, 2, 3));
        c.put("setOption(SocketOption, Object), getOption(SocketOption)", f -> {
            RudpServerSocket s = f.unbound();
            s.setOption(RudpSocketOptions.MAX_DATAGRAM_SIZE, 9_000);
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            assertEquals(9_000, s.getOption(RudpSocketOptions.MAX_DATAGRAM_SIZE));
            try (Socket client = new RudpSocket(); RudpSocket accepted = connectAndAccept(client, s)) {
                assertEquals(9_000, accepted.config().maxDatagramSize());
            }
            assertThrows(SocketException.class, () -> s.setOption(RudpSocketOptions.PACING, false), "fixed once bound");
            assertThrows(UnsupportedOperationException.class, () -> s.setOption(StandardSocketOptions.SO_SNDBUF, 1));
        });
        c.put("supportedOptions()", f -> assertEquals(Set.of(StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_REUSEADDR,
            RudpSocketOptions.MAX_DATAGRAM_SIZE, RudpSocketOptions.CONGESTION_CONTROL, RudpSocketOptions.PACING,
            RudpSocketOptions.CAPTURE, RudpSocketOptions.SERVER_LOOPS, RudpSocketOptions.AUTHENTICATION), f.server.supportedOptions()));
    }

    // ---------------------------------------------------------------- plumbing

    @SuppressWarnings("unchecked")
    private static SocketOption<Object> rawOption(SocketOption<?> o) {
        return (SocketOption<Object>) o;
    }

    private static RudpSocket connectAndAccept(Socket client, RudpServerSocket server) throws Exception {
        client.connect(server.getLocalSocketAddress(), 5_000);
        return server.accept();
    }

    private static Stream<DynamicTest> dynamicTests(Map<String, Check> checks) {
        // @Timeout does not reach dynamic tests: each bounds itself.
        return checks.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () ->
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try (Fixture f = new Fixture()) {
                    e.getValue().run(f);
                }
            })));
    }

    private static Set<String> covered(Map<String, Check> checks) {
        return checks.keySet().stream().flatMap(k -> Arrays.stream(k.split(", (?=[a-zA-Z]+\\()"))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> publicMethods(Class<?> c) {
        Set<String> s = new TreeSet<>();
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())) {
                s.add(m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                    .collect(Collectors.joining(", ", "(", ")")));
            }
        }
        return s;
    }

    /** A listener on loopback, and sockets made on demand; all closed at the end. */
    private static final class Fixture implements AutoCloseable {
        final RudpServerSocket server;
        private final List<Closeable> opened = new ArrayList<>();
        private RudpSocket client;
        private RudpSocket accepted;

        Fixture() throws Exception {
            server = closeLater(new RudpServerSocket(0, 50, LOOPBACK));
        }

        InetSocketAddress serverAddress() {
            return (InetSocketAddress) server.getLocalSocketAddress();
        }

        RudpSocket unconnected() throws SocketException {
            return closeLater(new RudpSocket());
        }

        RudpServerSocket unbound() {
            return closeLater(new RudpServerSocket());
        }

        /** A connected client (the same one each call). */
        RudpSocket client() throws Exception {
            if (client == null) {
                client = unconnected();
                client.connect(serverAddress(), 5_000);
                accepted = closeLater(server.accept());
            }
            return client;
        }

        /** The server's end of {@link #client()}. */
        RudpSocket accepted() throws Exception {
            client();
            return accepted;
        }

        private <T extends Closeable> T closeLater(T c) {
            opened.add(c);
            return c;
        }

        @Override
        public void close() throws IOException {
            for (Closeable c : opened.reversed()) c.close();
        }
    }
}
