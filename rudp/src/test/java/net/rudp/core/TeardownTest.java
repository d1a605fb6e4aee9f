package net.rudp.core;

import static net.rudp.ConnectionState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import org.junit.jupiter.api.Test;

/** The close's transitions as spec 15.3's table gives them, and the timers they start. */
class TeardownTest {
    private static final long S = 1_000_000_000L;
    private static final Header H = new Header(0, 1, 2, 3, 4, 5, 6, 7);

    private final ConnectionConfig config = ConnectionConfig.builder().timeWaitNanos(2 * S).orphanTimeoutNanos(60 * S).build();
    private final TimerTable timers = new TimerTable();
    private final AckPolicy acks = new AckPolicy(timers, 10_000_000);
    private final Teardown teardown = new Teardown(config, timers, acks);

    @Test
    void theFinExchangeFollowsTheTransitionTable() {
        assertEquals(FIN_WAIT_1, Teardown.afterShutdown(ESTABLISHED));
        assertEquals(LAST_ACK, Teardown.afterShutdown(CLOSE_WAIT));
        assertEquals(FIN_WAIT_2, Teardown.afterShutdown(FIN_WAIT_2), "already shut down");
        assertEquals(FIN_WAIT_2, teardown.afterOurFinAcknowledged(FIN_WAIT_1, 0));
        assertEquals(CLOSED, teardown.afterOurFinAcknowledged(LAST_ACK, 0));
        assertEquals(CLOSE_WAIT, teardown.afterPeerFin(ESTABLISHED, 0));
        assertEquals(CLOSING, teardown.afterPeerFin(FIN_WAIT_1, 0));
        assertEquals(CLOSE_WAIT, teardown.afterOurFinAcknowledged(CLOSE_WAIT, 0), "no FIN of ours yet: no change");
    }

    @Test
    void timeWaitStartsFromTheTransitionAndStopsEveryOtherTimer() {
        timers.set(Timer.KEEPALIVE, 5 * S);
        timers.set(Timer.RTO, 3 * S);
        assertEquals(TIME_WAIT, teardown.afterPeerFin(FIN_WAIT_2, 10 * S));
        assertEquals(12 * S, timers.next(), "TIME_WAIT's 2 s from now, and nothing else");
        assertTrue(teardown.answersInTimeWait(new Packet.Fin(H), 11 * S), "a retransmitted FIN is acknowledged again");
        assertTrue(acks.isOwedFor(AckReason.TIME_WAIT_RETRANSMISSION));
        assertEquals(13 * S, timers.deadline(Timer.TIME_WAIT), "and restarts the timer");
        assertTrue(teardown.answersInTimeWait(new Packet.Probe(H), 12 * S));
        assertEquals(13 * S, timers.deadline(Timer.TIME_WAIT), "a PROBE does not restart it");
        assertFalse(teardown.answersInTimeWait(new Packet.Ack(H, java.util.List.of()), 12 * S), "everything else is dropped");
        assertEquals(TIME_WAIT, teardown.afterOurFinAcknowledged(CLOSING, 20 * S));
        assertEquals(22 * S, timers.deadline(Timer.TIME_WAIT));
    }

    @Test
    void theOrphanTimerRunsOnlyAfterTheApplicationClosedInFinWait2() {
        teardown.afterOurFinAcknowledged(FIN_WAIT_1, 5 * S);
        assertFalse(timers.isArmed(Timer.ORPHAN), "the application may still read");
        assertTrue(teardown.onApplicationClose());
        assertFalse(teardown.onApplicationClose(), "once");
        teardown.armOrphanTimer(FIN_WAIT_2);
        assertEquals(65 * S, timers.deadline(Timer.ORPHAN), "counted from reaching FIN_WAIT_2, not from close()");
        TimerTable t = new TimerTable();
        Teardown viaFin = new Teardown(config, t, acks);
        viaFin.onApplicationClose();
        viaFin.afterOurFinAcknowledged(FIN_WAIT_1, 7 * S);
        assertEquals(67 * S, t.deadline(Timer.ORPHAN), "closed before: armed on reaching FIN_WAIT_2");
    }
}
