package net.rudp.demo.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.rudp.demo.compare.Sample;
import org.junit.jupiter.api.Test;

class CompareChartTest {

    @Test
    void eachPointIsTheRateSinceThePreviousOne() {
        assertEquals(List.of(new CompareChart.Point(0.1, 1_000_000, 80), new CompareChart.Point(0.2, 3_000_000, 160)),
            CompareChart.points(List.of(new Sample(100_000_000, 1_000_000), new Sample(200_000_000, 3_000_000))));
    }

    @Test
    void aFinalSampleRightAfterARegularOneIsFoldedIntoTheLastInterval() {
        List<CompareChart.Point> points = CompareChart.points(List.of(new Sample(100_000_000, 1_000_000),
            new Sample(200_000_000, 3_000_000), new Sample(201_000_000, 3_065_536)));
        assertEquals(2, points.size(), points.toString());
        assertEquals(new CompareChart.Point(0.201, 3_065_536, 2_065_536 * 8.0 / 101_000_000 * 1e3), points.get(1));
    }

    @Test
    void aShortTransferStillGetsOnePoint() {
        assertEquals(List.of(new CompareChart.Point(0.01, 1_000_000, 800)), CompareChart.points(List.of(new Sample(10_000_000, 1_000_000))));
    }
}
