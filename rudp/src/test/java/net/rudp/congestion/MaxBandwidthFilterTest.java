package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** BBR's windowed maximum of per-round delivery-rate samples. */
class MaxBandwidthFilterTest {

    @Test
    void theEstimateIsTheLargestRoundMaximumOfTheWindow() {
        MaxBandwidthFilter f = new MaxBandwidthFilter(3);
        f.update(1, true, 100);
        f.update(1, false, 300);
        f.update(1, false, 200);
        assertEquals(300, f.get(), "the round's largest");
        f.update(2, true, 50);
        f.update(3, true, 0);
        assertEquals(300, f.get(), "round 1 is still in the window");
        f.update(4, true, 80);
        assertEquals(80, f.get(), "round 1 aged out (its slot was restarted); round 2's 50 and round 4's 80 remain");
        f.update(5, true, 0);
        f.update(6, true, 0);
        f.update(7, true, 0);
        assertEquals(0, f.get(), "three rounds without a sample");
    }
}
