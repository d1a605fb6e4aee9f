package net.rudp.demo.compare;

import java.util.List;
import java.util.Optional;

/**
 * How flows that ran together shared their link while all of them were transferring: what each
 * one's receiver got in that window, its share of what they got together, and Jain's fairness
 * index of those amounts.
 *
 * @param fromNanos when the last flow started, on the run's timeline
 * @param toNanos   when the first flow ended
 * @param flows     each flow's bytes in the window, in the run's order
 */
public record Fairness(long fromNanos, long toNanos, List<FlowShare> flows) {
    /**
     * A window shorter than this says nothing about sharing (it is mostly the flows' start-up);
     * two samples of the receivers' progress at the default 100 ms.
     */
    static final long MIN_WINDOW_NANOS = 200_000_000L;

    /** One flow's verified bytes in the window. */
    public record FlowShare(String flow, long bytes) {}

    public Fairness {
        flows = List.copyOf(flows);
        if (toNanos <= fromNanos) {
            throw new IllegalArgumentException("an empty window: " + fromNanos + " to " + toNanos + " ns");
        }
    }

    /**
     * The window in which every flow was transferring (from the last one's start to the first
     * one's end), and what each got in it, interpolating between the receivers' progress samples;
     * empty for a single flow, or if the flows overlapped less than {@link #MIN_WINDOW_NANOS}.
     */
    public static Optional<Fairness> of(List<TransferResult> results) {
        if (results.size() < 2) {
            return Optional.empty();
        }
        long from = results.stream().mapToLong(TransferResult::startNanos).max().orElseThrow();
        long to = results.stream().mapToLong(r -> r.startNanos() + r.activeNanos()).min().orElseThrow();
        if (to - from < MIN_WINDOW_NANOS) {
            return Optional.empty();
        }
        return Optional.of(new Fairness(from, to, results.stream().map(r -> new FlowShare(r.flow(),
            r.bytesAt(to - r.startNanos()) - r.bytesAt(from - r.startNanos()))).toList()));
    }

    /** The window's length. */
    public long nanos() {
        return toNanos - fromNanos;
    }

    /** What the flows got together in the window. */
    public long totalBytes() {
        return flows.stream().mapToLong(FlowShare::bytes).sum();
    }

    /** A flow's goodput over the window, in bits per second. */
    public double bitsPerSecond(FlowShare flow) {
        return flow.bytes() * 8e9 / nanos();
    }

    /** The flows' goodput together over the window, in bits per second. */
    public double totalBitsPerSecond() {
        return totalBytes() * 8e9 / nanos();
    }

    /** A flow's part of what all of them got, in [0, 1]; 0 if none got anything. */
    public double share(FlowShare flow) {
        long total = totalBytes();
        return total == 0 ? 0 : (double) flow.bytes() / total;
    }

    /**
     * Jain's fairness index (Jain, Chiu and Hawe, 1984) of the flows' bytes in the window:
     * (Σx)² / (n·Σx²), 1 when all got the same, 1/n when one got everything; 1 if none got anything.
     */
    public double jainIndex() {
        double sum = 0;
        double sumOfSquares = 0;
        for (FlowShare f : flows) {
            sum += f.bytes();
            sumOfSquares += (double) f.bytes() * f.bytes();
        }
        return sumOfSquares == 0 ? 1 : sum * sum / (flows.size() * sumOfSquares);
    }
}
