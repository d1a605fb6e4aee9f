package net.rudp.core;

import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionTracer;
import net.rudp.congestion.CongestionController;
import net.rudp.congestion.DeliveryRateEstimator;
import net.rudp.congestion.LossSample;
import net.rudp.congestion.Pacer;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.SeqRange;

/**
 * The sending half of a connection (spec 9.1, 9.4-9.12, 10.2, 11): applies the peer's
 * acknowledgements to the segments in flight and decides which segment goes out next, through
 * the small types that each keep one part of it (scoreboard, loss detection, undo, delivery rate,
 * controller, pacer).
 */
final class Sender implements LossDetector.Output {
    /**
     * Spec 9.13's black-hole rule: this many consecutive retransmission timeouts while the
     * oldest segment is larger than the base datagram carries send the path MTU back to the base
     * (Linux's tcp_mtu_probing acts after tcp_retries1 = 3 timeouts likewise).
     */
    static final int BLACK_HOLE_TIMEOUTS = 3;

    /** What an acknowledgement did. */
    enum AckResult {
        /** Not acceptable (older than SND.UNA, or of data not yet sent): ignored. */
        IGNORED,
        /** Acceptable, and SND.UNA stayed where it was. */
        ACCEPTED,
        /** SND.UNA moved forward: send-buffer space was freed. */
        ADVANCED
    }

    /** How long a connection's sending must have been quiet before its storage is given back. */
    static final long IDLE_RELEASE_NANOS = 1_000_000_000L;

    private final ConnectionConfig config;
    private final SequenceSpace ours;
    private final SendBuffer buffer;
    private final CongestionController cc;
    private final RttEstimator rtt;
    private final TimerTable timers;
    private final PacketWriter writer;
    private final ConnectionTrace trace;
    private final AckPolicy acks;
    private final RetransmissionQueue queue = new RetransmissionQueue();
    private final DeliveryRateEstimator rate = new DeliveryRateEstimator();
    private final LossDetector loss;
    private final SpuriousRetransmissionUndo undo = new SpuriousRetransmissionUndo();
    private final Pacer pacer;
    private final PathMtu pathMtu;
    /** The largest payload both sides take (the handshake's); {@link #mss} is at most this. */
    private int negotiatedSegmentSize;
    /** The payload of new segments: the negotiated size within the current path MTU. */
    private int mss;
    private boolean tailProbeDue;
    /** A PROBE packet (keepalive or persist) goes out at the next flush. */
    private boolean probePacketDue;
    private int consecutiveTimeouts;
    private long timeouts;
    private int persistBackoff;
    /** When data was last (re)sent: the send ring and the scoreboard are given back only after a quiet second. */
    private long lastDataSent;

    Sender(ConnectionConfig config, SequenceSpace ours, SendBuffer buffer, CongestionController cc, RttEstimator rtt,
           TimerTable timers, PacketWriter writer, ConnectionTrace trace, AckPolicy acks, PathMtu pathMtu) {
        this.config = config;
        this.ours = ours;
        this.buffer = buffer;
        this.cc = cc;
        this.rtt = rtt;
        this.timers = timers;
        this.writer = writer;
        this.trace = trace;
        this.acks = acks;
        this.pathMtu = pathMtu;
        this.mss = pathMtu.payload();
        this.negotiatedSegmentSize = mss;
        this.pacer = new Pacer(mss);
        this.loss = new LossDetector(queue, rtt, this);
    }

    /**
     * Gives back the send ring and the scoreboard's rings once everything written is acknowledged
     * and no data has gone out for {@link #IDLE_RELEASE_NANOS} (spec 9.1), checked on each ACK and
     * timer: an idle connection, which still hears keepalives, then holds no per-byte storage.
     * Not at once, so that a request-response exchange does not allocate both again per message.
     */
    private void releaseIdleStorage(long now) {
        if (!queue.isEmpty() || now - lastDataSent < IDLE_RELEASE_NANOS) return;
        if (buffer.releaseIfAcknowledged()) queue.release();
    }

    /** Whether the send ring or the scoreboard's rings are allocated. */
    boolean holdsStorage() {
        return buffer.ring().isAllocated() || queue.isAllocated();
    }

    /** The handshake settled the segment size: the path MTU search may go up to its datagram. */
    void segmentSize(int segmentSize) {
        negotiatedSegmentSize = segmentSize;
        pathMtu.start(segmentSize);
        applySegmentSize();
    }

    /**
     * New segments take the current path MTU's payload; segments already sent keep their bounds
     * (a retransmission carries the same bytes, in several datagrams if the path MTU fell).
     */
    private void applySegmentSize() {
        int next = Math.min(negotiatedSegmentSize, pathMtu.payload());
        if (next == mss) return;
        mss = next;
        cc.onSegmentSizeChanged(mss);
        pacer.segmentSize(mss);
    }

    PathMtu pathMtu() {
        return pathMtu;
    }

    /**
     * An ACK with flag PATH_MTU echoed {@code echo}: the answer to a path MTU probe (spec 9.13).
     * Its ack and SACK blocks count as any ACK's; its echo names the probe and is no RTT sample.
     */
    void onPathMtuAnswer(int echo, long now) {
        if (pathMtu.onAnswer(echo, now)) applySegmentSize();
    }

    // ---------------------------------------------------------------- acknowledgements

    /**
     * Applies the acknowledgement in {@code h} and {@code sacks}. RFC 9293 3.10.7.4: an ACK of
     * data not yet sent is answered, then dropped; an old one is ignored.
     */
    AckResult onAck(Header h, List<SeqRange> sacks, long now) {
        long ack = offset(h.ack());
        long sndMax = buffer.sndNxt();
        if (ack < buffer.sndUna() || ack > sndMax) {
            if (ack > sndMax) acks.ackNow(AckReason.ACK_OF_UNSENT_DATA);
            return AckResult.IGNORED;
        }
        buffer.peerWindow(ack + Integer.toUnsignedLong(h.window()));
        rate.startAck();
        boolean progress = ack > buffer.sndUna();
        long ackedBytes = acknowledgeTo(ack, h, now);
        if (progress) {
            buffer.acknowledged(ack);
            undo.onCumulativeAck(ack);
        }
        for (SeqRange r : sacks) {
            ackedBytes += selectivelyAcknowledge(Math.max(buffer.sndUna(), offset(r.start())),
                Math.min(sndMax, offset(r.end())), h, now);
        }
        if (ackedBytes > 0) onNewlyAcknowledged(ackedBytes, h, now);
        else if (progress) onPartOfASegmentAcknowledged(h, now);
        timers.set(Timer.LOSS, loss.detect(now));
        releaseIdleStorage(now);
        return progress ? AckResult.ADVANCED : AckResult.ACCEPTED;
    }

    /** The cumulative ACK delivers every segment below {@code ack}; returns the bytes not SACKed before. */
    private long acknowledgeTo(long ack, Header h, long now) {
        long bytes = 0;
        while (!queue.isEmpty() && queue.end(queue.head()) <= ack) {
            long seg = queue.head();
            if (!queue.has(seg, RetransmissionQueue.SACKED)) bytes += delivered(seg, h, now);
            queue.removeHead();
        }
        return bytes;
    }

    /** A SACK block covers {@code [start, end)}: the whole segments in it are delivered; returns their new bytes. */
    private long selectivelyAcknowledge(long start, long end, Header h, long now) {
        if (start >= end) return 0;
        long bytes = 0;
        long first = queue.find(start);
        // Only whole segments are delivered: not one the block starts inside (resent in pieces after the path MTU fell).
        if (first >= 0 && queue.start(first) < start) first++;
        for (long seg = first; seg >= 0 && (seg = queue.skipSacked(seg)) < queue.tail() && queue.end(seg) <= end; seg++) {
            bytes += delivered(seg, h, now);
            queue.markSacked(seg);
        }
        return bytes;
    }

    /**
     * Accounts for segment {@code seg} reaching the peer; returns its bytes. Also detects a
     * spurious retransmission (RFC 3522, the Eifel algorithm): when the ACK echoes a timestamp
     * older than the retransmission, the original arrived and the retransmission was not needed.
     */
    private long delivered(long seg, Header h, long now) {
        int len = queue.length(seg);
        long sent = queue.sentTime(seg);
        rate.onDelivered(len, sent, queue.deliveredAtSend(seg), queue.deliveredTimeAtSend(seg),
            queue.firstSentTimeAtSend(seg), queue.has(seg, RetransmissionQueue.APP_LIMITED));
        boolean ofEarlierTransmission = queue.has(seg, RetransmissionQueue.RETRANSMITTED)
            && SpuriousRetransmissionUndo.echoPredates(h.timestampEcho(), sent);
        boolean spuriousRepair = ofEarlierTransmission && !queue.has(seg, RetransmissionQueue.PROBE);
        // Declared lost, not yet resent, and here it is: as much proof of reordering as the Eifel test.
        if (spuriousRepair || queue.has(seg, RetransmissionQueue.LOST)) loss.onLossProvenSpurious(len);
        if (spuriousRepair && undo.onProvenSpurious()) cc.onSpuriousLoss(now);
        loss.onDelivered(sent, now, ofEarlierTransmission);
        return len;
    }

    /** The ACK newly delivered {@code ackedBytes}: samples, the controller, and the timers restart. */
    private void onNewlyAcknowledged(long ackedBytes, Header h, long now) {
        long sample = rttSample(h, now);
        consecutiveTimeouts = 0;
        cc.onAck(rate.endAck(now, rtt.minRtt(), ackedBytes, sample, rtt.smoothedRtt(), queue.bytesInFlight(),
            loss.takeSpuriousLostBytes()));
        traceMetrics(now);
        // RFC 6298 5.3: "When an ACK is received that acknowledges new data, restart the
        // retransmission timer so that it will expire after RTO seconds".
        timers.set(Timer.RTO, queue.isEmpty() ? Long.MAX_VALUE : now + rtt.rto());
        armTailLossProbe(now);
    }

    /**
     * SND.UNA moved into a segment resent in pieces after the path MTU fell: progress all the
     * same (spec 9.7), so the backoff ends and the retransmission timer restarts. The controller
     * hears of the segment once it is delivered whole.
     */
    private void onPartOfASegmentAcknowledged(Header h, long now) {
        rttSample(h, now);
        consecutiveTimeouts = 0;
        timers.set(Timer.RTO, now + rtt.rto());
    }

    /** Takes the RTT sample the packet's echo gives, if any; returns it, or 0. */
    long rttSample(Header h, long now) {
        long sample = WireTime.rttSample(h.timestampEcho(), now);
        if (sample < 0) return 0;
        rtt.onSample(sample, now);
        return sample;
    }

    /** A NACK listed {@code missing} (spec 9.5). */
    void onNack(List<SeqRange> missing, long now) {
        for (SeqRange r : missing) {
            loss.onNacked(Math.max(buffer.sndUna(), offset(r.start())),
                Math.min(buffer.sndNxt(), offset(r.end())), now);
        }
        loss.reportLosses(now);
    }

    /** A wire sequence number of ours, as the 64-bit offset nearest SND.UNA. */
    private long offset(int wire) {
        return ours.offset(wire, buffer.sndUna());
    }

    /** Whether nothing is in flight or awaiting acknowledgement. */
    boolean isIdle() {
        return queue.isEmpty();
    }

    // ---------------------------------------------------------------- losses and timers

    @Override
    public void segmentLost(long seg, ConnectionTracer.LossTrigger trigger, long now) {
        trace.packetLost(now, queue.start(seg), queue.length(seg), trigger);
    }

    @Override
    public void lossDetected(long now, long lostBytes, long largestLostSentNanos) {
        startLossEpisode();
        cc.onCongestionEvent(new LossSample(now, lostBytes, largestLostSentNanos));
        traceMetrics(now);
    }

    /** A loss was detected or the retransmission timer fired: a loss episode begins unless one is open. */
    private void startLossEpisode() {
        if (undo.begin(buffer.sndNxt())) loss.onLossEpisode();
    }

    /**
     * Runs the sender's timers that expired at {@code now}: the retransmission timer, or else
     * RACK's and the tail-loss probe's; then the persist timer. Returns false when the connection
     * must give up: more consecutive expiries than the configured retries, without progress.
     */
    boolean onTimers(long now) {
        if (timers.hasExpired(Timer.RTO, now)) {
            if (!onRetransmissionTimeout(now)) return false;
        } else {
            if (timers.hasExpired(Timer.LOSS, now)) timers.set(Timer.LOSS, loss.detect(now));
            if (timers.hasExpired(Timer.TLP, now)) onProbeTimer();
        }
        if (timers.hasExpired(Timer.PERSIST, now)) onPersistTimer(now);
        pathMtu.onTimer(now);
        releaseIdleStorage(now);
        return true;
    }

    /** The retransmission timer fired (spec 9.7); false: give up. */
    private boolean onRetransmissionTimeout(long now) {
        if (queue.isEmpty()) {
            timers.stop(Timer.RTO);
            return true;
        }
        if (++consecutiveTimeouts > config.maxRetransmissions()) return false;
        timeouts++;
        if (consecutiveTimeouts >= BLACK_HOLE_TIMEOUTS && queue.length(queue.head()) > PathMtu.initialSegmentSize(config)
            && pathMtu.onBlackHole(now)) {
            applySegmentSize();
        }
        rtt.backOff();
        startLossEpisode();
        cc.onRetransmissionTimeout(now, queue.bytesInFlight());
        loss.onRetransmissionTimeout(now);
        timers.stop(Timer.TLP);
        timers.stop(Timer.LOSS);
        timers.set(Timer.RTO, now + rtt.rto());
        traceMetrics(now);
        return true;
    }

    /**
     * The tail-loss probe timer fired. RFC 8985 7.3: "the sender SHOULD ... retransmit the
     * highest-sequence segment sent so far" when no new data can be sent, to elicit an ACK that
     * reveals tail losses.
     */
    private void onProbeTimer() {
        timers.stop(Timer.TLP);
        tailProbeDue = true;
    }

    /** The persist timer fired: a PROBE goes out, and the timer backs off, up to the maximum RTO. */
    private void onPersistTimer(long now) {
        probePacketDue = true;
        persistBackoff++;
        timers.set(Timer.PERSIST, now + Math.min(config.maxRtoNanos(),
            rtt.rto() << Math.min(persistBackoff, TimerTable.MAX_BACKOFF_SHIFT)));
    }

    /** The keepalive timer fired: a PROBE goes out with the next flush (spec 14). */
    void requestProbe() {
        probePacketDue = true;
    }

    /**
     * Sends the PROBE that is due, if any, and a path MTU probe when the search has a candidate
     * and there is data to move: an idle connection has nothing to gain from larger datagrams, so
     * it does not search. A probe is lost after one RTO without its answer.
     */
    void sendProbeIfDue(long now) {
        if (probePacketDue) {
            probePacketDue = false;
            writer.probe(buffer.sndNxt());
        }
        int size = pathMtu.probeDue();
        if (size == 0 || buffer.unsent() == 0 && queue.isEmpty()) return;
        pathMtu.onProbeSent(size, writer.pathMtuProbe(buffer.sndNxt(), pathMtu.packetSizeOf(size)), now + rtt.rto());
    }

    private void armTailLossProbe(long now) {
        timers.set(Timer.TLP, loss.probeDeadline(now, timers.deadline(Timer.RTO), config.delayedAckNanos()));
    }

    private void traceMetrics(long now) {
        trace.metrics(now, cc.congestionWindow(), queue.bytesInFlight(), rtt.smoothedRtt(), pacer.rate());
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends what is due at {@code now}, in this order: lost segments (spec 9.9), a tail-loss
     * probe (9.10), new data, the FIN; as far as pacing, cwnd and the peer's window allow.
     * Returns whether anything was sent.
     */
    boolean send(long now) {
        boolean sent = false;
        long cwnd = cc.congestionWindow();
        if (config.pacing() && timers.isArmed(Timer.PACING)) pacer.wokeLate(timers.deadline(Timer.PACING), now);
        timers.stop(Timer.PACING);
        while (!heldByPacer(now)) {
            long seg = queue.firstLost();
            if (seg >= 0) {
                if (!fits(queue.length(seg), cwnd)) break;
                transmit(seg, now, 0, true);
            } else if (tailProbeDue) {
                tailProbeDue = false;
                long last = queue.lastInFlight();
                if (last < 0) continue;
                transmit(last, now, Flags.ACK_NOW, true);
            } else if (buffer.unsent() > 0) {
                int len = (int) Math.min(Math.min(buffer.unsent(), mss), buffer.peerWindowRight() - buffer.sndNxt());
                if (len <= 0) {
                    rate.markAppLimited(queue.bytesInFlight(), cwnd); // the peer's window, not cwnd, holds us back
                    break;
                }
                if (!fits(len, cwnd)) break;
                // Sender-side silly-window avoidance (RFC 9293 3.8.6.2.1): while data is in flight,
                // don't send a runt that the window, not the application, cut short.
                if (len < mss && len < buffer.unsent() && queue.bytesInFlight() > 0) break;
                sendNew(buffer.sndNxt(), len, 0, now);
            } else if (buffer.finIsNext()) {
                if (!fits(1, cwnd)) break; // the FIN's sequence number counts too
                sendNew(buffer.finOffset(), 1, RetransmissionQueue.FIN, now);
            } else {
                // Nothing left to send with room in cwnd: controllers must not grow cwnd on the ACKs
                // of what is in flight now (RFC 9002 7.8, RFC 7661) nor take their rate as the path's.
                rate.markAppLimited(queue.bytesInFlight(), cwnd);
                break;
            }
            sent = true;
        }
        return sent;
    }

    /** Whether the pacer holds the next packet back; if so the pacing timer wakes us when it may go. */
    private boolean heldByPacer(long now) {
        if (!config.pacing()) return false;
        pacer.setRate(now, Pacer.rateFor(cc, rtt.smoothedRtt()));
        long at = pacer.nextSendTime(now, mss);
        if (at <= now) return false;
        if (hasSendable()) timers.set(Timer.PACING, at);
        return true;
    }

    /** Whether {@code length} more bytes fit in cwnd (a single packet always may go when nothing is in flight). */
    private boolean fits(long length, long cwnd) {
        return queue.bytesInFlight() == 0 || queue.bytesInFlight() + length <= cwnd;
    }

    private void sendNew(long start, int length, int flags, long now) {
        rate.onSend(now, queue.isEmpty());
        long seg = queue.add(start, length, flags | (flags == 0 && rate.isAppLimited() ? RetransmissionQueue.APP_LIMITED : 0),
            now, rate.delivered(), rate.stampDeliveredTime(), rate.firstSentTime());
        buffer.sent(length);
        transmit(seg, now, 0, false);
    }

    /** Sends segment {@code seg}, for the first time or ({@code again}) as a retransmission or probe. */
    private void transmit(long seg, long now, int flags, boolean again) {
        lastDataSent = now;
        long start = queue.start(seg);
        int len = queue.length(seg);
        if (again) {
            // A tail-loss probe resends data still in flight; only a repair counts toward undo.
            rate.onSend(now, queue.isEmpty());
            boolean repair = queue.retransmitted(seg, now, rate.delivered(), rate.stampDeliveredTime(), rate.firstSentTime());
            if (repair) undo.onRepairSent();
        }
        boolean fin = queue.has(seg, RetransmissionQueue.FIN);
        if (fin) writer.fin(flags, start, again);
        else writeData(start, len, flags, again);
        // The flow- and congestion-control invariant (spec 10.1, 11.1); tests run with -ea.
        assert queue.isConsistent() : "scoreboard totals drifted: " + queue;
        assert queue.has(seg, RetransmissionQueue.PROBE) || queue.bytesInFlight() <= Math.max(cc.congestionWindow(), len)
            : "bytes in flight " + queue.bytesInFlight() + " exceed cwnd " + cc.congestionWindow();
        assert fin || queue.end(seg) <= buffer.peerWindowRight()
            : "sent beyond the peer's window: " + queue.end(seg) + " > " + buffer.peerWindowRight();
        cc.onPacketSent(now, len, queue.bytesInFlight());
        if (!timers.isArmed(Timer.RTO)) timers.set(Timer.RTO, now + rtt.rto());
        armTailLossProbe(now);
        if (config.pacing()) pacer.onSend(now, len);
    }

    /**
     * A segment in DATA packets of at most {@link #mss}: more than one only for a segment sent
     * before the path MTU fell, whose bytes below SND.UNA are not sent again.
     */
    private void writeData(long start, int len, int flags, boolean again) {
        long end = start + len;
        for (long at = Math.max(start, buffer.sndUna()); at < end; at += mss) {
            writer.data(flags, at, (int) Math.min(mss, end - at), again, buffer.ring());
        }
    }

    private boolean hasSendable() {
        return queue.lostSegments() > 0 || tailProbeDue || (buffer.unsent() > 0 && buffer.peerWindowRight() > buffer.sndNxt())
            || buffer.finIsNext();
    }

    /**
     * Zero-window persist (spec 10.2, RFC 9293 3.8.6.1): with data waiting, nothing in flight and
     * the peer's window closed, a timer probes it, so that a lost window update cannot deadlock us.
     */
    void updatePersistTimer(long now) {
        boolean blocked = queue.isEmpty() && buffer.unsent() > 0 && buffer.peerWindowRight() <= buffer.sndNxt();
        if (!blocked) {
            timers.stop(Timer.PERSIST);
            persistBackoff = 0;
        } else if (!timers.isArmed(Timer.PERSIST)) {
            timers.set(Timer.PERSIST, now + rtt.rto());
        }
    }

    // ---------------------------------------------------------------- statistics

    CongestionController controller() {
        return cc;
    }

    long bytesInFlight() {
        return queue.bytesInFlight();
    }

    long pacingRate() {
        return pacer.rate();
    }

    DeliveryRateEstimator deliveryRate() {
        return rate;
    }

    long segmentsLost() {
        return loss.segmentsLost();
    }

    long spuriousRetransmissions() {
        return undo.spuriousRetransmissions();
    }

    /** Retransmission-timer expiries that retransmitted. */
    long timeouts() {
        return timeouts;
    }
}
