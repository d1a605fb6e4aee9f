package net.rudp.core;

/**
 * Decides when the receiver acknowledges (spec 9.3): at once for an {@link AckReason}, else after
 * every second in-order segment or when the delayed-ACK timer of a lone one expires; and which
 * TSval the acknowledgement echoes (spec 9.6). Every packet sent carries the ack, so any packet
 * sent settles what is owed.
 */
final class AckPolicy {
    private final TimerTable timers;
    private final long delayedAckNanos;
    /** The reasons to acknowledge at once, one bit per {@link AckReason}; 0 when none. */
    private int reasons;
    /** In-order segments received since the last packet sent. */
    private int unacknowledged;
    private int echo;

    AckPolicy(TimerTable timers, long delayedAckNanos) {
        this.timers = timers;
        this.delayedAckNanos = delayedAckNanos;
    }

    /** Acknowledge at once, echoing what is echoed already. */
    void ackNow(AckReason why) {
        reasons |= 1 << why.ordinal();
    }

    /** Acknowledge at once the packet whose TSval is {@code timestamp}, and echo it. */
    void ackNow(AckReason why, int timestamp) {
        ackNow(why);
        echo = timestamp;
    }

    /** Echo {@code timestamp} from now on (the SYN's, in the SYN_ACK). */
    void echo(int timestamp) {
        echo = timestamp;
    }

    /**
     * An in-order segment with TSval {@code timestamp} arrived at {@code now}. A delayed ACK
     * echoes the earliest segment it covers (spec 9.6).
     */
    void onInOrderSegment(int timestamp, long now) {
        if (unacknowledged == 0 && reasons == 0) echo = timestamp;
        unacknowledged++;
        if (unacknowledged >= 2) ackNow(AckReason.SECOND_SEGMENT);
        else if (!timers.isArmed(Timer.DELAYED_ACK)) timers.set(Timer.DELAYED_ACK, now + delayedAckNanos);
    }

    /** The delayed-ACK timer expired at {@code now}: the ACK it held back is due. */
    void onTimer(long now) {
        if (timers.hasExpired(Timer.DELAYED_ACK, now)) ackNow(AckReason.DELAYED_ACK_TIMER);
    }

    /** Whether an acknowledgement is owed at once. */
    boolean isImmediate() {
        return reasons != 0;
    }

    /** Whether an acknowledgement is owed at {@code now}: at once, or a delayed one whose time came. */
    boolean isDue(long now) {
        return reasons != 0 || (unacknowledged > 0 && timers.hasExpired(Timer.DELAYED_ACK, now));
    }

    /** Whether {@code why} is among the reasons an acknowledgement is owed at once. */
    boolean isOwedFor(AckReason why) {
        return (reasons & 1 << why.ordinal()) != 0;
    }

    /** The TSval the next packet echoes. */
    int echoTimestamp() {
        return echo;
    }

    /** A packet carrying the current ack went out: nothing is owed any more. */
    void onAcknowledged() {
        reasons = 0;
        unacknowledged = 0;
        timers.stop(Timer.DELAYED_ACK);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AckPolicy[");
        for (AckReason r : AckReason.values()) if (isOwedFor(r)) sb.append(r).append(' ');
        return sb.append(unacknowledged).append(" unacknowledged, echo ").append(echo).append(']').toString();
    }
}
