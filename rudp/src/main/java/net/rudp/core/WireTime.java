package net.rudp.core;

/**
 * The packets' timestamps (spec 9.6): the connection's nanosecond clock as the 32-bit microsecond
 * TSval, and the RTT a peer's echo of one gives.
 */
final class WireTime {
    private WireTime() {}

    /** TSval for {@code nanos}: microseconds modulo 2^32, never 0 (0 in TSecr means "nothing to echo"). */
    static int micros(long nanos) {
        int us = (int) (nanos / 1_000);
        return us == 0 ? 1 : us;
    }

    /**
     * The RTT sample an echo of our TSval gives at {@code now}: R = (now_µs − TSecr) mod 2^32 in
     * nanoseconds, or -1 (no sample) when TSecr is 0 or R, read as a signed number, is negative.
     */
    static long rttSample(int timestampEcho, long now) {
        if (timestampEcho == 0) return -1;
        long sample = (long) (micros(now) - timestampEcho) * 1_000;
        return sample < 0 ? -1 : sample;
    }
}
