package net.rudp.core;

/**
 * Follows one loss episode and says when its window reduction must be undone (spec 9.11): only
 * when every loss repair of the episode was proven spurious by the Eifel test (RFC 3522, with
 * Linux's undo_retrans rule), and no more once the cumulative ACK has passed what was sent when
 * the episode began with a repair still unproven.
 */
final class SpuriousRetransmissionUndo {
    private boolean active;
    private long recoveryPoint;
    private int repairs;
    private int provenSpurious;
    private long spuriousRetransmissions;

    /** Whether an episode is open: its reduction may still be undone. */
    boolean isActive() {
        return active;
    }

    /** Retransmissions proven spurious over the connection's life (probes not counted). */
    long spuriousRetransmissions() {
        return spuriousRetransmissions;
    }

    /**
     * A loss was detected or the retransmission timer fired, with {@code sndNxt} the next offset
     * to send: opens an episode unless one is open. Returns whether this began a new episode.
     */
    boolean begin(long sndNxt) {
        if (active) return false;
        active = true;
        recoveryPoint = sndNxt;
        repairs = 0;
        provenSpurious = 0;
        return true;
    }

    /** A segment declared lost was retransmitted. */
    void onRepairSent() {
        if (active) repairs++;
    }

    /**
     * A retransmission (not a probe) proved spurious. Returns true when that makes every repair
     * of the open episode spurious: undo its reduction now (the episode ends).
     */
    boolean onProvenSpurious() {
        spuriousRetransmissions++;
        if (active && ++provenSpurious >= repairs) {
            active = false;
            return true;
        }
        return false;
    }

    /**
     * The cumulative ACK advanced to {@code sndUna}. Everything sent before the episode is
     * acknowledged and not every repair was proven unnecessary: the losses were real, and the
     * reduction stands.
     */
    void onCumulativeAck(long sndUna) {
        if (active && sndUna >= recoveryPoint && provenSpurious < repairs) active = false;
    }

    /**
     * The Eifel test (RFC 3522): the ACK of a retransmitted segment echoes {@code timestampEcho},
     * a timestamp older than the retransmission's ({@code retransmittedAtNanos}): an earlier
     * transmission arrived.
     */
    static boolean echoPredates(int timestampEcho, long retransmittedAtNanos) {
        return timestampEcho != 0 && timestampEcho - WireTime.micros(retransmittedAtNanos) < 0;
    }

    @Override
    public String toString() {
        return active ? "episode to " + recoveryPoint + ", " + provenSpurious + " of " + repairs + " repairs spurious"
            : "no episode";
    }
}
