package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 6298's formulas, checked with numbers worked by hand. */
class RttEstimatorTest {
    private static final long MS = 1_000_000;

    @Test
    void initialRtoIsOneSecondUntilTheFirstSample() {
        assertEquals(1000 * MS, new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS).rto());
    }

    @Test
    void firstSampleSetsSrttAndHalfOfItAsVariation() {
        RttEstimator e = new RttEstimator(1000 * MS, 1 * MS, 60_000 * MS);
        e.onSample(100 * MS, 0);
        assertEquals(100 * MS, e.smoothedRtt());
        assertEquals(50 * MS, e.rttVariation());
        assertEquals(300 * MS, e.rto(), "SRTT + 4 * RTTVAR");
    }

    @Test
    void laterSamplesAreSmoothedWithAlphaOneEighthAndBetaOneQuarter() {
        RttEstimator e = new RttEstimator(1000 * MS, 1 * MS, 60_000 * MS);
        e.onSample(100 * MS, 0);
        e.onSample(200 * MS, 1);
        // RTTVAR = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; SRTT = 7/8 * 100 + 1/8 * 200 = 112.5
        assertEquals(112_500_000, e.smoothedRtt());
        assertEquals(62_500_000, e.rttVariation());
        assertEquals(362_500_000, e.rto());
    }

    @Test
    void rtoIsClampedToTheMinimumAndMaximum() {
        RttEstimator e = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
        e.onSample(1 * MS, 0);
        assertEquals(200 * MS, e.rto());
        for (int i = 0; i < 20; i++) e.backOff();
        assertEquals(60_000 * MS, e.rto());
    }

    @Test
    void backoffDoublesAndASampleResetsIt() {
        RttEstimator e = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
        e.backOff();
        assertEquals(2000 * MS, e.rto());
        e.backOff();
        assertEquals(4000 * MS, e.rto());
        e.onSample(100 * MS, 0);
        assertEquals(300 * MS, e.rto());
    }

    @Test
    void minRttTracksTheLowestSampleWithinItsWindow() {
        RttEstimator e = new RttEstimator(1000 * MS, 200 * MS, 60_000 * MS);
        e.onSample(50 * MS, 0);
        e.onSample(80 * MS, 1_000 * MS);
        assertEquals(50 * MS, e.minRtt());
        e.onSample(90 * MS, 11_000 * MS);
        assertEquals(90 * MS, e.minRtt(), "an old minimum expires after 10 s");
    }
}
