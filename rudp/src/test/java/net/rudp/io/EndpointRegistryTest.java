package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EndpointRegistryTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aListeningEndpointIsFoundByItsAddressUntilItRetires() throws Exception {
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 10, ConnectionConfig.DEFAULT);
        EndpointDriver driver = acceptor.driver();
        InetSocketAddress address = acceptor.localAddress();
        assertSame(driver, EndpointRegistry.JVM.serverAt(address));
        assertTrue(EndpointRegistry.JVM.isLive(driver));

        acceptor.close();
        while (driver.isOpen()) Thread.onSpinWait(); // bounded by @Timeout
        assertNull(EndpointRegistry.JVM.serverAt(address));
        assertFalse(EndpointRegistry.JVM.isLive(driver));
    }

    @Test
    void aClosedConnectionStillDeliveringKeepsTheExitLingerWaitingUntilThePeerHasEverything() throws Exception {
        // The server's receive window (64 KiB) holds a quarter of what the client writes.
        ConnectionConfig config = ConnectionConfig.DEFAULT.withBuffers(1 << 20, 64 << 10);
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 10, config);
        BlockingConnection client = EndpointDriver.connect(null, acceptor.localAddress(), config);
        client.awaitConnected(5 * SECOND);
        BlockingConnection server = acceptor.accept(5 * SECOND);
        byte[] data = new byte[256 << 10];
        client.write(data, 0, data.length);
        assertFalse(client.driver().isDeliveringClosedConnections(), "open connections do not hold exit");
        client.close();
        assertTrue(client.driver().isDeliveringClosedConnections());
        assertTrue(EndpointRegistry.JVM.anyDeliveringClosedConnections());

        byte[] got = new byte[data.length + 1];
        int n = 0;
        for (int r; (r = server.read(got, n, got.length - n, 5 * SECOND)) > 0; ) n += r; // to end of stream
        assertEquals(data.length, n);
        assertTrue(client.awaitOutputDrained(5 * SECOND), "the peer acknowledges the FIN it read");
        assertFalse(client.driver().isDeliveringClosedConnections(), "data and FIN were acknowledged");
        server.close();
        acceptor.close();
    }
}
