package net.rudp.congestion;

import java.util.ArrayDeque;
import java.util.SplittableRandom;

/**
 * A packet-level path for controller tests, in virtual time. The sender always has data (never
 * application-limited), sends full segments whenever the window and the {@link Pacer} allow,
 * and estimates delivery rate with the connection's own {@link DeliveryRateEstimator}. Each packet
 * may be dropped at random, then queues at a bottleneck link (a FIFO of {@code bufferBytes},
 * tail drop), then takes a fixed propagation delay there and back. Every packet is ACKed
 * individually and ACKs arrive in order, so a drop is detected when the next packet's ACK
 * arrives; when nothing is ACKed for max(200 ms, 2·SRTT) (doubling) the retransmission timer
 * fires. Nothing is retransmitted: the sender just sends new data, which is all a controller sees.
 */
final class FakePath {

    private static final long MIN_RTO_NANOS = 200_000_000;

    private final CongestionController controller;
    private final int mss;
    private final Pacer pacer;
    private final SplittableRandom random;
    private final long bufferBytes;
    private long propagationRttNanos;
    private long rateBytesPerSecond;
    private double lossRate;

    /** Packets sent and not yet ACKed or found lost, in send order (which is also ACK order). */
    private final ArrayDeque<Packet> inFlight = new ArrayDeque<>();
    private long bytesInFlight;
    private long nowNanos;
    private long linkFreeNanos;
    private long srttNanos;
    private long minRttNanos;
    private long rtoNanos = MIN_RTO_NANOS;
    private long lastProgressNanos;

    private final DeliveryRateEstimator rate = new DeliveryRateEstimator();

    private long sentPackets;
    private long lostPackets;

    private record Packet(long sentNanos, long ackNanos, boolean dropped,
                          long delivered, long deliveredTimeNanos, long firstSentTimeNanos, boolean appLimited) {}

    /**
     * @param rateBytesPerSecond the bottleneck's rate, 0 for no bottleneck
     * @param bufferBytes        the bottleneck's queue limit
     */
    FakePath(CongestionController controller, int mss, long rateBytesPerSecond, long propagationRttNanos,
             long bufferBytes, double lossRate, long seed) {
        this.controller = controller;
        this.mss = mss;
        this.pacer = new Pacer(mss);
        this.random = new SplittableRandom(seed);
        this.rateBytesPerSecond = rateBytesPerSecond;
        this.propagationRttNanos = propagationRttNanos;
        this.bufferBytes = bufferBytes;
        this.lossRate = lossRate;
    }

    long now() {
        return nowNanos;
    }

    /** Bytes ACKed so far. */
    long delivered() {
        return rate.delivered();
    }

    long sentPackets() {
        return sentPackets;
    }

    long lostPackets() {
        return lostPackets;
    }

    /** Changes the bottleneck's rate from now on. */
    void setRate(long bytesPerSecond) {
        this.rateBytesPerSecond = bytesPerSecond;
    }

    /** Lengthens the propagation delay from now on (a shorter one could reorder ACKs). */
    void setPropagationRtt(long nanos) {
        if (nanos < propagationRttNanos) throw new IllegalArgumentException("the path only gets longer");
        this.propagationRttNanos = nanos;
    }

    /** Changes the random loss rate from now on. */
    void setLossRate(double lossRate) {
        this.lossRate = lossRate;
    }

    /** Runs the path for {@code nanos} of virtual time. */
    void run(long nanos) {
        long end = nowNanos + nanos;
        while (true) {
            long ackAt = nextAckNanos();
            long rtoAt = bytesInFlight > 0 ? lastProgressNanos + rtoNanos : Long.MAX_VALUE;
            long sendAt = Long.MAX_VALUE;
            if (bytesInFlight + mss <= controller.congestionWindow()) {
                pacer.setRate(nowNanos, Pacer.rateFor(controller, srttNanos));
                sendAt = pacer.nextSendTime(nowNanos, mss);
            }
            long next = Math.min(ackAt, Math.min(rtoAt, sendAt));
            if (next > end) break;
            nowNanos = Math.max(nowNanos, next);
            if (next == ackAt) {
                onAck();
            } else if (next == sendAt) {
                send();
            } else {
                onTimeout();
            }
        }
        nowNanos = end;
    }

    private long nextAckNanos() {
        for (Packet p : inFlight) {
            if (!p.dropped()) return p.ackNanos();
        }
        return Long.MAX_VALUE;
    }

    private void send() {
        rate.onSend(nowNanos, bytesInFlight == 0);
        boolean dropped = random.nextDouble() < lossRate;
        long ackAt = Long.MAX_VALUE;
        if (!dropped) {
            long start = Math.max(nowNanos, linkFreeNanos);
            if (rateBytesPerSecond == 0) {
                ackAt = nowNanos + propagationRttNanos;
            } else if ((start - nowNanos) * (double) rateBytesPerSecond / 1e9 > bufferBytes) {
                dropped = true; // tail drop: the queue ahead already holds the whole buffer
            } else {
                linkFreeNanos = start + mss * 1_000_000_000L / rateBytesPerSecond;
                ackAt = linkFreeNanos + propagationRttNanos;
            }
        }
        inFlight.addLast(new Packet(nowNanos, ackAt, dropped, rate.delivered(), rate.stampDeliveredTime(),
            rate.firstSentTime(), rate.isAppLimited()));
        bytesInFlight += mss;
        sentPackets++;
        pacer.onSend(nowNanos, mss);
        controller.onPacketSent(nowNanos, mss, bytesInFlight);
    }

    private void onAck() {
        long lostBytes = 0;
        long lostSentNanos = 0;
        Packet p = inFlight.removeFirst();
        while (p.dropped()) {
            lostBytes += mss;
            lostSentNanos = p.sentNanos();
            lostPackets++;
            p = inFlight.removeFirst();
        }
        bytesInFlight -= lostBytes + mss;
        lastProgressNanos = nowNanos;
        rtoNanos = Math.max(MIN_RTO_NANOS, 2 * srttNanos);

        long rtt = nowNanos - p.sentNanos();
        srttNanos = srttNanos == 0 ? rtt : (7 * srttNanos + rtt) / 8;
        minRttNanos = minRttNanos == 0 ? rtt : Math.min(minRttNanos, rtt);

        rate.startAck();
        rate.onDelivered(mss, p.sentNanos(), p.delivered(), p.deliveredTimeNanos(), p.firstSentTimeNanos(), p.appLimited());
        AckSample ack = rate.endAck(nowNanos, minRttNanos, mss, rtt, srttNanos, bytesInFlight, 0);

        if (lostBytes > 0) controller.onCongestionEvent(new LossSample(nowNanos, lostBytes, lostSentNanos));
        controller.onAck(ack);
    }

    private void onTimeout() {
        controller.onRetransmissionTimeout(nowNanos, bytesInFlight);
        inFlight.removeIf(p -> {
            if (p.dropped()) lostPackets++;
            return p.dropped();
        });
        bytesInFlight = (long) inFlight.size() * mss;
        lastProgressNanos = nowNanos;
        rtoNanos = Math.min(2 * rtoNanos, 60_000_000_000L);
    }
}
