package net.rudp.congestion;

/**
 * Counts round trips by delivered bytes (as BBR and the delivery-rate draft do): a round ends when
 * the ACK for a packet sent after the round began arrives, that is when the acknowledged packet's
 * {@link AckSample#priorDelivered()} reaches the delivered count at the round's start.
 */
final class RoundCounter {

    private long nextRoundDelivered;
    private long count;

    /** Feeds one ACK; true when it starts a new round (the first ACK starts round 1). */
    boolean onAck(AckSample ack) {
        if (ack.priorDelivered() < nextRoundDelivered) return false;
        nextRoundDelivered = ack.delivered();
        count++;
        return true;
    }

    /** Rounds started so far. */
    long count() {
        return count;
    }
}
