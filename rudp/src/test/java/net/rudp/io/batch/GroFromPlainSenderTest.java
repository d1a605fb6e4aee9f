package net.rudp.io.batch;

import static net.rudp.io.batch.Datagrams.assertContents;
import static net.rudp.io.batch.Datagrams.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * UDP GRO as it happens on a real receive path: a plain sender (one datagram per system call,
 * its own process inside a network namespace) sends over a veth pair whose receiving end
 * coalesces them (GRO on, with a flush timeout so datagrams gather between polls); the fast
 * path's receiver gets trains and splits them back into exactly the datagrams sent.
 *
 * <p>Loopback cannot show this: it has no GRO engine, so there only a GSO sender makes trains.
 */
class GroFromPlainSenderTest {

    @Test
    void trainsCoalescedByTheKernelSplitBackIntoTheDatagramsSentByteForByte() throws Exception {
        assumeTrue(BatchedUdpSockets.fastPathChosen(), () -> "no fast path here: " + BatchedUdpSockets.status());
        try (VethNamespace net = VethNamespace.create("the GRO test over veth")) {
            VethNamespace.run("ethtool", "-K", net.hostDevice, "gro", "on", "rx-udp-gro-forwarding", "on");
            // Let GRO hold datagrams for up to 200 us between polls, so a burst gathers into trains.
            net.setDeviceAttribute("gro_flush_timeout", "200000");
            net.setDeviceAttribute("napi_defer_hard_irqs", "10");
            int count = 1000;
            int length = 1200;
            InetSocketAddress local = new InetSocketAddress(InetAddress.getByName(net.hostAddress), 0);
            try (BatchedUdpSocket receiver = IoPath.FAST.open(local)) {
                assumeTrue(receiver.offloads().receiveTrains(), "the kernel has no UDP GRO");
                net.inside(javaCommand(net.hostAddress, receiver.localAddress().getPort(), count, length));
                int[] lengths = IntStream.range(0, count).map(i -> length).toArray();
                assertContents(receive(receiver, count), IntStream.range(0, count).toArray(), lengths);
                UdpCounters c = receiver.counters();
                assertEquals(count, c.datagramsReceived());
                assertTrue(c.messagesReceived() < count, "GRO coalesced some datagrams into trains: " + c);
            }
        }
    }

    /** The child JVM that runs {@link PlainBurst} with this test's class path. */
    private static String[] javaCommand(String host, int port, int count, int length) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new String[] {java, "-cp", classPath, PlainBurst.class.getName(), host,
            Integer.toString(port), Integer.toString(count), Integer.toString(length)};
    }
}
