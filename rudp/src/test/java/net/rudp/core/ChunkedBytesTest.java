package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** Received bytes by offset in chunks that exist only where data arrived. */
class ChunkedBytesTest {
    private static final int CHUNK = 100;

    private final ReceiveMemory memory = new ReceiveMemory(1 << 20, CHUNK);
    private final ChunkedBytes bytes = new ChunkedBytes(memory, 1);

    private static ByteBuffer pattern(long from, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        for (int i = 0; i < n; i++) b.put((byte) (from + i));
        return b.flip();
    }

    private byte[] read(long offset, int n) {
        ByteBuffer dst = ByteBuffer.allocate(n);
        bytes.read(offset, dst, n, offset + n);
        return dst.array();
    }

    @Test
    void aByteFarAheadCostsOneChunkNotTheSpanBeforeIt() {
        assertEquals(1, bytes.chunksMissing(4_000_000, 4_000_001));
        bytes.write(4_000_000, pattern(7, 1), 1);
        assertEquals(1, bytes.chunks());
        assertEquals(CHUNK, memory.used());
    }

    @Test
    void aSegmentStraddlingChunksTakesBothAndReadsBackWhole() {
        assertEquals(2, bytes.chunksMissing(51, 201), "offsets 51..200 lie in chunks 0 and 1 (origin 1)");
        bytes.write(51, pattern(51, 150), 150);
        assertEquals(0, bytes.chunksMissing(60, 200), "nothing missing where data was written");
        assertArrayEquals(pattern(51, 150).array(), read(51, 150));
    }

    @Test
    void readingPastAChunkGivesItBackAndAnIdleStreamHoldsNone() {
        bytes.write(1, pattern(1, 250), 250);
        assertEquals(3, bytes.chunks());
        read(1, 150);
        assertEquals(2, bytes.chunks(), "chunk 0 was read to its end");
        assertEquals(2 * CHUNK, memory.used());
        read(151, 100);
        assertEquals(1, bytes.chunks(), "chunk 2 may still receive offsets 251..300");
        bytes.read(251, ByteBuffer.allocate(0), 0, Long.MAX_VALUE);
        assertEquals(0, bytes.chunks(), "when nothing more is held there, even a partial chunk goes back");
        assertEquals(0, memory.used());
    }

    @Test
    void outOfOrderChunksAreKeptInOffsetOrder() {
        bytes.write(501, pattern(501, 10), 10);
        bytes.write(301, pattern(301, 10), 10);
        bytes.write(1, pattern(1, 300), 300);
        bytes.write(401, pattern(401, 100), 100);
        bytes.write(311, pattern(311, 90), 90);
        assertArrayEquals(pattern(1, 510).array(), read(1, 510));
    }

    @Test
    void readingWhereNothingArrivedIsAnError() {
        bytes.write(201, pattern(201, 10), 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(1, 10));
        assertEquals("no chunk holds offset 1: reading beyond the data held", e.getMessage());
    }

    @Test
    void retiringGivesBackWhatCanNeverBeReadAndReleasesTheRest() {
        bytes.write(1, pattern(1, 150), 150);
        bytes.write(401, pattern(401, 10), 10);
        bytes.retire(151);
        assertEquals(0, memory.used(), "the budget no longer counts any of it");
        assertEquals(2, bytes.chunks(), "the readable part stays for the application");
        assertArrayEquals(pattern(1, 150).array(), read(1, 150));
        assertEquals(0, memory.used());
    }

    @Test
    void anyOrderOfSegmentsReadsBackTheStreamAndFreesEveryChunk() {
        Property.of("chunked bytes keep any arrival order", r -> r.nextLong())
            .tries(200)
            .check(seed -> {
                SplittableRandom r = new SplittableRandom(seed);
                ReceiveMemory m = new ReceiveMemory(1 << 20, 1 + r.nextInt(300));
                ChunkedBytes b = new ChunkedBytes(m, 1);
                int length = 1 + r.nextInt(5_000);
                for (int from = 0; from < length; ) {
                    int n = Math.min(length - from, 1 + r.nextInt(700));
                    int at = r.nextInt(length);
                    int k = Math.min(n, length - at);
                    b.write(1 + at, pattern(1 + at, k), k);
                    b.write(1 + from, pattern(1 + from, n), n);
                    from += n;
                }
                ByteBuffer dst = ByteBuffer.allocate(length);
                for (int read = 0; read < length; ) {
                    int n = Math.min(length - read, 1 + r.nextInt(900));
                    b.read(1 + read, dst, n, read + n == length ? Long.MAX_VALUE : 1 + read + n);
                    read += n;
                }
                assertArrayEquals(pattern(1, length).array(), dst.array());
                assertEquals(0, b.chunks());
                assertEquals(0, m.used(), "every chunk went back to the budget");
            });
    }
}
