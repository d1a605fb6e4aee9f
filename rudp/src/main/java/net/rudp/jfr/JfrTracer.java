package net.rudp.jfr;

import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import net.rudp.ConnectionTracer;

/**
 * Turns one connection's trace into {@link RetransmissionTimeout} and {@link LossEpisode} events.
 * The I/O layer installs it on every connection; while no recording asks for these events it
 * does nothing but compare a few fields per call (no event is made, no string built).
 *
 * <p>A retransmission timeout declares every segment in flight lost at one instant: the losses
 * with trigger TIMEOUT at one {@code nowNanos} are one event, committed at the next call with a
 * later time (or {@link #close}). A loss episode is open from the first loss until a call comes
 * more than one smoothed RTT after the last loss.
 */
public final class JfrTracer implements ConnectionTracer {

    /** The gap that closes an episode before the first RTT sample: RFC 6298's initial RTO. */
    private static final long GAP_BEFORE_RTT_SAMPLE_NANOS = 1_000_000_000L;

    private final InetSocketAddress local;
    private final InetSocketAddress remote;
    private final int id;
    private long smoothedRtt = GAP_BEFORE_RTT_SAMPLE_NANOS;

    private RetransmissionTimeout timeout;
    private long timeoutAt;
    private LossEpisode episode;
    private long lastLossAt;
    private final Map<LossTrigger, Long> lostBy = new EnumMap<>(LossTrigger.class);

    /**
     * A tracer for one connection.
     *
     * @param local  its local address, as the peer sees it
     * @param remote the peer's address
     * @param id     this side's connection id
     */
    public JfrTracer(InetSocketAddress local, InetSocketAddress remote, int id) {
        this.local = local;
        this.remote = remote;
        this.id = id;
    }

    @Override
    public void packetSent(long nowNanos, String type, long offset, int length, boolean retransmission) {
        commitWhatEnded(nowNanos);
    }

    @Override
    public void packetReceived(long nowNanos, String type, long offset, int length) {
        commitWhatEnded(nowNanos);
    }

    @Override
    public void packetLost(long nowNanos, long offset, int length, LossTrigger trigger) {
        commitWhatEnded(nowNanos);
        if (trigger == LossTrigger.TIMEOUT) countTimeoutLoss(nowNanos, length);
        countEpisodeLoss(nowNanos, length, trigger);
    }

    @Override
    public void metricsUpdated(long nowNanos, long congestionWindow, long bytesInFlight, long smoothedRttNanos, long pacingRate) {
        if (smoothedRttNanos > 0) smoothedRtt = smoothedRttNanos;
    }

    /** The connection ended: commits an open episode and a pending timeout. */
    public void close() {
        commitTimeout();
        commitEpisode();
    }

    private void commitWhatEnded(long now) {
        if (timeout != null && now != timeoutAt) commitTimeout();
        if (episode != null && now - lastLossAt > smoothedRtt) commitEpisode();
    }

    private void countTimeoutLoss(long now, int length) {
        if (timeout == null) {
            RetransmissionTimeout e = new RetransmissionTimeout();
            if (!e.isEnabled()) return;
            e.connection(local, remote, id);
            timeout = e;
            timeoutAt = now;
        }
        timeout.segmentsLost++;
        timeout.bytesLost += length;
    }

    private void countEpisodeLoss(long now, int length, LossTrigger trigger) {
        if (episode == null) {
            LossEpisode e = new LossEpisode();
            if (!e.isEnabled()) return;
            e.begin();
            e.connection(local, remote, id);
            e.firstTrigger = trigger.name();
            episode = e;
            lostBy.clear();
        }
        episode.segmentsLost++;
        episode.bytesLost += length;
        episode.end();
        lostBy.merge(trigger, 1L, Long::sum);
        lastLossAt = now;
    }

    private void commitTimeout() {
        if (timeout == null) return;
        timeout.commit();
        timeout = null;
    }

    private void commitEpisode() {
        if (episode == null) return;
        episode.triggers = lostBy.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        episode.commit();
        episode = null;
    }
}
