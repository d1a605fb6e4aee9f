package net.rudp.io.batch;

import static net.rudp.io.batch.Datagrams.loopback4;
import static net.rudp.io.batch.Datagrams.queue;
import static net.rudp.io.batch.Datagrams.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a {@link BatchedUdpSocket} does around the datagrams, on both paths alike: bind errors,
 * waiting and waking, closing, delivery errors, and a batch used wrongly.
 */
class SocketLifecycleTest {
    /** Bounds the tests that wait on another thread; a healthy run takes milliseconds. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void bindingAnAddressInUseSaysSo(IoPath path) throws IOException {
        try (BatchedUdpSocket first = path.open(loopback4())) {
            BindException e = assertThrows(BindException.class, () -> path.open(first.localAddress()).close());
            assertEquals("Address already in use: UDP " + first.localAddress() + " is bound by another socket", e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void bindingAnAddressOfNoLocalInterfaceSaysSo(IoPath path) throws IOException {
        path.assumeAvailable();
        InetSocketAddress elsewhere = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 0);
        BindException e = assertThrows(BindException.class, () -> path.open(elsewhere).close());
        assertTrue(e.getMessage().startsWith("Cannot assign requested address: " + elsewhere), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void theSameRequestBindsBothPathsAlike(IoPath path) throws IOException {
        for (InetSocketAddress request : new InetSocketAddress[] {null, new InetSocketAddress(0), loopback4()}) {
            try (BatchedUdpSocket plain = IoPath.PLAIN.open(request); BatchedUdpSocket other = path.open(request)) {
                assertEquals(plain.localAddress().getAddress(), other.localAddress().getAddress(), "bound for " + request);
                assertTrue(other.localAddress().getPort() > 0, "a port was chosen");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void aWaitEndsWhenADatagramArrivesOrTheTimeoutPasses(IoPath path) throws IOException {
        try (BatchedUdpSocket a = path.open(loopback4()); BatchedUdpSocket b = path.open(loopback4())) {
            assertFalse(a.awaitReadable(0), "nothing waiting yet");
            assertFalse(a.awaitReadable(2_000_000L), "a short wait with nothing arriving times out");
            assertEquals(0, a.receive(), "a receive with nothing waiting returns at once, empty");
            queue(b, a.localAddress(), 1, 10);
            b.send();
            assertTimeoutPreemptively(BOUND, () -> assertTrue(a.awaitReadable(Long.MAX_VALUE)));
            assertEquals(1, a.receive());
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void aWakeupFromAnotherThreadEndsAWaitWithoutATimeout(IoPath path) throws IOException {
        try (BatchedUdpSocket socket = path.open(loopback4())) {
            assertTimeoutPreemptively(BOUND, () -> {
                CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> await(socket));
                // The wake-up may come before the wait starts: it then ends the wait at once, as Selector.wakeup() does.
                socket.wakeup();
                assertFalse(waited.join(), "woken, not readable");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void aWakeupBeforeAWaitEndsItAtOnceAndOnlyThatOne(IoPath path) throws IOException {
        try (BatchedUdpSocket socket = path.open(loopback4())) {
            socket.wakeup();
            socket.wakeup();
            assertTimeoutPreemptively(BOUND, () -> assertFalse(socket.awaitReadable(Long.MAX_VALUE)));
            assertFalse(socket.awaitReadable(2_000_000L), "two wake-ups end one wait");
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void closingFromAnotherThreadEndsAWaitWithAsynchronousCloseException(IoPath path) throws Exception {
        BatchedUdpSocket socket = path.open(loopback4());
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                socket.awaitReadable(Long.MAX_VALUE);
                ended.complete(null);
            } catch (Throwable t) {
                ended.complete(t);
            }
        });
        assertTimeoutPreemptively(BOUND, () -> {
            while (!blockedInTheKernel(waiter)) Thread.onSpinWait();
            socket.close();
            Throwable t = ended.get();
            assertTrue(t instanceof AsynchronousCloseException, "the waiting thread got " + t);
        });
    }

    /** Whether {@code t} is in the wait's system call: ppoll on the fast path, the selector's epoll on the plain one. */
    private static boolean blockedInTheKernel(Thread t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            boolean ppoll = frame.getClassName().endsWith(".LinuxCalls") && frame.getMethodName().equals("ppoll");
            boolean epoll = frame.getClassName().contains("EPoll") && frame.getMethodName().equals("wait");
            if (ppoll || epoll) return true;
        }
        return false;
    }

    private static boolean await(BatchedUdpSocket socket) {
        try {
            return socket.awaitReadable(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void aClosedSocketRefusesEveryCallClearlyAndClosesTwiceQuietly(IoPath path) throws IOException {
        BatchedUdpSocket socket = path.open(loopback4());
        InetSocketAddress self = socket.localAddress();
        queue(socket, self, 1, 10);
        socket.close();
        socket.close();
        socket.wakeup();
        assertThrows(ClosedChannelException.class, socket::send);
        assertThrows(ClosedChannelException.class, socket::receive);
        assertThrows(ClosedChannelException.class, () -> socket.awaitReadable(0));
        assertThrows(ClosedChannelException.class, () -> socket.connect(self));
        try (BatchedUdpSocket again = path.open(self)) {
            assertEquals(self, again.localAddress(), "the port was released");
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void aConnectedSocketLearnsThatItsPeersPortIsUnreachable(IoPath path) throws IOException {
        InetSocketAddress closedPort = closedPort();
        try (BatchedUdpSocket socket = path.open(loopback4())) {
            socket.connect(closedPort);
            DeliveryError e = firstDeliveryError(socket, closedPort);
            assertEquals(new DeliveryError(closedPort, DeliveryError.Kind.PORT_UNREACHABLE, 0), e);
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void anUnconnectedSocketLearnsWhichPeersPortIsUnreachableWhereTheKernelHasAnErrorQueue(IoPath path) throws IOException {
        InetSocketAddress closedPort = closedPort();
        try (BatchedUdpSocket socket = path.open(loopback4()); BatchedUdpSocket peer = path.open(loopback4())) {
            assumeTrue(socket.offloads().errorQueue(), "the plain path has no error queue: an unconnected channel ignores ICMP");
            DeliveryError e = firstDeliveryError(socket, closedPort);
            assertEquals(new DeliveryError(closedPort, DeliveryError.Kind.PORT_UNREACHABLE, 0), e);
            // And the socket goes on working: a datagram to a live peer still arrives.
            queue(socket, peer.localAddress(), 5, 20);
            socket.send();
            Datagrams.assertContents(receive(peer, 1), new int[] {5}, new int[] {20});
        }
    }

    /** Sends to {@code to} until the socket reports a delivery error (bounded), and returns it. */
    private static DeliveryError firstDeliveryError(BatchedUdpSocket socket, InetSocketAddress to) throws IOException {
        long deadline = System.nanoTime() + Datagrams.PATIENCE_NANOS;
        while (System.nanoTime() < deadline) {
            queue(socket, to, 1, 10);
            socket.send();
            socket.awaitReadable(10_000_000L);
            socket.receive();
            DeliveryError e = socket.pollDeliveryError();
            if (e != null) return e;
        }
        throw new AssertionError("no delivery error was reported for " + to);
    }

    private static InetSocketAddress closedPort() throws IOException {
        try (DatagramChannel c = DatagramChannel.open()) {
            c.bind(loopback4());
            return (InetSocketAddress) c.getLocalAddress();
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void aBatchUsedWronglySaysHow(IoPath path) throws IOException {
        try (BatchedUdpSocket socket = path.open(loopback4(), UdpSocketConfig.DEFAULT.withSendBatch(2, 1 << 17))) {
            OutgoingBatch batch = socket.outgoing();
            InetSocketAddress self = socket.localAddress();
            assertThrows(IllegalStateException.class, batch::commit, "commit() without begin()");
            assertThrows(IllegalArgumentException.class, () -> batch.begin(InetSocketAddress.createUnresolved("example.org", 9), 1));
            assertThrows(IllegalArgumentException.class, () -> batch.begin(self, 65_536));
            assertNotNull(batch.begin(self, 10));
            assertThrows(IllegalStateException.class, () -> batch.begin(self, 10), "one datagram open at a time");
            batch.commit();
            assertTrue(batch.add(self, ByteBuffer.allocate(5)));
            assertNull(batch.begin(self, 1), "two datagrams fill this batch");
            assertFalse(batch.add(self, ByteBuffer.allocate(5)));
            socket.connect(self);
            batch.clear();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch.begin(closedPort(), 1));
            assertTrue(e.getMessage().startsWith("a socket connected to " + self + " sends only there"), e.getMessage());
        }
    }
}
