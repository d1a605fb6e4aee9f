package net.rudp.impair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.rudp.impair.ImpairedLink.Fate;
import org.junit.jupiter.api.Test;

class ImpairedLinkTest {

    private static final long MS = 1_000_000L;

    /** A delivered copy: when, which datagram (its first int), what bytes. */
    private record Delivery(long atNanos, int number, byte[] bytes, long tag) {}

    /** Polls {@code link} at every due time until it is empty. */
    private static List<Delivery> drain(ImpairedLink link) {
        List<Delivery> out = new ArrayList<>();
        while (link.nextDeliveryNanos() != Long.MAX_VALUE) {
            long now = link.nextDeliveryNanos();
            link.poll(now, (d, tag) -> {
                byte[] b = new byte[d.remaining()];
                d.get(b);
                out.add(new Delivery(now, b.length >= 4 ? ByteBuffer.wrap(b).getInt() : -1, b, tag));
            });
        }
        return out;
    }

    private static ByteBuffer datagram(int number, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putInt(0, number);
        for (int i = 4; i < length; i++) b.put(i, (byte) (number * 31 + i));
        return b;
    }

    private static ImpairedLink link(String profile, long seed) {
        return new ImpairedLink(ImpairmentProfile.parse(profile), seed);
    }

    @Test
    void aPerfectLinkDeliversEverythingAtOnceInOrder() {
        ImpairedLink link = link("none", 1);
        for (int i = 0; i < 100; i++) assertEquals(Fate.FORWARDED, link.offer(5, datagram(i, 40), i));
        assertEquals(5, link.nextDeliveryNanos());
        List<Delivery> got = drain(link);
        assertEquals(100, got.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(5, got.get(i).atNanos());
            assertEquals(i, got.get(i).number());
            assertEquals(i, got.get(i).tag());
            assertArrayEquals(datagram(i, 40).array(), got.get(i).bytes());
        }
        assertEquals(new LinkStats(100, 100, 4000, 0, 0, 0, 0, 0, 0), link.stats());
    }

    @Test
    void offerReadsTheDatagramWithoutMovingIt() {
        ImpairedLink link = link("none", 1);
        ByteBuffer d = datagram(7, 20).position(4);
        link.offer(0, d);
        assertEquals(4, d.position());
        assertEquals(16, drain(link).get(0).bytes().length);
    }

    @Test
    void delayDelaysByExactlyTheDelay() {
        ImpairedLink link = link("delay=20ms", 1);
        link.offer(5 * MS, datagram(1, 100));
        assertEquals(25 * MS, link.nextDeliveryNanos());
        assertEquals(0, link.poll(25 * MS - 1, (d, t) -> { }));
        assertEquals(1, link.poll(25 * MS, (d, t) -> { }));
        assertEquals(0, link.inFlight());
    }

    @Test
    void rateLimitSendsBackToBackAtTheLinkRate() {
        // 1250 bytes at 10 Mbit/s take 1 ms; each departs when the one before has finished.
        ImpairedLink link = link("rate=10mbit,queue=100ms,delay=5ms", 1);
        for (int i = 0; i < 3; i++) link.offer(0, datagram(i, 1250));
        link.offer(10 * MS, datagram(3, 1250));
        assertEquals(List.of(6 * MS, 7 * MS, 8 * MS, 16 * MS), drain(link).stream().map(Delivery::atNanos).toList());
    }

    @Test
    void aFullQueueDropsTheTail() {
        ImpairedLink link = link("rate=10mbit,queue=2ms", 1);
        List<Fate> fates = new ArrayList<>();
        // Waits before the first bit: 0, 1, 2, 3, 4 ms; the limit is 2 ms.
        for (int i = 0; i < 5; i++) fates.add(link.offer(0, datagram(i, 1250)));
        // At 1 ms the serializer is busy until 3 ms: a wait of 2 ms fits.
        fates.add(link.offer(MS, datagram(5, 1250)));
        assertEquals(List.of(Fate.FORWARDED, Fate.FORWARDED, Fate.FORWARDED, Fate.QUEUE_FULL, Fate.QUEUE_FULL,
            Fate.FORWARDED), fates);
        assertEquals(List.of(0, 1, 2, 5), drain(link).stream().map(Delivery::number).toList());
        assertEquals(2, link.stats().droppedByQueue());
    }

    @Test
    void lossRateIsWithinStatisticalBounds() {
        ImpairedLink link = link("loss=10%", 42);
        int n = 100_000;
        for (int i = 0; i < n; i++) link.offer(i, datagram(i, 8));
        long lost = link.stats().droppedByLoss();
        // Binomial(100000, 0.1): standard deviation about 95; allow 5 of them.
        assertTrue(Math.abs(lost - 10_000) < 475, "lost " + lost);
        assertEquals(n - lost, drain(link).size());
    }

    @Test
    void fullDuplicationDeliversTwoIdenticalCopies() {
        ImpairedLink link = link("dup=100%", 3);
        for (int i = 0; i < 10; i++) assertEquals(Fate.DUPLICATED, link.offer(0, datagram(i, 64)));
        List<Delivery> got = drain(link);
        assertEquals(20, got.size());
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(datagram(i, 64).array(), got.get(2 * i).bytes());
            assertArrayEquals(datagram(i, 64).array(), got.get(2 * i + 1).bytes());
        }
        assertEquals(10, link.stats().duplicated());
    }

    @Test
    void corruptionFlipsExactlyOneBit() {
        ImpairedLink link = link("corrupt=100%", 4);
        for (int i = 0; i < 200; i++) link.offer(0, datagram(i, 32));
        List<Delivery> got = drain(link);
        for (int i = 0; i < got.size(); i++) {
            byte[] sent = datagram(i, 32).array();
            byte[] received = got.get(i).bytes();
            int flipped = 0;
            for (int j = 0; j < sent.length; j++) flipped += Integer.bitCount((sent[j] ^ received[j]) & 0xFF);
            assertEquals(1, flipped, "datagram " + i);
        }
        assertEquals(200, link.stats().corrupted());
    }

    @Test
    void truncationDeliversAShorterPrefix() {
        ImpairedLink link = link("truncate=100%", 5);
        for (int i = 0; i < 200; i++) link.offer(0, datagram(i, 100));
        List<Delivery> got = drain(link);
        assertEquals(200, got.size());
        for (int i = 0; i < got.size(); i++) {
            byte[] received = got.get(i).bytes();
            assertTrue(received.length < 100);
            assertArrayEquals(java.util.Arrays.copyOf(datagram(i, 100).array(), received.length), received);
        }
        assertEquals(200, link.stats().truncated());
    }

    @Test
    void jitterAddsUpToTheJitterAndReordersCloseDatagrams() {
        ImpairedLink link = link("delay=10ms,jitter=5ms", 6);
        int n = 1000;
        long spacing = MS / 10;
        for (int i = 0; i < n; i++) link.offer(i * spacing, datagram(i, 16));
        List<Delivery> got = drain(link);
        assertEquals(n, got.size());
        for (Delivery d : got) {
            long oneWay = d.atNanos() - d.number() * spacing;
            assertTrue(oneWay >= 10 * MS && oneWay < 15 * MS, "one-way delay " + oneWay);
        }
        assertTrue(link.stats().reordered() > n / 4, "reordered " + link.stats().reordered());
    }

    @Test
    void reorderingHoldsSomeDatagramsBackBehindLaterOnes() {
        ImpairedLink link = link("reorder=10%,reorderhold=3ms", 7);
        int n = 10_000;
        for (int i = 0; i < n; i++) link.offer(i * (MS / 10), datagram(i, 16));
        List<Delivery> got = drain(link);
        int late = 0;
        for (Delivery d : got) {
            long held = d.atNanos() - d.number() * (MS / 10);
            assertTrue(held == 0 || held > 0 && held <= 3 * MS, "held " + held);
            if (held > 0) late++;
        }
        assertTrue(Math.abs(late - 1000) < 150, "held back " + late);
        long reordered = link.stats().reordered();
        assertTrue(reordered > 850 && reordered <= late, "reordered " + reordered);
    }

    @Test
    void theSameSeedGivesTheSameDeliveriesAndAnotherSeedDoesNot() {
        String profile = "loss=20%,dup=10%,reorder=10%,delay=3ms,jitter=2ms,corrupt=5%,truncate=5%,rate=20mbit,queue=1ms";
        List<String> first = trace(link(profile, 11));
        assertEquals(first, trace(link(profile, 11)));
        assertNotEquals(first, trace(link(profile, 12)));
    }

    private static List<String> trace(ImpairedLink link) {
        for (int i = 0; i < 2000; i++) link.offer(i * 20_000L, datagram(i, 100 + i % 500));
        return drain(link).stream().map(d -> d.atNanos() + ":" + java.util.Arrays.toString(d.bytes())).toList();
    }

    @Test
    void lossDecisionsDoNotDependOnTiming() {
        // The same seed, once with queue drops (all at once into a small queue) and once without:
        // every datagram that reached the loss decision in both runs met the same fate.
        String profile = "loss=30%,rate=10mbit,queue=3ms";
        ImpairedLink crowded = link(profile, 99);
        ImpairedLink spaced = link(profile, 99);
        int queueDrops = 0;
        for (int i = 0; i < 1000; i++) {
            Fate a = crowded.offer(0, datagram(i, 1250));
            Fate b = spaced.offer(i * 10 * MS, datagram(i, 1250));
            if (a == Fate.QUEUE_FULL) queueDrops++;
            assertEquals(a == Fate.LOST, b == Fate.LOST, "datagram " + i);
        }
        assertTrue(queueDrops > 500, "the crowded run must drop at the queue: " + queueDrops);
    }

    @Test
    void aReceiverMayOfferToTheLinkItIsPolling() {
        ImpairedLink link = link("delay=1ms", 8);
        link.offer(0, datagram(0, 16));
        List<Integer> seen = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long now = link.nextDeliveryNanos();
            link.poll(now, (d, tag) -> {
                int number = d.getInt(d.position());
                seen.add(number);
                link.offer(now, datagram(number + 1, 16));
            });
        }
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
        assertEquals(6 * MS, link.nextDeliveryNanos(), "the fifth echo, offered at 5 ms");
    }

    @Test
    void aNewProfileAppliesToLaterDatagramsOnly() {
        ImpairedLink link = link("delay=10ms", 9);
        link.offer(0, datagram(0, 16));
        link.setProfile(ImpairmentProfile.parse("loss=100%"));
        assertEquals(Fate.LOST, link.offer(0, datagram(1, 16)));
        assertEquals(List.of(0), drain(link).stream().map(Delivery::number).toList());
        assertEquals(new LinkStats(2, 1, 16, 1, 0, 0, 0, 0, 0), link.stats());
    }
}
