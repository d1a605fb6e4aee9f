package net.rudp.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.rudp.core.DatagramSink;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.impair.LinkStats;
import net.rudp.sim.SimNetwork.StopReason;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** The simulator with trivial nodes: a sender of numbered datagrams and an echo. */
class SimNetworkTest {

    private static final long MS = 1_000_000L;
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 1000);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 2000);
    private static final InetSocketAddress C = new InetSocketAddress("127.0.0.1", 3000);

    /** One received datagram: when, from whom, its number (first int) and length. */
    record Arrival(long atNanos, InetSocketAddress from, int number, int length) {}

    /**
     * Sends {@code count} datagrams numbered 0.. of {@code length} bytes to {@code peer}, one every
     * {@code intervalNanos} from time 0 (all at once when 0), and records what comes back.
     */
    static class Sender implements SimNode {
        final InetSocketAddress address;
        final InetSocketAddress peer;
        final int count;
        final int length;
        final long intervalNanos;
        final ByteBuffer buffer;
        final List<Arrival> arrivals = new ArrayList<>();
        int sent;
        int due;
        long nextSend;

        Sender(InetSocketAddress address, InetSocketAddress peer, int count, int length, long intervalNanos) {
            this.address = address;
            this.peer = peer;
            this.count = count;
            this.length = length;
            this.intervalNanos = intervalNanos;
            this.buffer = ByteBuffer.allocate(length);
        }

        @Override public InetSocketAddress address() { return address; }

        @Override public void receive(InetSocketAddress from, ByteBuffer datagram, long nowNanos) {
            arrivals.add(new Arrival(nowNanos, from, datagram.remaining() >= 4 ? datagram.getInt() : -1,
                datagram.limit()));
        }

        @Override public void timeout(long nowNanos) {
            due = intervalNanos == 0 ? count : due + 1;
            nextSend += intervalNanos;
        }

        @Override public long nextDeadline() {
            return due < count ? nextSend : Long.MAX_VALUE;
        }

        @Override public void flush(long nowNanos, DatagramSink sink) {
            for (; sent < due; sent++) {
                buffer.clear().putInt(0, sent);
                sink.send(peer, buffer);
            }
        }
    }

    /** Sends every datagram it receives back where it came from. */
    static final class Echo implements SimNode {
        final InetSocketAddress address;
        final ArrayDeque<Object[]> pending = new ArrayDeque<>();
        int received;

        Echo(InetSocketAddress address) {
            this.address = address;
        }

        @Override public InetSocketAddress address() { return address; }

        @Override public void receive(InetSocketAddress from, ByteBuffer datagram, long nowNanos) {
            received++;
            byte[] copy = new byte[datagram.remaining()];
            datagram.get(copy);
            pending.add(new Object[] {from, copy});
        }

        @Override public void timeout(long nowNanos) {}

        @Override public long nextDeadline() { return Long.MAX_VALUE; }

        @Override public void flush(long nowNanos, DatagramSink sink) {
            for (Object[] p; (p = pending.poll()) != null; ) {
                sink.send((InetSocketAddress) p[0], ByteBuffer.wrap((byte[]) p[1]));
            }
        }
    }

    private static ImpairmentProfile profile(String text) {
        return ImpairmentProfile.parse(text);
    }

    @Test
    void echoRoundTripTakesTwiceTheOneWayDelay() {
        Sender a = new Sender(A, B, 3, 100, 10 * MS);
        SimNetwork net = new SimNetwork(1).add(a).add(new Echo(B));
        net.setDefaultProfile(profile("delay=20ms"));
        assertEquals(StopReason.QUIESCENT, net.runUntilQuiescent(10_000 * MS));
        assertEquals(List.of(new Arrival(40 * MS, B, 0, 100), new Arrival(50 * MS, B, 1, 100),
            new Arrival(60 * MS, B, 2, 100)), a.arrivals);
        assertEquals(60 * MS, net.now(), "the clock stays at the last event");
        assertEquals(StopReason.QUIESCENT, net.lastStopReason());
    }

    @Test
    void jitterAddsUpToTheJitterEachWay() {
        Sender a = new Sender(A, B, 500, 100, MS);
        SimNetwork net = new SimNetwork(2).add(a).add(new Echo(B));
        net.setDefaultProfile(profile("delay=20ms,jitter=10ms"));
        net.runUntilQuiescent(10_000 * MS);
        assertEquals(500, a.arrivals.size());
        long min = Long.MAX_VALUE;
        long max = 0;
        for (Arrival r : a.arrivals) {
            long rtt = r.atNanos() - r.number() * MS;
            min = Math.min(min, rtt);
            max = Math.max(max, rtt);
        }
        assertTrue(min >= 40 * MS && max < 60 * MS, "round trips " + min + ".." + max);
        assertTrue(max - min > 10 * MS, "jitter must vary the round trip: " + min + ".." + max);
        assertTrue(net.stats().links().reordered() > 0);
    }

    /** A network where A sends {@code count} datagrams at once to the passive {@code b} over {@code profile}. */
    private static SimNetwork burstFromAto(Sender b, int count, int length, long seed, String profile) {
        SimNetwork net = new SimNetwork(seed).add(new Sender(A, B, count, length, 0)).add(b);
        net.setProfile(A, B, profile(profile));
        return net;
    }

    @Test
    void rateLimitDeliversAtTheLinkRate() {
        Sender b = new Sender(B, A, 0, 0, 0);
        SimNetwork net = burstFromAto(b, 10, 1250, 3, "rate=10mbit,queue=100ms,delay=5ms");
        net.runUntilQuiescent(10_000 * MS);
        // 1250 bytes take 1 ms at 10 Mbit/s: the first arrives after 1 + 5 ms, the rest 1 ms apart.
        List<Long> times = b.arrivals.stream().map(Arrival::atNanos).toList();
        assertEquals(List.of(6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L),
            times.stream().map(t -> t / MS).toList());
        assertTrue(times.stream().allMatch(t -> t % MS == 0), times.toString());
    }

    @Test
    void aFullQueueDropsWhatDoesNotFit() {
        Sender b = new Sender(B, A, 0, 0, 0);
        SimNetwork net = burstFromAto(b, 20, 1250, 4, "rate=10mbit,queue=4ms");
        List<SimEvent> events = new ArrayList<>();
        net.setTrace((now, event, from, to, d) -> events.add(event));
        net.runUntilQuiescent(10_000 * MS);
        // Waits of 0..4 ms fit; the other 15 would wait longer.
        assertEquals(List.of(0, 1, 2, 3, 4), b.arrivals.stream().map(Arrival::number).toList());
        assertEquals(15, net.linkStats(A, B).droppedByQueue());
        assertEquals(15, events.stream().filter(e -> e == SimEvent.QUEUE_FULL).count());
        assertEquals(5, events.stream().filter(e -> e == SimEvent.DELIVERED).count());
    }

    @Test
    void lossRateIsWithinStatisticalBounds() {
        Sender b = new Sender(B, A, 0, 0, 0);
        SimNetwork net = burstFromAto(b, 20_000, 64, 5, "loss=10%");
        net.runUntilQuiescent(MS);
        // Binomial(20000, 0.1): standard deviation about 42; allow 5 of them.
        assertTrue(Math.abs(b.arrivals.size() - 18_000) < 212, "delivered " + b.arrivals.size());
        LinkStats s = net.linkStats(A, B);
        assertEquals(20_000, s.offered());
        assertEquals(s.offered() - s.droppedByLoss(), s.delivered());
        assertEquals(s, net.stats().links(), "nothing went the other way");
    }

    @Test
    void theSameSeedGivesTheSameTraceAndAnotherSeedDoesNot() {
        List<String> first = noisyTrace(77);
        assertTrue(first.size() > 1000);
        assertEquals(first, noisyTrace(77));
        assertNotEquals(first, noisyTrace(78));
    }

    private static List<String> noisyTrace(long seed) {
        SimNetwork net = new SimNetwork(seed).add(new Sender(A, B, 1000, 300, 100_000)).add(new Echo(B));
        net.setDefaultProfile(profile("loss=5%,dup=5%,reorder=5%,delay=2ms,jitter=1ms,corrupt=5%,truncate=5%,"
            + "rate=20mbit,queue=1ms"));
        List<String> trace = new ArrayList<>();
        net.setTrace((now, event, from, to, d) -> {
            byte[] b = new byte[d.remaining()];
            d.get(b);
            trace.add(now + " " + event + " " + from.getPort() + ">" + to.getPort() + " " + java.util.Arrays.hashCode(b));
        });
        net.runUntilQuiescent(10_000 * MS);
        return trace;
    }

    @Test
    void underAnyProfileEveryDatagramIsAccountedForAndTheRunEnds() {
        Property.of("sim accounts for every datagram", ProfileGen::anyProfile)
            .tries(100)
            .shrinkWith(ProfileGen::milder)
            .check(p -> {
                Sender a = new Sender(A, B, 300, 1200, MS);
                Echo b = new Echo(B);
                SimNetwork net = new SimNetwork(13).add(a).add(b);
                net.setDefaultProfile(p);
                assertEquals(StopReason.QUIESCENT, net.runUntilQuiescent(3_600_000 * MS));
                LinkStats there = net.linkStats(A, B);
                LinkStats back = net.linkStats(B, A);
                for (LinkStats s : List.of(there, back)) {
                    assertEquals(s.offered() - s.droppedByLoss() - s.droppedByQueue() + s.duplicated(), s.delivered(),
                        s.toString());
                }
                assertEquals(300, there.offered());
                assertEquals(there.delivered(), b.received);
                assertEquals(b.received, back.offered());
                assertEquals(back.delivered(), a.arrivals.size());
            });
    }

    @Test
    void eachDirectionAndPairHasItsOwnProfile() {
        Sender a = new Sender(A, C, 100, 64, 0);
        Sender b = new Sender(B, C, 100, 64, 0);
        Sender c = new Sender(C, A, 100, 64, 0);
        SimNetwork net = new SimNetwork(6).add(a).add(b).add(c);
        net.setDefaultProfile(profile("delay=1ms"));
        net.setProfile(A, C, profile("loss=100%"));
        net.setProfile(B, C, profile("delay=7ms"));
        net.runUntilQuiescent(10_000 * MS);
        assertEquals(100, c.arrivals.stream().filter(r -> r.from().equals(B) && r.atNanos() == 7 * MS).count());
        assertEquals(0, c.arrivals.stream().filter(r -> r.from().equals(A)).count());
        assertEquals(100, a.arrivals.stream().filter(r -> r.atNanos() == MS).count(), "C to A uses the default");
    }

    @Test
    void aCrashedNodeNeitherReceivesNorSendsNorTimesOut() {
        Sender a = new Sender(A, B, 10, 100, 10 * MS);
        Echo b = new Echo(B);
        Sender crashingSender = new Sender(C, A, 10, 100, 10 * MS);
        SimNetwork net = new SimNetwork(7).add(a).add(b).add(crashingSender);
        net.setDefaultProfile(profile("delay=2ms"));
        net.crash(B, 45 * MS);
        net.crash(C, 25 * MS);
        net.runUntilQuiescent(10_000 * MS);
        // Datagrams 0-4 reach B at 2..42 ms and are echoed; 5-9 arrive after the crash.
        assertEquals(5, b.received);
        assertEquals(5, net.stats().droppedAtCrashed());
        assertEquals(List.of(0, 1, 2, 3, 4),
            a.arrivals.stream().filter(r -> r.from().equals(B)).map(Arrival::number).toList());
        // C sent at 0, 10 and 20 ms, then stopped.
        assertEquals(3, crashingSender.sent);
        assertTrue(net.isCrashed(C));
    }

    @Test
    void theStopConditionEndsTheRunAtTheEventThatMadeItTrue() {
        Sender a = new Sender(A, B, 100, 64, MS);
        Sender b = new Sender(B, A, 0, 0, 0);
        SimNetwork net = new SimNetwork(8).add(a).add(b);
        net.setDefaultProfile(profile("delay=3ms"));
        assertEquals(StopReason.CONDITION_MET, net.run(() -> b.arrivals.size() >= 5, 10_000 * MS));
        assertEquals(7 * MS, net.now(), "datagram 4, sent at 4 ms, arrives at 7 ms");
        assertEquals(StopReason.TIME_LIMIT, net.run(() -> false, 10 * MS));
        assertEquals(17 * MS, net.now());
        assertEquals(15, b.arrivals.size());
    }

    @Test
    void runForMovesTheClockEvenWhenNothingHappens() {
        SimNetwork net = new SimNetwork(9, 5 * MS).add(new Echo(A));
        assertEquals(StopReason.QUIESCENT, net.runFor(100 * MS));
        assertEquals(105 * MS, net.now());
    }

    @Test
    void datagramsToAnUnknownAddressAreCountedAndTraced() {
        SimNetwork net = new SimNetwork(10).add(new Sender(A, B, 3, 10, 0));
        List<SimEvent> events = new ArrayList<>();
        net.setTrace((now, event, from, to, d) -> events.add(event));
        net.runUntilQuiescent(MS);
        assertEquals(3, net.stats().unroutable());
        assertEquals(List.of(SimEvent.UNROUTABLE, SimEvent.UNROUTABLE, SimEvent.UNROUTABLE), events);
    }

    @Test
    void aNodeWhoseDeadlineNeverAdvancesIsReportedNotSpunForever() {
        Sender stuck = new Sender(A, B, 1, 10, 0) {
            @Override public long nextDeadline() { return 0; }
        };
        SimNetwork net = new SimNetwork(11).add(stuck);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.runUntilQuiescent(MS));
        assertTrue(e.getMessage().contains("virtual time stuck at 0 ns") && e.getMessage().contains(A.toString()),
            e.getMessage());
    }

    @Test
    void nodesCannotShareAnAddress() {
        SimNetwork net = new SimNetwork(12).add(new Echo(A));
        assertThrows(IllegalArgumentException.class, () -> net.add(new Echo(A)));
        assertThrows(IllegalArgumentException.class, () -> net.setProfile(A, C, ImpairmentProfile.NONE));
    }
}
