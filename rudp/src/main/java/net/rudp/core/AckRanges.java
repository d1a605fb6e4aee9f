package net.rudp.core;

import java.util.ArrayList;
import java.util.List;
import net.rudp.wire.SeqRange;

/**
 * Builds the ranges a receiver reports from its {@link Reassembly}: the SACK blocks of an ACK
 * (spec 9.4, RFC 2018) and the holes of a NACK (spec 9.5), as many as fit in one datagram.
 */
final class AckRanges {
    private AckRanges() {}

    /**
     * SACK blocks, the most recently changed first (RFC 2018 4: "the first SACK block ... MUST
     * specify the contiguous block of data containing the segment which triggered this ACK"),
     * then the rest from the highest down; at most {@code max}.
     */
    static List<SeqRange> sack(Reassembly stream, int max, SequenceSpace peer) {
        RangeSet held = stream.outOfOrder();
        int n = held.size();
        if (n == 0) return List.of();
        List<SeqRange> ranges = new ArrayList<>(Math.min(n, max));
        int first = held.indexOfRangeContaining(stream.lastOutOfOrderStart());
        if (first >= 0) ranges.add(peer.wire(held.start(first), held.end(first)));
        for (int i = n - 1; i >= 0 && ranges.size() < max; i--) {
            if (i != first) ranges.add(peer.wire(held.start(i), held.end(i)));
        }
        return ranges;
    }

    /** The holes between RCV.NXT and the highest data held, lowest first; at most {@code max}. */
    static List<SeqRange> missing(Reassembly stream, int max, SequenceSpace peer) {
        RangeSet held = stream.outOfOrder();
        List<SeqRange> missing = new ArrayList<>();
        long from = stream.rcvNxt();
        for (int i = 0; i < held.size() && missing.size() < max; i++) {
            if (held.start(i) > from) missing.add(peer.wire(from, held.start(i)));
            from = held.end(i);
        }
        return missing;
    }
}
