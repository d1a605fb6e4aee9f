package net.rudp.api;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.stream.Stream;
import net.rudp.AeadSuite;
import net.rudp.Authentication;
import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authenticated mode (spec/AUTHENTICATED.md) over loopback sockets: transfers with each suite,
 * with a pinned server key and with a pre-shared key, arrive intact (SHA-256 on both sides), and
 * every way a call cannot authenticate fails it clearly, never in plain rudp. Throughput is printed,
 * not asserted; {@code -Drudp.auth.mib=64 -Dtest=AuthenticatedTransferTest#costAgainstPlain} measures the cost
 * against plain rudp by hand (skipped without the property).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AuthenticatedTransferTest {
    private static final byte[] SERVER_KEY = Authentication.newPrivateKey();
    private static final byte[] PSK = Authentication.newPrivateKey();
    private static final long MIB = 1 << 20;

    static Stream<Arguments> configurations() {
        Authentication pinned = Authentication.pinnedServerKey(Authentication.publicKey(SERVER_KEY));
        Authentication server = Authentication.serverKey(SERVER_KEY);
        Authentication psk = Authentication.preShared(PSK);
        return Stream.of(AeadSuite.values()).flatMap(suite -> Stream.of(
            Arguments.of("pinned key, " + suite, pinned.withSuite(suite), server.withSuite(suite)),
            Arguments.of("pre-shared key, " + suite, psk.withSuite(suite), psk.withSuite(suite))));
    }

    private static RudpServerSocket listening(Authentication auth) throws IOException {
        RudpServerSocket server = new RudpServerSocket(ConnectionConfig.DEFAULT.withAuthentication(auth));
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }

    private static InetSocketAddress address(RudpServerSocket server) {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void aTransferArrivesIntactAndNothingIsDropped(String name, Authentication client, Authentication server) throws Exception {
        try (RudpServerSocket listener = listening(server)) {
            ConnectionConfig config = ConnectionConfig.DEFAULT.withAuthentication(client);
            BulkTransfer.Result r = BulkTransfer.run(listener, address(listener), config, 8 * MIB);
            System.out.println("authenticated (" + name + "): " + r);
            assertEquals(0, listener.endpointStats().unauthenticated(), "a clean path forges nothing");
        }
    }

    @Test
    void theModeIsASocketOptionAndBothKeysMayBeRequired() throws Exception {
        Authentication both = Authentication.pinnedServerKey(Authentication.publicKey(SERVER_KEY)).withPreSharedKey(PSK);
        try (RudpServerSocket listener = new RudpServerSocket()) {
            listener.setOption(RudpSocketOptions.AUTHENTICATION, Authentication.serverKey(SERVER_KEY).withPreSharedKey(PSK));
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            BulkTransfer.Result r = BulkTransfer.run(() -> {
                RudpSocket s = new RudpSocket();
                assertNull(s.getOption(RudpSocketOptions.AUTHENTICATION), "off by default");
                s.setOption(RudpSocketOptions.AUTHENTICATION, both);
                s.connect(address(listener), 5_000);
                assertEquals(both, s.getOption(RudpSocketOptions.AUTHENTICATION));
                return BulkTransfer.End.plain(s);
            }, () -> BulkTransfer.End.plain(listener.accept()), 2 * MIB);
            assertEquals(2 * MIB, r.bytes());
        }
    }

    @Test
    void aServerWithAnotherKeyIsNotAuthenticated() throws Exception {
        try (RudpServerSocket listener = listening(Authentication.serverKey(Authentication.newPrivateKey()))) {
            ConnectException e = assertThrows(ConnectException.class, () -> connect(listener, pinned()));
            assertEquals("Connection refused: the server did not authenticate", e.getMessage());
        }
        try (RudpServerSocket listener = listening(Authentication.preShared(Authentication.newPrivateKey()))) {
            ConnectException e = assertThrows(ConnectException.class, () -> connect(listener, Authentication.preShared(PSK)));
            assertEquals("Connection refused: the server did not authenticate", e.getMessage());
        }
    }

    @Test
    void plainCallsAndCallsWithAnotherSuiteAreRefused() throws Exception {
        try (RudpServerSocket listener = listening(Authentication.serverKey(SERVER_KEY))) {
            assertThrows(ConnectException.class, () -> connect(listener, null), "a plain client is refused");
            assertThrows(ConnectException.class, () -> connect(listener, pinned().withSuite(AeadSuite.AES_256_GCM)));
            assertEquals(2, listener.endpointStats().callsRefused());
        }
    }

    @Test
    void aClientNeverFallsBackToAPlainServer() throws Exception {
        try (RudpServerSocket plain = new RudpServerSocket()) {
            plain.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            // A plain receiver drops the AUTH SYN (its body is too long: spec 6.1 rule 6), so the call times out.
            assertThrows(SocketTimeoutException.class, () -> connect(plain, pinned()));
            assertTrue(plain.endpointStats().decodeErrors() > 0);
        }
    }

    /** Plain and authenticated transfers of the same size, one after the other: the ratio of their rates, printed. */
    @Test
    void costAgainstPlain() throws Exception {
        assumeTrue(System.getProperty("rudp.auth.mib") != null, "a measurement: run with -Drudp.auth.mib=N");
        long total = Long.getLong("rudp.auth.mib") * MIB;
        double plain;
        try (RudpServerSocket listener = new RudpServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            plain = rate(BulkTransfer.run(listener, address(listener), ConnectionConfig.DEFAULT, total));
        }
        for (AeadSuite suite : AeadSuite.values()) {
            try (RudpServerSocket listener = listening(Authentication.serverKey(SERVER_KEY).withSuite(suite))) {
                double sealed = rate(BulkTransfer.run(listener, address(listener),
                    ConnectionConfig.DEFAULT.withAuthentication(pinned().withSuite(suite)), total));
                System.out.printf("loopback %d MiB: plain %.1f MB/s, %s %.1f MB/s, ratio %.2f%n",
                    total / MIB, plain, suite, sealed, sealed / plain);
            }
        }
    }

    private static double rate(BulkTransfer.Result r) {
        return r.bytes() / r.seconds() / 1e6;
    }

    private static Authentication pinned() {
        return Authentication.pinnedServerKey(Authentication.publicKey(SERVER_KEY));
    }

    private static void connect(RudpServerSocket server, Authentication auth) throws IOException {
        try (RudpSocket s = new RudpSocket(ConnectionConfig.DEFAULT.withAuthentication(auth))) {
            s.connect(address(server), 3_000);
        }
    }
}
