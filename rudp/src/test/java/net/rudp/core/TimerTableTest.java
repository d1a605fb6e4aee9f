package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A connection's timer table: the next deadline is the earliest armed one. */
class TimerTableTest {

    @Test
    void theNextDeadlineIsTheEarliestArmedTimer() {
        TimerTable t = new TimerTable();
        assertEquals(Long.MAX_VALUE, t.next(), "nothing armed");
        t.set(Timer.RTO, 500);
        t.set(Timer.KEEPALIVE, 15_000);
        t.set(Timer.DELAYED_ACK, 40);
        assertEquals(40, t.next());
        t.stop(Timer.DELAYED_ACK);
        assertEquals(500, t.next());
        t.set(Timer.RTO, 900);
        assertEquals(900, t.next(), "re-arming moves the deadline, either way");
        t.set(Timer.RTO, Long.MAX_VALUE);
        assertFalse(t.isArmed(Timer.RTO), "MAX_VALUE stops it");
        assertEquals(15_000, t.next());
    }

    @Test
    void aTimerExpiresAtItsDeadlineAndAStoppedOneNever() {
        TimerTable t = new TimerTable();
        t.set(Timer.PERSIST, 100);
        assertFalse(t.hasExpired(Timer.PERSIST, 99));
        assertTrue(t.hasExpired(Timer.PERSIST, 100));
        assertFalse(t.hasExpired(Timer.TLP, Long.MAX_VALUE - 1), "stopped");
        t.set(Timer.LOSS, -50);
        assertTrue(t.hasExpired(Timer.LOSS, -50), "a clock below zero is a clock");
        assertEquals(-50, t.next());
    }

    @Test
    void timeWaitStopsEveryOtherTimer() {
        TimerTable t = new TimerTable();
        for (Timer timer : Timer.values()) t.set(timer, 1000 + timer.ordinal());
        assertEquals(1000, t.next());
        t.stopAllBut(Timer.TIME_WAIT);
        assertEquals(1000 + Timer.TIME_WAIT.ordinal(), t.next());
        for (Timer timer : Timer.values()) assertEquals(timer == Timer.TIME_WAIT, t.isArmed(timer), timer.name());
        t.stopAll();
        assertEquals(Long.MAX_VALUE, t.next());
        assertEquals("TimerTable[]", t.toString());
    }
}
