package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import net.rudp.wire.SeqRange;
import org.junit.jupiter.api.Test;

/** The SACK blocks and NACK holes a receiver reports (spec 9.4, 9.5). */
class AckRangesTest {
    private static final SequenceSpace PEER = new SequenceSpace(1000);

    private static Reassembly holding(long... ranges) {
        Reassembly r = new Reassembly(TestMemory.ample());
        for (int i = 0; i < ranges.length; i += 2) {
            r.accept(ranges[i], ByteBuffer.allocate((int) (ranges[i + 1] - ranges[i])), 10_001);
        }
        return r;
    }

    private static SeqRange wire(long start, long end) {
        return new SeqRange(1000 + (int) start, 1000 + (int) end);
    }

    @Test
    void theBlockOfTheLatestArrivalComesFirstThenTheRestFromTheHighest() {
        Reassembly r = holding(1, 101, 201, 301, 501, 601, 401, 451);
        assertEquals(List.of(wire(401, 451), wire(501, 601), wire(201, 301)), AckRanges.sack(r, 10, PEER));
        assertEquals(List.of(wire(401, 451), wire(501, 601)), AckRanges.sack(r, 2, PEER), "as many as fit");
        assertEquals(List.of(), AckRanges.sack(holding(1, 101), 10, PEER), "no gap: no blocks");
    }

    @Test
    void theHolesRunFromRcvNxtUpToTheHighestDataHeld() {
        Reassembly r = holding(1, 101, 201, 301, 401, 451);
        assertEquals(List.of(wire(101, 201), wire(301, 401)), AckRanges.missing(r, 10, PEER));
        assertEquals(List.of(wire(101, 201)), AckRanges.missing(r, 1, PEER));
    }

    @Test
    void wireNumbersWrapAround() {
        SequenceSpace nearWrap = new SequenceSpace(0xFFFF_FFF0);
        Reassembly r = holding(1, 11, 31, 41);
        assertEquals(List.of(new SeqRange(0xFFFF_FFF0 + 31, 0xFFFF_FFF0 + 41)), AckRanges.sack(r, 10, nearWrap));
        assertEquals(31, nearWrap.offset(nearWrap.wire(31), 11));
        assertEquals((1L << 32) + 5, nearWrap.offset(nearWrap.wire((1L << 32) + 5), 1L << 32), "offsets never wrap");
    }
}
