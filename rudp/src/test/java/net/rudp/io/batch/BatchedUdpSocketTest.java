package net.rudp.io.batch;

import static net.rudp.io.batch.Datagrams.assertContents;
import static net.rudp.io.batch.Datagrams.loopback4;
import static net.rudp.io.batch.Datagrams.queue;
import static net.rudp.io.batch.Datagrams.receive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.rudp.io.batch.Datagrams.Received;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Datagrams through {@link BatchedUdpSocket}s on loopback, every sender path against every
 * receiver path: bytes, sources and order as a user sees them, for IPv4, IPv6 and dual-stack
 * sockets, one peer and several.
 */
class BatchedUdpSocketTest {

    static Stream<Arguments> senderAndReceiver() {
        return Stream.of(IoPath.values()).flatMap(s -> Stream.of(IoPath.values()).map(r -> Arguments.of(s, r)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("senderAndReceiver")
    void datagramsOfEverySizeArriveWholeInOrderFromTheSender(IoPath senderPath, IoPath receiverPath) throws IOException {
        int[] lengths = {0, 1, 100, 1200, 1472, 9000, 65_507};
        try (BatchedUdpSocket sender = senderPath.open(loopback4()); BatchedUdpSocket receiver = receiverPath.open(loopback4())) {
            for (int i = 0; i < lengths.length; i++) queue(sender, receiver.localAddress(), i, lengths[i]);
            assertEquals(lengths.length, sender.send());
            assertTrue(sender.outgoing().isEmpty(), "send() empties the batch");
            List<Received> got = receive(receiver, lengths.length);
            assertContents(got, IntStream.range(0, lengths.length).toArray(), lengths);
            for (Received r : got) assertEquals(sender.localAddress(), r.source());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("senderAndReceiver")
    void ipv6SourcesReadAsTheSendersAddress(IoPath senderPath, IoPath receiverPath) throws IOException {
        InetSocketAddress v6 = new InetSocketAddress(ipv6Loopback(), 0);
        try (BatchedUdpSocket sender = senderPath.open(v6); BatchedUdpSocket receiver = receiverPath.open(v6)) {
            assertEquals("[0:0:0:0:0:0:0:1]", "[" + receiver.localAddress().getAddress().getHostAddress() + "]");
            queue(sender, receiver.localAddress(), 7, 1200);
            sender.send();
            Received r = receive(receiver, 1).getFirst();
            assertEquals(sender.localAddress(), r.source());
            assertEquals(sender.localAddress().toString(), r.source().toString(), "printed as the JDK prints it (no %scope)");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("senderAndReceiver")
    void aWildcardSocketReceivesIpv4AndIpv6AndNamesEachSourceInItsFamily(IoPath senderPath, IoPath receiverPath)
        throws IOException {
        InetAddress v6 = ipv6Loopback();
        try (BatchedUdpSocket receiver = receiverPath.open(null);
             BatchedUdpSocket from4 = senderPath.open(loopback4());
             BatchedUdpSocket from6 = senderPath.open(new InetSocketAddress(v6, 0))) {
            int port = receiver.localAddress().getPort();
            assertTrue(receiver.localAddress().getAddress().isAnyLocalAddress(), "bound to " + receiver.localAddress());
            queue(from4, new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1, 10);
            from4.send();
            Received r4 = receive(receiver, 1).getFirst();
            queue(from6, new InetSocketAddress(v6, port), 2, 10);
            from6.send();
            Received r6 = receive(receiver, 1).getFirst();
            assertInstanceOf(Inet4Address.class, r4.source().getAddress(), "an IPv4 peer of a dual-stack socket");
            assertEquals(from4.localAddress(), r4.source());
            assertEquals(from6.localAddress(), r6.source());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("senderAndReceiver")
    void oneBatchToSeveralPeersReachesEachWithItsOwnDatagrams(IoPath senderPath, IoPath receiverPath) throws IOException {
        int peers = 3;
        int perPeer = 40;
        try (BatchedUdpSocket sender = senderPath.open(loopback4())) {
            List<BatchedUdpSocket> receivers = new ArrayList<>();
            try {
                for (int p = 0; p < peers; p++) receivers.add(receiverPath.open(loopback4()));
                // Interleaved, and each peer's share in runs of a few: single datagrams and GSO runs mixed in one batch.
                for (int i = 0; i < perPeer; i += 4) {
                    for (int p = 0; p < peers; p++) {
                        for (int k = i; k < i + 4; k++) queue(sender, receivers.get(p).localAddress(), p * 1000 + k, 500 + p);
                    }
                }
                assertEquals(peers * perPeer, sender.send());
                for (int p = 0; p < peers; p++) {
                    int base = p * 1000;
                    int[] tags = IntStream.range(0, perPeer).map(k -> base + k).toArray();
                    int[] lengths = IntStream.range(0, perPeer).map(k -> 500 + base / 1000).toArray();
                    assertContents(receive(receivers.get(p), perPeer), tags, lengths);
                }
            } finally {
                for (BatchedUdpSocket r : receivers) r.close();
            }
        }
    }

    static Stream<Arguments> senderReceiverAndFamily() {
        return senderAndReceiver().flatMap(a -> Stream.of("127.0.0.1", "::1").map(ip -> Arguments.of(a.get()[0], a.get()[1], ip)));
    }

    @ParameterizedTest(name = "{0} -> {1} over {2}")
    @MethodSource("senderReceiverAndFamily")
    void aGsoRunOfEqualDatagramsArrivesAsThoseDatagrams(IoPath senderPath, IoPath receiverPath, String ip) throws IOException {
        int count = 200;
        int[] lengths = IntStream.range(0, count).map(i -> i == count - 1 ? 333 : 1200).toArray();
        InetSocketAddress local = new InetSocketAddress(ip.equals("::1") ? ipv6Loopback() : InetAddress.getByName(ip), 0);
        try (BatchedUdpSocket sender = senderPath.open(local);
             BatchedUdpSocket receiver = receiverPath.open(local, UdpSocketConfig.DEFAULT.withOffloads(true, false))) {
            for (int i = 0; i < count; i++) queue(sender, receiver.localAddress(), i, lengths[i]);
            assertEquals(count, sender.send());
            assertContents(receive(receiver, count), IntStream.range(0, count).toArray(), lengths);
            UdpCounters c = sender.counters();
            if (sender.offloads().segmentation()) {
                // 54 segments of 1200 fit the 65,507 bytes of one GSO message: 200 datagrams are 4 messages.
                assertEquals(4, c.messagesSent(), c.toString());
                assertEquals(1, c.sendCalls(), "one sendmmsg: " + c);
            } else {
                assertEquals(count, c.messagesSent(), c.toString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void aGsoRunReachesAGroReceiverAsOneTrainThatItSplitsExactly(IoPath receiverPath) throws IOException {
        int count = 54;
        int[] lengths = IntStream.range(0, count).map(i -> i == count - 1 ? 1 : 1200).toArray();
        try (BatchedUdpSocket sender = IoPath.FAST.open(loopback4()); BatchedUdpSocket receiver = receiverPath.open(loopback4())) {
            assumeTrue(sender.offloads().segmentation(), "the kernel has no UDP GSO");
            for (int i = 0; i < count; i++) queue(sender, receiver.localAddress(), i, lengths[i]);
            sender.send();
            assertContents(receive(receiver, count), IntStream.range(0, count).toArray(), lengths);
            UdpCounters c = receiver.counters();
            assertEquals(count, c.datagramsReceived());
            assertEquals(receiver.offloads().receiveTrains() ? 1 : count, c.messagesReceived(),
                "with GRO the run arrives as one train: " + c);
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void aDatagramLongerThanTheReceiveSlotIsDroppedAndCounted(IoPath path) throws IOException {
        try (BatchedUdpSocket sender = path.open(loopback4());
             BatchedUdpSocket receiver = path.open(loopback4(), UdpSocketConfig.DEFAULT.withReceiveBatch(4, 100))) {
            queue(sender, receiver.localAddress(), 1, 101);
            queue(sender, receiver.localAddress(), 2, 100);
            sender.send();
            assertContents(receive(receiver, 1), new int[] {2}, new int[] {100});
            assertEquals(1, receiver.counters().datagramsOverlong());
            assertEquals(UdpOffloads.NONE.receiveTrains(), receiver.offloads().receiveTrains(), "GRO needs 64 KiB slots");
        }
    }

    @ParameterizedTest
    @EnumSource(IoPath.class)
    void aSenderToAConnectedPeerReachesOnlyIt(IoPath path) throws IOException {
        try (BatchedUdpSocket a = path.open(loopback4()); BatchedUdpSocket b = path.open(loopback4());
             BatchedUdpSocket stranger = path.open(loopback4())) {
            a.connect(b.localAddress());
            queue(a, b.localAddress(), 1, 50);
            a.send();
            assertContents(receive(b, 1), new int[] {1}, new int[] {50});
            // A connected socket hears its peer only: the stranger's datagram is dropped by the kernel, the peer's arrives.
            queue(stranger, a.localAddress(), 2, 50);
            stranger.send();
            queue(b, a.localAddress(), 3, 50);
            b.send();
            assertContents(receive(a, 1), new int[] {3}, new int[] {50});
        }
    }

    private static InetAddress ipv6Loopback() throws IOException {
        InetAddress v6 = InetAddress.getByName("::1");
        NetworkInterface lo = NetworkInterface.getByInetAddress(v6);
        assumeTrue(lo != null, "this host has no IPv6 loopback (::1)");
        return v6;
    }
}
