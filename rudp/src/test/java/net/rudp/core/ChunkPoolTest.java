package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The pool of receive chunks: reuse up to its spares, the rest left to the collector. */
class ChunkPoolTest {

    @Test
    void aReturnedChunkIsHandedOutAgain() {
        ChunkPool pool = new ChunkPool(100, 2);
        byte[] a = pool.take();
        assertEquals(100, a.length);
        pool.give(a);
        assertEquals(1, pool.spares());
        assertSame(a, pool.take(), "the spare is reused, not a new array");
        assertEquals(0, pool.spares());
    }

    @Test
    void sparesBeyondTheBoundAreNotKept() {
        ChunkPool pool = new ChunkPool(100, 2);
        byte[] a = pool.take();
        byte[] b = pool.take();
        byte[] c = pool.take();
        assertNotSame(a, b);
        pool.give(a);
        pool.give(b);
        pool.give(c);
        assertEquals(2, pool.spares(), "an idle endpoint gives the rest back to the heap");
    }

    @Test
    void aChunkOfAnotherSizeIsRefused() {
        ChunkPool pool = new ChunkPool(100, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.give(new byte[99]));
        assertEquals("chunk of 99 bytes, pool holds 100", e.getMessage());
    }
}
