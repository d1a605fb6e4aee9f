package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The delivery-rate draft's arithmetic on hand-built send and ACK sequences. */
class DeliveryRateEstimatorTest {
    private static final long MS = 1_000_000;

    /** The stamps a packet carries, as a sender keeps them. */
    private record Stamped(long sent, long delivered, long deliveredTime, long firstSent, boolean appLimited) {}

    private static Stamped send(DeliveryRateEstimator e, long now, boolean nothingOutstanding) {
        e.onSend(now, nothingOutstanding);
        return new Stamped(now, e.delivered(), e.stampDeliveredTime(), e.firstSentTime(), e.isAppLimited());
    }

    private static AckSample ack(DeliveryRateEstimator e, long now, long minRtt, int bytes, Stamped... packets) {
        e.startAck();
        for (Stamped p : packets) e.onDelivered(bytes, p.sent(), p.delivered(), p.deliveredTime(), p.firstSent(), p.appLimited());
        return e.endAck(now, minRtt, (long) bytes * packets.length, 40 * MS, 40 * MS, 0, 0);
    }

    @Test
    void theRateIsBytesDeliveredOverTheLongerOfTheSendAndAckIntervals() {
        DeliveryRateEstimator e = new DeliveryRateEstimator();
        Stamped first = send(e, 0, true);
        Stamped second = send(e, 10 * MS, false);
        AckSample a = ack(e, 40 * MS, 40 * MS, 1000, first);
        assertEquals(1000 * 1_000_000_000L / (40 * MS), a.deliveryRate(), "1000 B over the 40 ms since the restart");
        assertEquals(1000, a.delivered());
        assertEquals(0, a.priorDelivered());
        assertEquals(0, a.largestAckedSentNanos());
        // The second packet was sent 10 ms after the first was, before anything was delivered:
        // its send interval is 10 ms, its ACK interval 50 ms - 0.
        AckSample b = ack(e, 50 * MS, 40 * MS, 1000, second);
        assertEquals(2000 * 1_000_000_000L / (50 * MS), b.deliveryRate());
        assertEquals(b.deliveryRate(), e.deliveryRate());
    }

    @Test
    void anIntervalShorterThanTheMinimumRttGivesNoSample() {
        DeliveryRateEstimator e = new DeliveryRateEstimator();
        Stamped p = send(e, 0, true);
        assertEquals(0, ack(e, 30 * MS, 40 * MS, 1000, p).deliveryRate(), "draft 3.3: shorter than min RTT");
        assertEquals(0, e.deliveryRate());
        assertEquals(1000, e.delivered(), "the bytes count all the same");
    }

    @Test
    void theNewestPacketOfAnAckGivesTheSample() {
        DeliveryRateEstimator e = new DeliveryRateEstimator();
        Stamped a = send(e, 0, true);
        Stamped b = send(e, 5 * MS, false);
        AckSample s = ack(e, 45 * MS, 40 * MS, 1000, b, a);
        assertEquals(5 * MS, s.largestAckedSentNanos(), "b was sent last, whatever the order of delivery");
        assertEquals(2000 * 1_000_000_000L / (45 * MS), s.deliveryRate());
    }

    @Test
    void anApplicationLimitedSampleCountsOnlyWhenItIsHigher() {
        DeliveryRateEstimator e = new DeliveryRateEstimator();
        ack(e, 40 * MS, 40 * MS, 10_000, send(e, 0, true));
        long fast = e.deliveryRate();
        send(e, 50 * MS, true);
        e.markAppLimited(1000, 10_000);
        assertTrue(e.isAppLimited(), "1000 B in flight, cwnd 10000: the application holds sending back");
        Stamped slow = send(e, 60 * MS, false);
        assertTrue(slow.appLimited());
        AckSample s = ack(e, 1000 * MS, 40 * MS, 1000, slow);
        assertTrue(s.appLimited());
        assertTrue(s.deliveryRate() > 0 && s.deliveryRate() < fast, "a slow sample: " + s.deliveryRate());
        assertEquals(fast, e.deliveryRate(), "a low application-limited sample does not lower the estimate");
        assertFalse(e.isAppLimited(), "as much as was in flight when sending stopped is delivered");
        e.markAppLimited(20_000, 10_000);
        assertFalse(e.isAppLimited(), "cwnd was full: not application-limited");
    }

    @Test
    void aRestartIsStampedWithTheDeliveredTimeFromBeforeIt() {
        DeliveryRateEstimator e = new DeliveryRateEstimator();
        ack(e, 40 * MS, 40 * MS, 1000, send(e, 0, true));
        Stamped afterIdle = send(e, 1000 * MS, true);
        assertEquals(1000 * MS, afterIdle.firstSent(), "the interval restarts at the send");
        assertEquals(40 * MS, afterIdle.deliveredTime(), "the stamp keeps the last delivery's time (class comment)");
    }
}
