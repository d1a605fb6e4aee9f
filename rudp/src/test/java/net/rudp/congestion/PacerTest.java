package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacerTest {

    private static final int MSS = 1200;
    private static final long MS = 1_000_000;

    /** Sends {@code packets} full segments as early as the pacer allows; returns the send times. */
    private static long[] sendAll(Pacer pacer, long start, int packets) {
        long[] times = new long[packets];
        long now = start;
        for (int i = 0; i < packets; i++) {
            now = pacer.nextSendTime(now, MSS);
            pacer.onSend(now, MSS);
            times[i] = now;
        }
        return times;
    }

    @Test
    void zeroRateMeansNotPaced() {
        Pacer pacer = new Pacer(MSS);
        long[] times = sendAll(pacer, 5 * MS, 100);
        assertEquals(5 * MS, times[99]);
    }

    @Test
    void aSlowFlowSendsPairsThenOneSegmentPerInterval() {
        Pacer pacer = new Pacer(MSS);
        pacer.setRate(0, 1_200_000); // one segment per millisecond; 1 ms of data < 2 segments
        long[] times = sendAll(pacer, 0, 6);
        assertEquals(0, times[0]);
        assertEquals(0, times[1], "a burst of two segments");
        assertEquals(1 * MS, times[2]);
        assertEquals(2 * MS, times[3]);
        assertEquals(4 * MS, times[5]);
    }

    @Test
    void overTimeTheRateIsKept() {
        Pacer pacer = new Pacer(MSS);
        pacer.setRate(0, 12_000_000); // ten segments per millisecond
        long[] times = sendAll(pacer, 0, 10_001);
        // After the first burst of 10 segments, one segment every 0.1 ms.
        assertEquals((10_000 - 9) * 100_000, times[10_000] - times[0], 1);
    }

    @Test
    void aFastFlowMaySendOneMillisecondOfDataAtOnce() {
        Pacer pacer = new Pacer(MSS);
        pacer.setRate(0, 1_200_000_000); // 1000 segments per millisecond
        long[] times = sendAll(pacer, 0, 1001);
        assertEquals(0, times[999]);
        assertTrue(times[1000] > 0);
    }

    @Test
    void idleTimeEarnsNoMoreThanOneBurst() {
        Pacer pacer = new Pacer(MSS);
        pacer.setRate(0, 1_200_000);
        sendAll(pacer, 0, 10);
        long[] times = sendAll(pacer, 1_000 * MS, 4);
        assertEquals(1_000 * MS, times[1]);
        assertEquals(1_001 * MS, times[2]);
    }

    @Test
    void aNewRateAppliesFromNowOn() {
        Pacer pacer = new Pacer(MSS);
        pacer.setRate(0, 1_200_000);
        sendAll(pacer, 0, 2); // the bucket is empty at t = 0
        pacer.setRate(0, 120_000); // ten times slower
        assertEquals(10 * MS, pacer.nextSendTime(0, MSS));
        assertThrows(IllegalArgumentException.class, () -> pacer.setRate(0, -1));
    }

    @Test
    void withoutARateOfItsOwnAControllerIsPacedFromCwndOverSrtt() {
        NewReno reno = new NewReno(MSS); // 12000 bytes, slow start
        assertEquals(0, Pacer.rateFor(reno, 0), "no RTT sample yet: not paced");
        assertEquals(2 * 12_000 * 10, Pacer.rateFor(reno, 100 * MS), "2 x cwnd / SRTT in slow start");
        reno.onCongestionEvent(new LossSample(0, MSS, 0)); // congestion avoidance at 6000 bytes
        assertEquals((long) (1.25 * 6_000 * 10), Pacer.rateFor(reno, 100 * MS), "1.25 x cwnd / SRTT");
    }

    /** Sends full segments at {@code now} while the pacer allows; returns how many. */
    private static int sendWhileAllowed(Pacer pacer, long now) {
        int sent = 0;
        while (pacer.nextSendTime(now, MSS) == now) {
            pacer.onSend(now, MSS);
            sent++;
        }
        return sent;
    }

    @Test
    void aLateWakeUpMaySendWhatTheRateEarnedSinceItsDueTimeUpToFourMilliseconds() {
        Pacer onTime = new Pacer(MSS);
        onTime.setRate(0, 12_000_000); // ten segments per millisecond: the bucket holds ten
        assertEquals(10, sendWhileAllowed(onTime, 0));
        long due = onTime.nextSendTime(0, MSS);
        assertEquals(10, sendWhileAllowed(onTime, due + 3 * MS), "without the wake-up's lateness: one bucket");

        Pacer late = new Pacer(MSS);
        late.setRate(0, 12_000_000);
        sendWhileAllowed(late, 0);
        late.wokeLate(due, due + 3 * MS);
        late.setRate(due + 3 * MS, 12_000_000); // the sender sets the rate before each packet: the credit stays
        assertEquals(31, sendWhileAllowed(late, due + 3 * MS), "the segment due, and the 3 ms of segments the rate earned since");
        assertEquals(due + 3 * MS + 100_000, late.nextSendTime(due + 3 * MS, MSS), "then the rate again");

        Pacer stalled = new Pacer(MSS);
        stalled.setRate(0, 12_000_000);
        sendWhileAllowed(stalled, 0);
        stalled.wokeLate(due, due + 50 * MS);
        assertEquals(50, sendWhileAllowed(stalled, due + 50 * MS), "a bucket and at most 4 ms of lateness");
        assertEquals(0, sendWhileAllowed(stalled, due + 50 * MS + 1), "the credit was that wake-up's");
    }

    @Test
    void aWakeUpOnTimeEarnsNoCredit() {
        Pacer pacer = new Pacer(MSS);
        pacer.setRate(0, 12_000_000);
        sendWhileAllowed(pacer, 0);
        long due = pacer.nextSendTime(0, MSS);
        pacer.wokeLate(due, due);
        assertEquals(1, sendWhileAllowed(pacer, due));
    }
}
