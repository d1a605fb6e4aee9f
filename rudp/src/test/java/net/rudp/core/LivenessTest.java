package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Keepalive and idle timeout (spec 14) count from the last packet heard. */
class LivenessTest {
    private static final long S = 1_000_000_000L;

    @Test
    void keepalivesRepeatAndHearingThePeerRestartsBoth() {
        TimerTable t = new TimerTable();
        Liveness l = new Liveness(t, 15 * S, 60 * S);
        l.onPeerHeard(0);
        assertFalse(l.keepaliveDue(14 * S));
        assertTrue(l.keepaliveDue(15 * S));
        assertEquals(30 * S, t.deadline(Timer.KEEPALIVE), "the next one interval later");
        l.onPeerHeard(20 * S);
        assertEquals(35 * S, t.deadline(Timer.KEEPALIVE));
        assertFalse(l.idleExpired(79 * S));
        assertTrue(l.idleExpired(80 * S));
    }

    @Test
    void zeroTurnsATimerOff() {
        TimerTable t = new TimerTable();
        Liveness l = new Liveness(t, 0, 0);
        l.onPeerHeard(-5 * S);
        assertEquals(Long.MAX_VALUE, t.next());
        assertFalse(l.keepaliveDue(Long.MAX_VALUE - 1));
    }

    @Test
    void aClockBelowZeroIsAClock() {
        TimerTable t = new TimerTable();
        new Liveness(t, 15 * S, 0).onPeerHeard(-100 * S);
        assertEquals(-85 * S, t.deadline(Timer.KEEPALIVE), "not from zero: the keepalive counts from the packet");
    }
}
