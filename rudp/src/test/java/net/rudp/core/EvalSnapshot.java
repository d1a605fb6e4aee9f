package net.rudp.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The counters of an {@link EvalDumbbell} at one instant; two of them give the rates between.
 *
 * @param nanos           virtual time
 * @param received        stream bytes each flow's receiver has read
 * @param bottleneckBytes bytes of the datagrams the bottleneck delivered to the server
 */
record EvalSnapshot(long nanos, long[] received, long bottleneckBytes) {

    /**
     * Rates over an interval.
     *
     * @param goodput     each flow's goodput (stream bytes its receiver read), bits per second
     * @param utilization the bottleneck's busy fraction: the datagram bytes it delivered over what it could have
     */
    record Rates(List<Double> goodput, double utilization) {}

    /** The rates from {@code earlier} to this snapshot, on a bottleneck of {@code rateBitsPerSecond}. */
    Rates rates(EvalSnapshot earlier, long rateBitsPerSecond) {
        long nanos = this.nanos - earlier.nanos;
        List<Double> goodput = new ArrayList<>();
        for (int i = 0; i < received.length; i++) goodput.add(bitsPerSecond(received[i] - earlier.received[i], nanos));
        return new Rates(goodput, bitsPerSecond(bottleneckBytes - earlier.bottleneckBytes, nanos) / rateBitsPerSecond);
    }

    private static double bitsPerSecond(long bytes, long nanos) {
        return bytes * 8e9 / nanos;
    }
}
