package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;

/** Keepalive and idle timeout (spec 14) count from the last packet heard. */
class LivenessTest {
    private static final long S = 1_000_000_000L;

    private static ConnectionConfig config(long keepalive, long idle) {
        return ConnectionConfig.builder().keepaliveNanos(keepalive).idleTimeoutNanos(idle).initialRtoNanos(S).build();
    }

    @Test
    void keepalivesRepeatAndHearingThePeerRestartsBoth() {
        TimerTable t = new TimerTable();
        Liveness l = new Liveness(t, config(15 * S, 60 * S));
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
        Liveness l = new Liveness(t, config(0, 0));
        l.onPeerHeard(-5 * S);
        assertEquals(Long.MAX_VALUE, t.next());
        assertFalse(l.keepaliveDue(Long.MAX_VALUE - 1));
    }

    @Test
    void aClockBelowZeroIsAClock() {
        TimerTable t = new TimerTable();
        new Liveness(t, config(15 * S, 0)).onPeerHeard(-100 * S);
        assertEquals(-85 * S, t.deadline(Timer.KEEPALIVE), "not from zero: the keepalive counts from the packet");
    }

    @Test
    void afterACookieCallAcceptProbesGoOutAtOneTwoAndFourSecondsUntilTheServerIsHeard() {
        TimerTable t = new TimerTable();
        Liveness l = new Liveness(t, config(15 * S, 60 * S));
        l.onHandshakeComplete(0, true);
        assertFalse(l.keepaliveDue(S - 1));
        assertTrue(l.keepaliveDue(S), "spec 8.1 rule 8: the first packet again after 1 s");
        assertTrue(l.keepaliveDue(3 * S), "then 2 s later");
        assertTrue(l.keepaliveDue(7 * S), "then 4 s later");
        assertFalse(l.keepaliveDue(14 * S), "three times, then only keepalives");
        assertTrue(l.keepaliveDue(15 * S));

        TimerTable answered = new TimerTable();
        Liveness heard = new Liveness(answered, config(15 * S, 60 * S));
        heard.onHandshakeComplete(0, true);
        heard.onPeerHeard(S / 2);
        assertFalse(heard.keepaliveDue(S), "any packet from the server stops the resends");
        assertFalse(answered.isArmed(Timer.HANDSHAKE_RETRY));
    }
}
