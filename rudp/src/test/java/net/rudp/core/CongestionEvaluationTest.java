package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import net.rudp.CongestionControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #5's evaluation targets, asserted on simulated runs ({@link EvalScenarios}; topology in
 * {@link EvalDumbbell}). Every scenario also checks what a user would check first: every byte
 * arrived intact and in order, and both sides closed.
 *
 * <p>{@code -Drudp.evaluation.print=true} also prints the evaluation table that spec/EVALUATION.md
 * carries, from the same runs.
 */
class CongestionEvaluationTest {

    @ParameterizedTest
    @EnumSource(CongestionControl.class)
    void oneFlowKeepsTheBottleneckAtLeastNinetyPercentBusyAfterStartUp(CongestionControl cc) {
        EvalResult r = EvalScenarios.oneFlow(cc);
        assertEquals(List.of(), r.problems(), r.scenario());
        assertTrue(r.utilization() >= 0.90, cc + " kept the 10 Mbit/s bottleneck only " + percent(r.utilization())
            + " busy over seconds 5-30; the target is at least 90%");
    }

    @ParameterizedTest
    @EnumSource(CongestionControl.class)
    void twoFlowsOfOneControllerConvergeToAFairShare(CongestionControl cc) {
        EvalResult r = EvalScenarios.twoFlows(cc, cc);
        assertEquals(List.of(), r.problems(), r.scenario());
        assertTrue(r.jain() >= 0.9, "two " + cc + " flows: goodputs " + r.goodput() + " bit/s, Jain's index "
            + r.jain() + " over the 60 s they shared the bottleneck; the target is at least 0.9");
    }

    /**
     * CUBIC is designed to take no more than Reno would where Reno does well (RFC 9438 4.3, the
     * Reno-friendly region, which a 33-segment BDP is well inside) and to take more only on long
     * fat paths, so on this path the two must share "reasonably": neither flow below a quarter
     * of the link. For two flows that is exactly Jain's index at least 0.8 (a 1:3 split gives 0.8).
     */
    @Test
    void cubicAndNewRenoShareReasonably() {
        EvalResult r = EvalScenarios.twoFlows(CongestionControl.CUBIC, CongestionControl.NEW_RENO);
        assertEquals(List.of(), r.problems(), r.scenario());
        assertTrue(r.jain() >= 0.8, "cubic vs newreno: goodputs " + r.goodput() + " bit/s, Jain's index " + r.jain()
            + "; at least 0.8 (neither below 25%) expected");
    }

    @ParameterizedTest
    @EnumSource(CongestionControl.class)
    void everyControllerDeliversAnIntactStreamOverTheLossyLink(CongestionControl cc) {
        EvalResult r = EvalScenarios.lossy(cc);
        assertEquals(List.of(), r.problems(), r.scenario());
        assertTrue(r.goodput().getFirst() > 0, cc + " delivered nothing over seconds 5-30 of the lossy link");
    }

    /** BBR does not read random loss as congestion, so it keeps most of a lossy link (issue #5: at least 70%). */
    @Test
    void bbrKeepsSeventyPercentOfALinkWithTwoPercentRandomLoss() {
        EvalResult r = EvalScenarios.lossy(CongestionControl.BBR);
        double share = r.goodput().getFirst() / EvalScenarios.LOSSY_50_MBIT.rateBitsPerSecond();
        assertTrue(share >= 0.70, "bbr's goodput over seconds 5-30 was " + percent(share) + " of the 50 Mbit/s link"
            + " with 2% random loss; at least 70% expected");
    }

    /** Not a check: prints the table for spec/EVALUATION.md (the targets are the tests above). */
    @Test
    @EnabledIfSystemProperty(named = "rudp.evaluation.print", matches = "true")
    void printTheEvaluationTable() {
        String table = EvalTable.markdown(EvalScenarios.all());
        System.out.println("---- evaluation table, seed " + EvalScenarios.SEED + " ----");
        System.out.print(table);
        System.out.println("---- end of evaluation table ----");
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
