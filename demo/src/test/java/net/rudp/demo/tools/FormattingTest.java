package net.rudp.demo.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The small pure pieces: percentiles, the median run, tables. */
class FormattingTest {

    @Test
    void percentilesAreNearestRankSoAlwaysMeasuredValues() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        assertEquals(new LatencyStats(100, 1, 50, 99, 100, 51, 29), LatencyStats.of(oneToHundred));
        assertEquals(new LatencyStats(3, 10, 20, 30, 30, 20, 8), LatencyStats.of(new long[] {30, 10, 20}));
        assertEquals(new LatencyStats(1, 7, 7, 7, 7, 7, 0), LatencyStats.of(new long[] {7}));
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.of(new long[0]));
    }

    @Test
    void theMedianRunIsOneWholeRun() {
        BenchResult fast = new BenchResult("x", "p", "c", 100, 100, 10, 50);
        BenchResult middle = new BenchResult("x", "p", "c", 100, 100, 20, 10);
        BenchResult slow = new BenchResult("x", "p", "c", 100, 100, 30, 20);
        assertEquals(middle, BenchResult.median(java.util.List.of(slow, fast, middle)));
        assertEquals(slow, BenchResult.median(java.util.List.of(slow, fast)), "of two, the slower");
        assertEquals(fast, BenchResult.median(java.util.List.of(fast)));
    }

    @Test
    void tablesAlignLabelsLeftAndNumbersRight() {
        TextTable table = new TextTable("name", "value").row("a", 1).row("longer", "12.5");
        assertEquals("""
            name    value
            a           1
            longer   12.5
            """, table.text());
        assertEquals("""
            | name | value |
            |---|---:|
            | a | 1 |
            | longer | 12.5 |
            """, table.markdown());
        assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
        assertEquals("""
            what  kind  n
            x     long  1
            """, new TextTable(2, "what", "kind", "n").row("x", "long", 1).text());
        assertEquals("|---|---|---:|", new TextTable(2, "a", "b", "c").markdown().lines().toList().get(1));
    }
}
