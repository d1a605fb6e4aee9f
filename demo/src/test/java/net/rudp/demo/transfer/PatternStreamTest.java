package net.rudp.demo.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PatternStreamTest {

    @Test
    void fillAtAnyOffsetMatchesByteAt() {
        PatternStream stream = new PatternStream(42);
        for (long position : new long[] {0, 1, 7, 8, 13, 1L << 33}) {
            byte[] bytes = new byte[37];
            stream.fill(position, bytes, 2, 33);
            for (int i = 0; i < 33; i++) {
                assertEquals(stream.byteAt(position + i), bytes[2 + i], "byte " + (position + i));
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        new PatternStream(1).fill(0, a, 0, 64);
        new PatternStream(2).fill(0, b, 0, 64);
        assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    }

    @Test
    void verifierAcceptsTheStreamInPiecesOfAnySize() {
        PatternStream stream = new PatternStream(7);
        byte[] all = new byte[10_000];
        stream.fill(0, all, 0, all.length);
        PatternStream.Verifier verifier = stream.verifier();
        for (int at = 0, piece = 1; at < all.length; at += piece, piece = piece * 3 % 1001 + 1) {
            verifier.accept(all, at, Math.min(piece, all.length - at));
        }
        assertEquals(10_000, verifier.position());
        assertEquals(-1, verifier.firstMismatch());
    }

    @Test
    void verifierPointsAtTheFirstCorruptedByte() {
        PatternStream stream = new PatternStream(7);
        byte[] all = new byte[5000];
        stream.fill(0, all, 0, all.length);
        all[3001] ^= 0x10;
        all[4000] ^= 0x01;
        PatternStream.Verifier verifier = stream.verifier();
        verifier.accept(all, 0, 3000);
        verifier.accept(all, 3000, 2000);
        assertEquals(3001, verifier.firstMismatch());
    }

    @Test
    void verifierNoticesAMissingByte() {
        PatternStream stream = new PatternStream(9);
        byte[] all = new byte[100];
        stream.fill(0, all, 0, all.length);
        PatternStream.Verifier verifier = stream.verifier();
        verifier.accept(all, 0, 50);
        verifier.accept(all, 51, 49); // byte 50 was lost
        assertEquals(50, verifier.firstMismatch());
    }
}
