package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TSval and the RTT of its echo (spec 9.6). */
class WireTimeTest {
    private static final long MS = 1_000_000;

    @Test
    void tsvalIsMicrosecondsModulo2To32AndNeverZero() {
        assertEquals(1, WireTime.micros(0), "0 means no echo, so time 0 is sent as 1");
        assertEquals(1_234, WireTime.micros(1_234_567));
        assertEquals(5, WireTime.micros((1L << 32) * 1_000 + 5_000), "wraps");
    }

    @Test
    void anEchoGivesTheElapsedTimeOrNoSample() {
        int echo = WireTime.micros(100 * MS);
        assertEquals(40 * MS, WireTime.rttSample(echo, 140 * MS));
        assertEquals(0, WireTime.rttSample(echo, 100 * MS), "a zero sample is a sample");
        assertEquals(-1, WireTime.rttSample(0, 140 * MS), "nothing echoed");
        assertEquals(-1, WireTime.rttSample(echo, 90 * MS), "an echo from the future");
        long wrap = (1L << 32) * 1_000;
        assertEquals(20 * MS, WireTime.rttSample(WireTime.micros(wrap - 10 * MS), wrap + 10 * MS), "across the wrap");
    }
}
