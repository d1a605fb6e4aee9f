package net.rudp.core;

import net.rudp.wire.SeqNum;
import net.rudp.wire.SeqRange;

/**
 * One direction's sequence space (spec 4): a position is a 64-bit offset that never wraps, offset
 * 0 being the SYN; on the wire, sequence number = ISN + offset (mod 2^32).
 */
record SequenceSpace(int isn) {

    /** The wire sequence number of {@code offset}. */
    int wire(long offset) {
        return (int) (isn + offset);
    }

    /** The wire range of {@code [start, end)}. */
    SeqRange wire(long start, long end) {
        return new SeqRange(wire(start), wire(end));
    }

    /** A wire sequence number as the 64-bit offset nearest {@code reference} (within 2^31 of it). */
    long offset(int wire, long reference) {
        return SeqNum.unwrap(wire, 0, isn, reference);
    }
}
