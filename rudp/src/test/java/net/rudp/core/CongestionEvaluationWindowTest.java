package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.rudp.ConnectionState;
import net.rudp.ConnectionStats;
import net.rudp.CongestionControl;
import net.rudp.impair.ImpairmentProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Window shapes seen from a whole connection in the simulator, with losses forced by the
 * {@link EvalRouter}: what the controllers' unit tests (net.rudp.congestion) check against
 * scripted ACKs, here checked on the connection's own stats, so the connection's loss detection,
 * timers and the controller are tested together.
 */
class CongestionEvaluationWindowTest {
    private static final long S = EvalScenarios.S;
    /** No rate limit, 40 ms RTT: nothing is lost but what the router drops. */
    private static final ImpairmentProfile CLEAN = ImpairmentProfile.parse("delay=20ms");

    /**
     * One lost packet in congestion avoidance: exactly one reduction, to beta times the window
     * (RFC 9002 7.3.2 / RFC 9438 4.6: ssthresh = cwnd · beta, cwnd = ssthresh), then growth again.
     * Within one segment: the ACK that reveals the loss may grow the window just before.
     */
    @ParameterizedTest
    @CsvSource({"NEW_RENO, 0.5", "CUBIC, 0.7"})
    void aSingleLossReducesTheWindowOnceByBeta(CongestionControl cc, double beta) {
        EvalDumbbell d = new EvalDumbbell(EvalScenarios.SEED, CLEAN, List.of(cc));
        EvalSender sender = d.start(0, true);
        Connection c = awaitEstablished(d, sender);
        long mss = c.maxSegmentSize();
        // A first forced loss ends slow start; two seconds later the flow is in congestion avoidance.
        assertTrue(d.runUntil(() -> c.stats().congestionWindow() >= 30 * mss, 5 * S), "slow start reached 30 segments");
        d.router().dropNextData();
        d.runUntil(d.now() + 2 * S);
        ConnectionStats before = c.stats();
        assertNotEquals(Long.MAX_VALUE, before.slowStartThreshold(), "the first loss ended slow start");
        int from = sender.trace().size() - 1;

        d.router().dropNextData();
        d.runUntil(d.now() + 2 * S);

        List<EvalWindowSample> trace = sender.trace().subList(from, sender.trace().size());
        List<Integer> reductions = reductions(trace);
        assertEquals(1, reductions.size(), "window reductions after one loss: " + trace);
        EvalWindowSample was = trace.get(reductions.getFirst() - 1);
        EvalWindowSample now = trace.get(reductions.getFirst());
        assertEquals(beta * was.cwnd(), now.cwnd(), mss, "the window after the loss, from " + was.cwnd());
        assertEquals(now.cwnd(), now.ssthresh(), "ssthresh = cwnd after the reduction");
        assertTrue(trace.getLast().cwnd() > now.cwnd(), "the window grows again after recovery: " + trace.getLast());
        ConnectionStats after = c.stats();
        assertEquals(before.packetsLost() + 1, after.packetsLost(), "exactly the dropped packet was declared lost");
        assertEquals(0, after.retransmissionTimeouts(), "the loss was repaired without a timeout");
        assertEquals(2, d.router().dropped(), "the router dropped the two datagrams it was told to, and nothing else");
        assertEquals(List.of(), d.problems());
    }

    /**
     * A black hole (everything dropped both ways for two seconds) on the 10 Mbit/s path, into a
     * flow past its start-up: each retransmission-timer expiry collapses the window to the
     * controller's floor (RFC 5681 3.1: one segment; BBR documents four), the RTO doubles on every
     * expiry and the next expiry comes exactly one (doubled) RTO later (RFC 6298 5.5), and the
     * loss-based controllers hold ssthresh on the later expiries (RFC 5681 3.1). Afterwards the
     * flow recovers and delivers everything.
     */
    @ParameterizedTest
    @CsvSource({"NEW_RENO, 1", "CUBIC, 1", "BBR, 4"})
    void timeoutsCollapseTheWindowAndBackOffTheTimer(CongestionControl cc, int floorSegments) {
        EvalDumbbell d = new EvalDumbbell(EvalScenarios.SEED, EvalScenarios.TEN_MBIT, List.of(cc));
        EvalSender sender = d.start(0, true);
        Connection c = awaitEstablished(d, sender);
        long mss = c.maxSegmentSize();
        d.runUntil(3 * S);
        long holeStart = d.now();
        long holeEnd = holeStart + 2 * S;
        d.router().blackHole(holeEnd);
        d.runUntil(holeEnd + 6 * S);

        List<EvalWindowSample> expiries = expiriesAfter(sender.trace(), holeStart);
        assertTrue(expiries.size() >= 3, "at least three expiries in a 2 s black hole with a 200 ms minimum RTO: "
            + expiries);
        for (int k = 0; k < expiries.size(); k++) {
            EvalWindowSample e = expiries.get(k);
            assertEquals(floorSegments * mss, e.cwnd(), "cwnd after expiry " + (k + 1) + ": " + e);
            if (k == 0) continue;
            EvalWindowSample previous = expiries.get(k - 1);
            assertEquals(2 * previous.rto(), e.rto(), "the RTO doubles on expiry " + (k + 1));
            assertEquals(previous.rto(), e.nanos() - previous.nanos(), "expiry " + (k + 1) + " comes one RTO after the last");
            if (cc != CongestionControl.BBR) assertEquals(expiries.getFirst().ssthresh(), e.ssthresh(), "ssthresh held on expiry " + (k + 1));
        }
        assertTrue(expiries.getLast().nanos() < holeEnd + expiries.getLast().rto(), "the timeouts stop once the path is back");
        assertNull(c.error(), "the connection survives the black hole");
        assertTrue(c.stats().congestionWindow() > 4 * mss, "the window grows again: " + c.stats());
        assertTrue(d.finish(60 * S), "the flow delivers everything and closes after the black hole");
        assertEquals(List.of(), d.problems());
    }

    private static Connection awaitEstablished(EvalDumbbell d, EvalSender sender) {
        assertTrue(d.runUntil(() -> sender.connection().state() == ConnectionState.ESTABLISHED, S), "connected");
        return sender.connection();
    }

    /** Indices of the samples whose window is smaller than the one before. */
    private static List<Integer> reductions(List<EvalWindowSample> trace) {
        List<Integer> at = new ArrayList<>();
        for (int i = 1; i < trace.size(); i++) {
            if (trace.get(i).cwnd() < trace.get(i - 1).cwnd()) at.add(i);
        }
        return at;
    }

    /** The samples taken at a retransmission-timer expiry after {@code fromNanos}, in order. */
    private static List<EvalWindowSample> expiriesAfter(List<EvalWindowSample> trace, long fromNanos) {
        List<EvalWindowSample> at = new ArrayList<>();
        for (int i = 1; i < trace.size(); i++) {
            EvalWindowSample s = trace.get(i);
            if (s.nanos() >= fromNanos && s.timeouts() > trace.get(i - 1).timeouts()) at.add(s);
        }
        return at;
    }
}
