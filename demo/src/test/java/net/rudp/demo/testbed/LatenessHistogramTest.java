package net.rudp.demo.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatenessHistogramTest {

    @Test
    void percentilesCountWholeMicroseconds() {
        LatenessHistogram h = new LatenessHistogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1000L + 500);
        }
        h.record(250_000_000L);
        assertEquals(101, h.count());
        assertEquals(Duration.ofNanos(51_000), h.percentile(0.5));
        assertEquals(Duration.ofNanos(100_000), h.percentile(0.99));
        assertEquals(Duration.ofMillis(250), h.max());
    }

    @Test
    void anEmptyHistogramSaysZero() {
        assertEquals(Duration.ZERO, new LatenessHistogram().percentile(0.99));
    }
}
