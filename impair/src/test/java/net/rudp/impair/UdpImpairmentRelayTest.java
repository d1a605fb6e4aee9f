package net.rudp.impair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The relay over real loopback sockets, with plain DatagramChannels as client and server. */
class UdpImpairmentRelayTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int TIMEOUT_MILLIS = 5_000;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private DatagramChannel server;

    @BeforeEach
    void openServer() throws IOException {
        server = open();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) c.close();
    }

    private DatagramChannel open() throws IOException {
        DatagramChannel c = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        c.socket().setSoTimeout(TIMEOUT_MILLIS);
        toClose.add(c);
        return c;
    }

    private UdpImpairmentRelay relay(String toServer, String toClient, long seed) throws IOException {
        UdpImpairmentRelay relay = new UdpImpairmentRelay((InetSocketAddress) server.getLocalAddress(),
            ImpairmentProfile.parse(toServer), ImpairmentProfile.parse(toClient), seed);
        toClose.add(relay);
        return relay.start();
    }

    private static void send(DatagramChannel from, SocketAddress to, int number, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).putInt(0, number);
        from.send(b, to);
    }

    /** Blocks (up to the socket timeout) for one datagram; its bytes and its sender. */
    private record Received(byte[] bytes, SocketAddress from) {
        int number() {
            return ByteBuffer.wrap(bytes).getInt();
        }
    }

    private static Received receive(DatagramChannel on) throws IOException {
        java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[65_536], 65_536);
        on.socket().receive(p);
        return new Received(java.util.Arrays.copyOf(p.getData(), p.getLength()), p.getSocketAddress());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(java.time.Duration.ofNanos(100_000));
        }
    }

    @Test
    void aPerfectLinkDeliversEveryDatagramBothWays() throws Exception {
        UdpImpairmentRelay relay = relay("none", "none", 1);
        DatagramChannel client = open();
        for (int i = 0; i < 50; i++) {
            send(client, relay.address(), i, 100 + i);
            Received atServer = receive(server);
            assertEquals(i, atServer.number());
            assertEquals(100 + i, atServer.bytes().length);
            server.send(ByteBuffer.wrap(atServer.bytes()), atServer.from());
            Received atClient = receive(client);
            assertArrayEquals(atServer.bytes(), atClient.bytes());
            assertEquals(relay.address(), atClient.from(), "replies come from the relay");
        }
        assertEquals(50, relay.toServerStats().delivered());
        assertEquals(50, relay.toClientStats().delivered());
        assertEquals(0, relay.droppedLocally());
    }

    @Test
    void totalLossDeliversNothing() throws Exception {
        UdpImpairmentRelay relay = relay("loss=100%", "none", 2);
        DatagramChannel client = open();
        for (int i = 0; i < 20; i++) send(client, relay.address(), i, 64);
        await(() -> relay.toServerStats().offered() == 20, "the relay to see all 20 datagrams");
        // The loss decision is made when a datagram is offered: nothing is left to arrive.
        assertEquals(20, relay.toServerStats().droppedByLoss());
        server.configureBlocking(false);
        assertNull(server.receive(ByteBuffer.allocate(100)));
    }

    @Test
    void delayHoldsDatagramsBackAtLeastTheDelay() throws Exception {
        UdpImpairmentRelay relay = relay("delay=50ms", "delay=30ms", 3);
        DatagramChannel client = open();
        long sent = System.nanoTime();
        send(client, relay.address(), 7, 32);
        Received atServer = receive(server);
        long oneWay = System.nanoTime() - sent;
        server.send(ByteBuffer.wrap(atServer.bytes()), atServer.from());
        receive(client);
        long roundTrip = System.nanoTime() - sent;
        assertTrue(oneWay >= 50_000_000L, "arrived early: " + oneWay + " ns");
        assertTrue(roundTrip >= 80_000_000L, "came back early: " + roundTrip + " ns");
    }

    @Test
    void theSameSeedLosesTheSameDatagrams() throws Exception {
        Set<Integer> first = survivorsOf200(11);
        assertTrue(first.size() > 50 && first.size() < 150, "about half survive: " + first.size());
        assertEquals(first, survivorsOf200(11));
        assertNotEquals(first, survivorsOf200(12));
    }

    /** Numbers of 200 datagrams that pass a relay with 50% loss, seeded. */
    private Set<Integer> survivorsOf200(long seed) throws Exception {
        UdpImpairmentRelay relay = relay("loss=50%", "none", seed);
        DatagramChannel client = open();
        for (int i = 0; i < 200; i++) {
            send(client, relay.address(), i, 64);
            // One at a time, so that no socket buffer overflows and only the model decides.
            int offered = i + 1;
            await(() -> relay.toServerStats().offered() == offered, "the relay to see datagram " + i);
        }
        long delivered = relay.toServerStats().offered() - relay.toServerStats().droppedByLoss();
        Set<Integer> survivors = new TreeSet<>();
        for (long i = 0; i < delivered; i++) survivors.add(receive(server).number());
        relay.close();
        return survivors;
    }

    @Test
    void eachClientHasItsOwnPathLikeANat() throws Exception {
        UdpImpairmentRelay relay = relay("none", "none", 4);
        List<DatagramChannel> clients = List.of(open(), open(), open());
        Set<SocketAddress> seenByServer = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            for (int c = 0; c < clients.size(); c++) {
                send(clients.get(c), relay.address(), c, 16);
                Received r = receive(server);
                assertEquals(c, r.number());
                seenByServer.add(r.from());
                server.send(ByteBuffer.wrap(r.bytes()), r.from());
                assertEquals(c, receive(clients.get(c)).number(), "the reply goes back to the client that sent");
            }
        }
        assertEquals(3, seenByServer.size(), "one relay-side address per client");
        assertEquals(3, relay.clientCount());
    }

    @Test
    void anotherRouteReachesAnotherServerAndRepliesComeFromItsOwnPort() throws Exception {
        UdpImpairmentRelay relay = relay("none", "none", 6);
        DatagramChannel otherServer = open();
        InetSocketAddress otherFront = relay.addRoute((InetSocketAddress) otherServer.getLocalAddress());
        assertNotEquals(relay.address(), otherFront);
        DatagramChannel client = open();
        for (int round = 0; round < 2; round++) {
            for (DatagramChannel to : List.of(server, otherServer)) {
                SocketAddress front = to == server ? relay.address() : otherFront;
                send(client, front, round, 16);
                Received r = receive(to);
                to.send(ByteBuffer.wrap(r.bytes()), r.from());
                Received back = receive(client);
                assertEquals(round, back.number());
                assertEquals(front, back.from(), "the reply comes from the port the client sent to");
            }
        }
        assertEquals(2, relay.clientCount(), "one client address, seen on two routes");
        assertEquals(4, relay.toServerStats().delivered(), "both routes cross the same link");
        assertEquals(4, relay.toClientStats().delivered());
    }

    @Test
    void routesShareOneQueue() throws Exception {
        // 1000 bytes take 800 ms at 10 kbit/s, and without a queue only a datagram that finds the
        // link idle passes: the second route's datagram, sent once the first is on the link, finds it busy.
        UdpImpairmentRelay relay = relay("rate=10kbit,queue=0", "none", 7);
        DatagramChannel otherServer = open();
        InetSocketAddress otherFront = relay.addRoute((InetSocketAddress) otherServer.getLocalAddress());
        DatagramChannel client = open();
        send(client, relay.address(), 1, 1000);
        await(() -> relay.toServerStats().offered() == 1, "the relay to see the first datagram");
        send(client, otherFront, 2, 1000);
        await(() -> relay.toServerStats().offered() == 2, "the relay to see both datagrams");
        assertEquals(1, relay.toServerStats().droppedByQueue(), relay.toServerStats().toString());
        assertEquals(1, receive(server).number());
    }

    @Test
    void closeStopsTheThreadsAndFreesThePort() throws Exception {
        UdpImpairmentRelay relay = relay("delay=10ms", "none", 5);
        int port = relay.address().getPort();
        send(open(), relay.address(), 1, 8);
        relay.close();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            assertFalse(t.getName().startsWith("rudp-relay-" + port + "-"), "still running: " + t.getName());
        }
        DatagramChannel again = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, port));
        toClose.add(again);
        assertThrows(SocketTimeoutException.class, () -> {
            server.socket().setSoTimeout(100);
            receive(server);
        }, "the delayed datagram died with the relay");
    }

    @Test
    void onlyLoopbackTargetsAreAccepted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UdpImpairmentRelay(
            new InetSocketAddress("192.0.2.1", 9), ImpairmentProfile.NONE, ImpairmentProfile.NONE, 0));
        assertTrue(e.getMessage().contains("loopback addresses only"), e.getMessage());
    }
}
