package net.rudp.impair;

/**
 * What an {@link ImpairedLink} has done so far. Every offered datagram is counted once in
 * {@code offered} and then in exactly one of {@code droppedByLoss}, {@code droppedByQueue} or
 * neither (forwarded); a forwarded one yields one copy, or two when {@code duplicated} counts it.
 * Copies are counted in {@code delivered} when handed out, so
 * {@code delivered + inFlight == offered - droppedByLoss - droppedByQueue + duplicated}.
 *
 * @param offered datagrams offered to the link
 * @param delivered copies handed out
 * @param deliveredBytes bytes of the copies handed out (after truncation)
 * @param droppedByLoss datagrams dropped by random loss
 * @param droppedByQueue datagrams dropped because the queue was full (drop-tail)
 * @param duplicated datagrams that got a second copy
 * @param corrupted copies with a flipped bit
 * @param truncated copies cut short
 * @param reordered copies handed out after a copy of a datagram offered later
 */
public record LinkStats(
        long offered,
        long delivered,
        long deliveredBytes,
        long droppedByLoss,
        long droppedByQueue,
        long duplicated,
        long corrupted,
        long truncated,
        long reordered) {

    /** Nothing happened yet. */
    public static final LinkStats ZERO = new LinkStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The sum of two links' counters (for totals over several links). */
    public LinkStats plus(LinkStats o) {
        return new LinkStats(offered + o.offered, delivered + o.delivered, deliveredBytes + o.deliveredBytes,
            droppedByLoss + o.droppedByLoss, droppedByQueue + o.droppedByQueue, duplicated + o.duplicated,
            corrupted + o.corrupted, truncated + o.truncated, reordered + o.reordered);
    }
}
