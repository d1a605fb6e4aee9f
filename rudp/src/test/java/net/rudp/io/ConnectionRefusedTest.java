package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A call where nobody listens is refused at once, as TCP's connect is, also from a shared client
 * endpoint whose unconnected channel hears no ICMP. The connect timeout is a minute and the
 * tests' limit ten seconds: a refusal that came from the timeout would fail them.
 */
@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionRefusedTest {

    private static final long SECONDS = 1_000_000_000L;
    private static final ConnectionConfig PATIENT = ConnectionConfig.DEFAULT.withConnectTimeout(60 * SECONDS);

    @Test
    void aPortWhereNothingIsBoundRefusesTheCallAtOnce() throws Exception {
        assertRefused(EndpointDriver.connect(null, Loopback.unboundPort(), PATIENT));
    }

    @Test
    void aPortWhereNothingIsBoundRefusesABoundClientsCallAtOnce() throws Exception {
        // The client's own endpoint, connected to its peer, hears the ICMP itself.
        BlockingConnection call = EndpointDriver.connect(Loopback.ANY_PORT, Loopback.unboundPort(), PATIENT);
        assertRefused(call);
        assertEquals(1L, call.driver().datagramErrors().get(DatagramErrors.Kind.PORT_UNREACHABLE),
            "the endpoint counted the ICMP error its channel reported");
    }

    @Test
    void manyCallsAtOnceToAPortWhereNothingIsBoundAreAllRefused() throws Exception {
        InetSocketAddress nobody = Loopback.unboundPort();
        BlockingConnection[] calls = new BlockingConnection[20];
        for (int i = 0; i < calls.length; i++) calls[i] = EndpointDriver.connect(null, nobody, PATIENT);
        for (BlockingConnection c : calls) assertRefused(c);
    }

    @Test
    void aRudpPortThatDoesNotListenRefusesTheCallAtOnce() throws Exception {
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 10, PATIENT);
        BlockingConnection keeper = EndpointDriver.connect(null, acceptor.localAddress(), PATIENT);
        keeper.awaitConnected(5 * SECONDS);
        BlockingConnection accepted = acceptor.accept(5 * SECONDS);
        acceptor.close(); // the endpoint stays for the accepted connection, but listens no more: RST(REFUSED)
        assertRefused(EndpointDriver.connect(null, acceptor.localAddress(), PATIENT));
        assertEquals(ConnectionState.ESTABLISHED, keeper.state(), "the refusal touched no other connection");
        keeper.abort();
        accepted.abort();
    }

    private static void assertRefused(BlockingConnection call) {
        ConnectException e = assertThrows(ConnectException.class, () -> call.awaitConnected(BlockingConnection.FOREVER));
        assertEquals("Connection refused", e.getMessage());
    }
}
