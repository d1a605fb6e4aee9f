package net.rudp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EndpointDriverTest {

    private static final long SECONDS = 1_000_000_000L;
    private static final ConnectionConfig SHORT_TIME_WAIT = ConnectionConfig.DEFAULT.withTimeWait(100_000_000L);

    @Test
    void anEndpointRunsOneNamedDaemonLoopThatEndsAndFreesThePortWhenTheEndpointIsDone() throws Exception {
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 10, ConnectionConfig.DEFAULT);
        InetSocketAddress address = acceptor.localAddress();
        Thread loop = loopThread(address.getPort());
        assertTrue(loop.isDaemon());
        assertTrue(acceptor.driver().isOpen());

        acceptor.close();
        loop.join(10_000);
        assertFalse(loop.isAlive(), "the loop ends once the endpoint has no listener and no connection");
        assertFalse(acceptor.driver().isOpen());
        DatagramChannel.open().bind(address).close(); // the port is free: this would throw BindException
    }

    @Test
    void aClosedConnectionKeepsItsEndpointUntilEverythingIsDelivered() throws Exception {
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 10, SHORT_TIME_WAIT);
        BlockingConnection client = EndpointDriver.connect(null, acceptor.localAddress(), SHORT_TIME_WAIT);
        client.awaitConnected(5 * SECONDS);
        BlockingConnection server = acceptor.accept(5 * SECONDS);
        byte[] data = new byte[2 << 20];
        new Random(1).nextBytes(data);
        client.write(data, 0, data.length);
        client.close();
        // The peer has neither read nor closed: the client's connection (FIN_WAIT) keeps its endpoint.
        assertTrue(client.driver().isOpen());
        Thread clientLoop = loopThread(client.localAddress().getPort());

        byte[] got = new byte[data.length];
        int at = 0;
        for (int n; at < got.length && (n = server.read(got, at, got.length - at, 5 * SECONDS)) > 0; ) at += n;
        assertArrayEquals(data, got);
        assertEquals(-1, server.read(new byte[1], 0, 1, 5 * SECONDS));
        server.close();

        // FIN exchanged, TIME_WAIT (100 ms here) over: the client's endpoint releases its port.
        clientLoop.join(10_000);
        assertFalse(clientLoop.isAlive());
        assertFalse(client.driver().isOpen());
        acceptor.close();
    }

    @Test
    void anInterruptedReaderClosesItsConnectionButNotTheSharedPort() throws Exception {
        Acceptor acceptor = EndpointDriver.listen(Loopback.ANY_PORT, 10, SHORT_TIME_WAIT);
        // One call after the other, so the first accepted is client1's (two clients of one JVM
        // may share an endpoint, and so a local address).
        BlockingConnection client1 = EndpointDriver.connect(null, acceptor.localAddress(), SHORT_TIME_WAIT);
        client1.awaitConnected(5 * SECONDS);
        BlockingConnection forClient1 = acceptor.accept(5 * SECONDS);
        BlockingConnection client2 = EndpointDriver.connect(null, acceptor.localAddress(), SHORT_TIME_WAIT);
        client2.awaitConnected(5 * SECONDS);
        BlockingConnection forClient2 = acceptor.accept(5 * SECONDS);

        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                forClient1.read(new byte[10], 0, 10, BlockingConnection.FOREVER);
            } catch (Exception e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        while (reader.getState() != Thread.State.WAITING) Thread.onSpinWait(); // bounded by @Timeout
        reader.interrupt();
        reader.join();
        assertInstanceOf(SocketException.class, failure.get());
        assertEquals("Closed by interrupt", failure.get().getMessage());
        assertTrue(stillInterrupted.get(), "the interrupt status stays set");

        // Were the channel closed by the interrupt, both connections would be dead.
        client2.write(new byte[] {5}, 0, 1);
        byte[] one = new byte[1];
        assertEquals(1, forClient2.read(one, 0, 1, 5 * SECONDS));
        assertEquals(5, one[0]);
        assertTrue(acceptor.driver().isOpen());
        // The interrupted side was closed gracefully: its peer reads end of stream.
        assertEquals(-1, client1.read(one, 0, 1, 5 * SECONDS));
        for (BlockingConnection c : Arrays.asList(client1, client2, forClient2)) c.close();
        acceptor.close();
    }

    /** The event-loop thread of the endpoint on {@code port}. */
    private static Thread loopThread(int port) {
        String name = "rudp-endpoint-" + port;
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no thread named " + name));
    }
}
