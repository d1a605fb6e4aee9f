package net.rudp.demo.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.rudp.demo.transfer.Verdict;
import org.junit.jupiter.api.Test;

class FairnessTest {
    private static final long MS = 1_000_000;

    /** A flow started at {@code startMillis} whose receiver reported {@code samples} (elapsed ms, bytes). */
    private static TransferResult flow(String name, long startMillis, long[][] samples) {
        List<Sample> list = java.util.Arrays.stream(samples).map(s -> new Sample(s[0] * MS, s[1])).toList();
        long size = list.getLast().bytes();
        return new TransferResult(name, "rudp", startMillis * MS, size, size, "00", Duration.ofSeconds(1), 1, 1,
            new Verdict(size, -1, "00"), Optional.empty(), list, List.of());
    }

    @Test
    void theWindowRunsFromTheLastStartToTheFirstEndAndBytesAreInterpolatedInIt() {
        TransferResult a = flow("a", 0, new long[][] {{1000, 1000}, {3000, 3000}});
        TransferResult b = flow("b", 500, new long[][] {{1000, 4000}, {2000, 6000}});
        Fairness f = Fairness.of(List.of(a, b)).orElseThrow();
        assertEquals(500 * MS, f.fromNanos());
        assertEquals(2500 * MS, f.toNanos(), "b ends at 500 + 2000 ms, before a");
        // a: 500 at 0.5 s (interpolated from 0 at 0), 2500 at 2.5 s; b: 0 at its start, 6000 at its end.
        assertEquals(List.of(new Fairness.FlowShare("a", 2000), new Fairness.FlowShare("b", 6000)), f.flows());
        assertEquals(0.25, f.share(f.flows().get(0)));
        assertEquals(8000 * 8.0 / 2, f.totalBitsPerSecond(), 1e-9);
        assertEquals(64.0 / (2 * (4 + 36)), f.jainIndex(), 1e-12, "(2+6)² / (2·(2²+6²))");
    }

    @Test
    void equalFlowsScoreOneAndOneFlowWithEverythingScoresOneOverN() {
        long[][] steady = {{1000, 5000}, {2000, 10000}};
        assertEquals(1.0, Fairness.of(List.of(flow("a", 0, steady), flow("b", 0, steady), flow("c", 0, steady)))
            .orElseThrow().jainIndex(), 1e-12);
        long[][] starved = {{1000, 0}, {2000, 0}};
        assertEquals(1.0 / 3, Fairness.of(List.of(flow("a", 0, steady), flow("b", 0, starved), flow("c", 0, starved)))
            .orElseThrow().jainIndex(), 1e-12);
    }

    @Test
    void flowsThatBarelyOverlapOrRunAloneHaveNoFairness() {
        TransferResult first = flow("a", 0, new long[][] {{1000, 1000}});
        assertTrue(Fairness.of(List.of(first)).isEmpty(), "one flow shares nothing");
        assertTrue(Fairness.of(List.of(first, flow("b", 900, new long[][] {{1000, 1000}}))).isEmpty(), "100 ms of overlap");
        assertTrue(Fairness.of(List.of(first, flow("b", 800, new long[][] {{1000, 1000}}))).isPresent(), "200 ms of overlap");
        assertThrows(IllegalArgumentException.class, () -> new Fairness(5, 5, List.of()));
    }
}
