package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.EndpointStats;
import net.rudp.capture.CaptureFile;
import net.rudp.io.batch.BatchedUdpSockets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A listener served by two loops on one port: clients spread over them, one accept queue, one lifetime. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ListenerGroupTest {

    private static final long SECONDS = 1_000_000_000L;
    private static final ConnectionConfig SHORT_TIME_WAIT = ConnectionConfig.DEFAULT.withTimeWait(100_000_000L);
    /** Clients with ports of their own until both loops have one: all on one loop has odds 2^-39 at most. */
    private static final int MAX_CLIENTS = 40;

    @BeforeEach
    void portSharingWorksHere() {
        assumeTrue(BatchedUdpSockets.whyNoPortSharing() == null, BatchedUdpSockets::whyNoPortSharing);
    }

    @Test
    void twoLoopsShareOneWildcardPortEachWithItsOwnSocketAndThread() throws Exception {
        Acceptor acceptor = EndpointDriver.listen(new InetSocketAddress(0), 10, SHORT_TIME_WAIT, null, 2);
        try {
            assertEquals(2, acceptor.loops());
            EndpointDriver first = acceptor.drivers().get(0);
            EndpointDriver second = acceptor.drivers().get(1);
            assertEquals(first.localAddress(), second.localAddress());
            assertNotSame(first.socket(), second.socket());
            int port = acceptor.localAddress().getPort();
            assertTrue(threadNamed("rudp-endpoint-" + port + "-0") && threadNamed("rudp-endpoint-" + port + "-1"));
            BlockingConnection client = connectFromOwnPort(new InetSocketAddress(Loopback.ANY_PORT.getAddress(), port));
            BlockingConnection server = acceptor.accept(5 * SECONDS);
            client.close();
            server.close();
        } finally {
            acceptor.close();
        }
    }

    @Test
    void clientsSpreadOverBothLoopsAcceptReturnsEachOnceAndTheStatsAddUp() throws Exception {
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, MAX_CLIENTS, SHORT_TIME_WAIT, null, 2);
        List<BlockingConnection> clients = new ArrayList<>();
        List<BlockingConnection> accepted = new ArrayList<>();
        while (clients.size() < MAX_CLIENTS && !bothLoopsServe(acceptor)) {
            clients.add(connectFromOwnPort(acceptor.localAddress()));
            accepted.add(acceptor.accept(5 * SECONDS));
        }
        assertTrue(bothLoopsServe(acceptor), "the kernel put all " + clients.size() + " clients on one loop");
        for (int i = 0; i < clients.size(); i++) {
            byte[] one = {(byte) i};
            clients.get(i).write(one, 0, 1);
        }
        // Each accepted connection reads its own client's byte: the loops kept the connections apart.
        for (int i = 0; i < accepted.size(); i++) {
            byte[] got = new byte[1];
            assertEquals(1, accepted.get(i).read(got, 0, 1, 5 * SECONDS));
            assertEquals((byte) i, got[0], "accepted connection " + i);
        }
        EndpointStats firstLoop = acceptor.drivers().get(0).endpointStats();
        EndpointStats secondLoop = acceptor.drivers().get(1).endpointStats();
        EndpointStats both = acceptor.endpointStats();
        assertTrue(firstLoop.datagramsReceived() > 0 && secondLoop.datagramsReceived() > 0);
        assertTrue(both.datagramsReceived() >= firstLoop.datagramsReceived() + secondLoop.datagramsReceived());
        for (BlockingConnection c : clients) c.close();
        for (BlockingConnection c : accepted) c.close();
        acceptor.close();
    }

    @Test
    void callsAnsweredWithCookiesCompleteOnEitherLoop() throws Exception {
        // Each loop issues and checks its own cookies: a client's answer must reach the loop that issued them.
        String before = System.getProperty(EndpointDriver.COOKIE_PROPERTY);
        System.setProperty(EndpointDriver.COOKIE_PROPERTY, "always");
        Acceptor acceptor;
        try {
            acceptor = EndpointDriver.listen(Loopback.ANY_PORT, MAX_CLIENTS, SHORT_TIME_WAIT, null, 2);
        } finally {
            restore(EndpointDriver.COOKIE_PROPERTY, before);
        }
        List<BlockingConnection> all = new ArrayList<>();
        while (all.size() < 2 * MAX_CLIENTS && !bothLoopsServe(acceptor)) {
            all.add(connectFromOwnPort(acceptor.localAddress()));
            all.add(acceptor.accept(5 * SECONDS));
        }
        assertTrue(bothLoopsServe(acceptor), "the kernel put all " + all.size() / 2 + " clients on one loop");
        for (BlockingConnection c : all) c.close();
        acceptor.close();
    }

    @Test
    void theLoopsRetireTogetherOnceTheLastConnectionEndsAndThenThePortIsFree() throws Exception {
        ClosedListener old = closedListenerWithOneConnection();
        InetSocketAddress address = old.acceptor.localAddress();
        // The loop without a connection keeps its socket: closing it would move the client's flow.
        Thread.sleep(300);
        for (EndpointDriver d : old.acceptor.drivers()) assertTrue(d.isOpen(), d + " retired while another loop serves");
        assertThrows(BindException.class, () -> DatagramChannel.open().bind(address).close());

        old.client.close();
        old.server.close();
        for (EndpointDriver d : old.acceptor.drivers()) {
            while (d.isOpen()) Thread.sleep(10); // bounded by @Timeout
        }
        DatagramChannel.open().bind(address).close(); // the port is free: this would throw BindException
    }

    @Test
    void aNewListenerTakesOverTheLoopsOfAClosedOneThatStillServeConnections() throws Exception {
        ClosedListener old = closedListenerWithOneConnection();
        InetSocketAddress address = old.acceptor.localAddress();

        Acceptor second = EndpointDriver.listen(address, MAX_CLIENTS, SHORT_TIME_WAIT, null, 2);
        assertEquals(old.acceptor.drivers(), second.drivers(), "the same loops listen again");
        assertThrows(BindException.class, () -> EndpointDriver.listen(address, 1, SHORT_TIME_WAIT, null, 2));
        BlockingConnection newClient = connectFromOwnPort(address);
        BlockingConnection newServer = second.accept(5 * SECONDS);
        newClient.write(new byte[] {7}, 0, 1);
        byte[] got = new byte[1];
        assertEquals(1, newServer.read(got, 0, 1, 5 * SECONDS));
        assertEquals(7, got[0]);
        for (BlockingConnection c : List.of(old.client, old.server, newClient, newServer)) c.close();
        second.close();
    }

    @Test
    void aListenerWithACaptureOrAskingForOneLoopGetsOne() throws Exception {
        assertEquals(1, ListenerGroup.grantedLoops(1, null));
        assertEquals(2, ListenerGroup.grantedLoops(2, null));
        assertEquals(1, ListenerGroup.grantedLoops(2, CaptureFile.at(Path.of("unused.pcapng"))));
        Acceptor single = EndpointDriver.listen(Loopback.ANY_PORT, 10, ConnectionConfig.DEFAULT);
        try {
            assertEquals(1, single.loops(), "by default (-Drudp.serverLoops unset) one loop");
        } finally {
            single.close();
        }
    }

    @Test
    void aServerLoopsPropertyThatIsNoCountIsRefusedByName() {
        String before = System.getProperty(ListenerGroup.LOOPS_PROPERTY);
        System.setProperty(ListenerGroup.LOOPS_PROPERTY, "many");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, ListenerGroup::requestedLoops);
            assertTrue(e.getMessage().startsWith("rudp.serverLoops must be a whole number"), e.getMessage());
        } finally {
            restore(ListenerGroup.LOOPS_PROPERTY, before);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) System.clearProperty(property);
        else System.setProperty(property, value);
    }

    /** A closed two-loop listener and the one connection it still serves, from both ends. */
    private record ClosedListener(Acceptor acceptor, BlockingConnection client, BlockingConnection server) {}

    private static ClosedListener closedListenerWithOneConnection() throws Exception {
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, MAX_CLIENTS, SHORT_TIME_WAIT, null, 2);
        BlockingConnection client = connectFromOwnPort(acceptor.localAddress());
        BlockingConnection server = acceptor.accept(5 * SECONDS);
        acceptor.close();
        return new ClosedListener(acceptor, client, server);
    }

    /** A connected client on an endpoint and port of its own: each is its own flow for the kernel's hash. */
    private static BlockingConnection connectFromOwnPort(InetSocketAddress server) throws Exception {
        BlockingConnection c = EndpointDriver.connect(Loopback.ANY_PORT, server, SHORT_TIME_WAIT);
        c.awaitConnected(5 * SECONDS);
        return c;
    }

    private static boolean bothLoopsServe(Acceptor acceptor) {
        return acceptor.drivers().stream().allMatch(d -> d.load() > 0);
    }

    private static boolean threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name));
    }
}
