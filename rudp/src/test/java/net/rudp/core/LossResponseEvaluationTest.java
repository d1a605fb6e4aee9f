package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import net.rudp.ConnectionState;
import net.rudp.ConnectionStats;
import net.rudp.CongestionControl;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.impair.LinkStats;
import net.rudp.impair.Scenario;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's simulator targets for the default controller's loss response (spec 11.3): random
 * loss is repaired, not punished; loss from a full queue backs off; flows share. Each property
 * runs over several seeds through {@link Property} (loss draws, BBR's probing phase, sequence
 * numbers), each a CI-sized simulated run of an {@link EvalDumbbell}: 3 s of start-up after the
 * handshake, then 10 s measured, then the flow finishes and its stream is checked byte for byte.
 */
class LossResponseEvaluationTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final long STARTUP = 3 * S;
    private static final long MEASURED = 10 * S;
    private static final long FINISH_LIMIT = 120 * S;
    private static final long HANDSHAKE_LIMIT = 60 * S;

    /**
     * What one lone flow did over the measured seconds.
     *
     * @param linkShare     its goodput over the link's rate
     * @param retransmitted its retransmitted bytes per byte sent, over the measured seconds
     * @param queueDrops    datagrams the bottleneck's full queue dropped over the measured seconds
     * @param offered       datagrams offered to the bottleneck over the measured seconds
     */
    private record Alone(double linkShare, double retransmitted, long queueDrops, long offered) {}

    private static Alone alone(ImpairmentProfile link, long seed) {
        EvalDumbbell d = new EvalDumbbell(seed, link, List.of(CongestionControl.BBR));
        EvalSender sender = d.start(0, false);
        // At 30% loss the handshake may take several retransmission timeouts (1, 2, 4 s): the
        // start-up is counted from the connection's establishment.
        assertTrue(d.runUntil(() -> sender.connection().state() == ConnectionState.ESTABLISHED, HANDSHAKE_LIMIT),
            "no connection within " + HANDSHAKE_LIMIT / S + " s on " + link);
        long established = d.now();
        d.runUntil(established + STARTUP);
        EvalSnapshot from = d.snapshot();
        LinkStats before = d.bottleneckStats();
        ConnectionStats sentBefore = sender.connection().stats();
        d.runUntil(established + STARTUP + MEASURED);
        EvalSnapshot.Rates rates = d.snapshot().rates(from, link.rateBitsPerSecond());
        LinkStats after = d.bottleneckStats();
        ConnectionStats sentAfter = sender.connection().stats();
        double retransmitted = (double) (sentAfter.bytesRetransmitted() - sentBefore.bytesRetransmitted())
            / (sentAfter.bytesSent() - sentBefore.bytesSent());
        assertTrue(d.finish(FINISH_LIMIT), "the flow did not deliver everything and close on " + link);
        assertEquals(List.of(), d.problems(), link.toString());
        return new Alone(rates.goodput().getFirst() / link.rateBitsPerSecond(), retransmitted,
            after.droppedByQueue() - before.droppedByQueue(), after.offered() - before.offered());
    }

    /**
     * Kernel TCP with bbr keeps 88% of this link on the test bed (spec/EVALUATION.md); rudp
     * before this rule kept 22%. Random loss is dropped before the bottleneck's queue, so a flow
     * that repairs instead of backing off can keep the link busy.
     */
    @Test
    void aFlowKeepsThreeQuartersOfTheLinkAtFivePercentRandomLoss() {
        Property.of("wan-loss5 goodput", r -> r.nextLong()).tries(3).check(seed -> {
            Alone a = alone(Scenario.WAN_LOSS5.profile(), seed);
            assertTrue(a.linkShare() >= 0.75, "goodput on wan-loss5 was " + percent(a.linkShare())
                + " of the 50 Mbit/s link; at least 75% expected");
        });
    }

    /**
     * On {@code wan-shallow} (a 3 ms queue, no random loss) every loss is the queue's: the flow
     * must still fill the link but not keep the queue overflowing. Kernel TCP bbr retransmits
     * 4.9% there; the bound is 3% of bytes sent, and under 2% of datagrams dropped by the queue.
     */
    @Test
    void whereLossIsCongestionTheFlowFillsTheLinkWithoutFloodingTheQueue() {
        Property.of("wan-shallow queue", r -> r.nextLong()).tries(3).check(seed -> {
            Alone a = alone(Scenario.WAN_SHALLOW.profile(), seed);
            double dropped = (double) a.queueDrops() / a.offered();
            assertTrue(a.linkShare() >= 0.85, "goodput on wan-shallow was " + percent(a.linkShare()) + "; at least 85% expected");
            assertTrue(a.retransmitted() <= 0.03, "retransmitted " + percent(a.retransmitted()) + " on wan-shallow; at most 3%");
            assertTrue(dropped <= 0.02, "the 3 ms queue dropped " + percent(dropped) + " of the datagrams offered; at most 2%");
        });
    }

    /**
     * The property issue 10 asks for: at any random loss rate from 0 to 30% each way, goodput
     * stays above 70% of what the link carries after that loss, (1 - p) of its rate. (A flow
     * that backed off on random loss kept 2% of the link at 30%.)
     */
    @Test
    void goodputStaysAboveSeventyPercentOfWhatTheLinkCarriesAtAnyRandomLossUpToThirtyPercent() {
        Property.of("goodput under random loss 0-30%", r -> new LossCase(r.nextLong(), 0.30 * r.nextDouble()))
            .tries(5).check(c -> {
                Alone a = alone(Scenario.WAN.profile().withLoss(c.loss()), c.seed());
                double bound = 0.70 * (1 - c.loss());
                assertTrue(a.linkShare() >= bound, String.format(Locale.ROOT,
                    "at %.1f%% random loss goodput was %s of the link; at least %s expected",
                    100 * c.loss(), percent(a.linkShare()), percent(bound)));
            });
    }

    private record LossCase(long seed, double loss) {}

    /** Two rudp flows through one {@code wan} bottleneck, the second a second later: Jain's index at least 0.95 over 20 s. */
    @Test
    void twoFlowsShareTheWanLinkFairly() {
        Property.of("two flows share wan", r -> r.nextLong()).tries(3).check(seed -> {
            ImpairmentProfile link = Scenario.WAN.profile();
            EvalDumbbell d = new EvalDumbbell(seed, link, List.of(CongestionControl.BBR, CongestionControl.BBR));
            d.start(0, false);
            d.runUntil(1 * S);
            d.start(1, false);
            EvalSnapshot from = d.snapshot();
            d.runUntil(21 * S);
            EvalSnapshot.Rates rates = d.snapshot().rates(from, link.rateBitsPerSecond());
            double jain = EvalResult.jain(rates.goodput());
            assertTrue(d.finish(FINISH_LIMIT), "the flows did not deliver everything and close");
            assertEquals(List.of(), d.problems());
            assertTrue(jain >= 0.95, "goodputs " + rates.goodput() + " bit/s: Jain's index " + jain + "; at least 0.95");
            assertTrue(rates.utilization() >= 0.9, "the two flows kept the link " + percent(rates.utilization()) + " busy");
        });
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
