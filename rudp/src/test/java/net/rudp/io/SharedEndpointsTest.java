package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedEndpointsTest {

    private static final long SECONDS = 1_000_000_000L;
    /** A configuration of these tests' own, so no other test's connections share their endpoints. */
    private static final ConnectionConfig CONFIG = ConnectionConfig.DEFAULT.withTimeWait(50_000_000L).withConnectTimeout(7 * SECONDS);

    @Test
    void connectionsSpreadOverAtMostTheMaximumOfEndpointsAndStickToTheirs() throws Exception {
        SharedEndpoints pool = new SharedEndpoints(3);
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 50, CONFIG);
        List<BlockingConnection> clients = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            BlockingConnection c = pool.connect(acceptor.localAddress(), CONFIG);
            c.awaitConnected(5 * SECONDS);
            clients.add(c);
            BlockingConnection accepted = acceptor.accept(5 * SECONDS);
            // The server sees the client at the address the client reports: the kernel's source
            // address for that peer, and the shared endpoint's port.
            assertEquals(c.localAddress(), accepted.remoteAddress());
        }
        Map<Integer, Integer> perPort = new TreeMap<>();
        for (BlockingConnection c : clients) perPort.merge(c.localAddress().getPort(), 1, Integer::sum);
        assertEquals(3, perPort.size(), "three endpoints for seven connections: " + perPort);
        assertEquals(List.of(2, 2, 3), perPort.values().stream().sorted().toList(), "the least loaded takes the next");
        assertEquals(3, pool.count(CONFIG));
        for (BlockingConnection c : clients) c.abort();
        acceptor.close();
    }

    @Test
    void aSharedEndpointRetiresOnceIdleReleasingItsPortAndThread() throws Exception {
        SharedEndpoints pool = new SharedEndpoints(1);
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 50, CONFIG);
        BlockingConnection client = pool.connect(acceptor.localAddress(), CONFIG);
        client.awaitConnected(5 * SECONDS);
        EndpointDriver shared = client.driver();
        client.close();
        acceptor.accept(5 * SECONDS).close();
        while (shared.isOpen()) Thread.onSpinWait(); // TIME_WAIT (50 ms), then the idle grace; bounded by @Timeout
        assertEquals(0, pool.count(CONFIG));
        // The endpoint closes on its loop thread, which ends just after: wait for that (bounded by @Timeout:
        // a thread that never ends fails the test), not a snapshot taken between the two (seen in a full verify).
        while (Loopback.loopThreadRuns(client.localAddress().getPort())) Thread.onSpinWait();
        DatagramChannel.open().bind(new InetSocketAddress(client.localAddress().getPort())).close(); // the port is free

        BlockingConnection next = pool.connect(acceptor.localAddress(), CONFIG);
        assertNotSame(shared, next.driver(), "a new connection after that gets a new endpoint");
        next.abort();
        acceptor.close();
    }

    @Test
    void anIdleEndpointInItsGraceTakesTheNextConnection() throws Exception {
        SharedEndpoints pool = new SharedEndpoints(4);
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 50, CONFIG);
        BlockingConnection first = pool.connect(acceptor.localAddress(), CONFIG);
        first.abort();
        while (first.driver().load() > 0) Thread.onSpinWait(); // bounded by @Timeout
        BlockingConnection second = pool.connect(acceptor.localAddress(), CONFIG);
        assertSame(first.driver(), second.driver(), "an endpoint without connections is reused before another opens");
        second.abort();
        acceptor.close();
    }

    @Test
    void aClientBoundExplicitlyGetsAnEndpointOfItsOwnThere() throws Exception {
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 50, CONFIG);
        InetSocketAddress local;
        try (DatagramChannel probe = DatagramChannel.open().bind(Loopback.ANY_PORT)) {
            local = (InetSocketAddress) probe.getLocalAddress(); // a free port, free again after this block
        }
        BlockingConnection bound = EndpointDriver.connect(local, acceptor.localAddress(), CONFIG);
        bound.awaitConnected(5 * SECONDS);
        assertEquals(local, bound.localAddress());
        assertEquals(local, acceptor.accept(5 * SECONDS).remoteAddress());
        assertEquals(local, bound.driver().localAddress(), "the endpoint is bound where the application asked");
        bound.abort();
        acceptor.close();
    }
}
