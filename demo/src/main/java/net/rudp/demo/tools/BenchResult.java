package net.rudp.demo.tools;

import java.util.Comparator;
import java.util.List;

/**
 * One contender's measured transfer.
 *
 * @param contender what moved the bytes, e.g. {@code rudp 1200}
 * @param packets   how it cut them into packets, e.g. {@code 1200 B datagrams}
 * @param congestion the congestion controller, {@code none} for raw UDP
 * @param payload   bytes the sender sent
 * @param delivered bytes the receiver got (less than {@code payload} only for raw UDP, which drops)
 * @param elapsed   nanoseconds from the sender's first byte to the receiver's last
 * @param cpu       CPU nanoseconds the process used meanwhile: sender, receiver and the JVM
 */
record BenchResult(String contender, String packets, String congestion, long payload, long delivered, long elapsed, long cpu) {

    /** The run of median time (for an even count, the slower of the middle two): all of one run's numbers, never a mix. */
    static BenchResult median(List<BenchResult> runs) {
        List<BenchResult> byTime = runs.stream().sorted(Comparator.comparingLong(BenchResult::elapsed)).toList();
        return byTime.get(byTime.size() / 2);
    }

    /** Delivered megabytes (10^6 bytes) per second. */
    double megabytesPerSecond() {
        return delivered / (elapsed / 1e9) / 1e6;
    }

    double cpuSeconds() {
        return cpu / 1e9;
    }

    /** CPU nanoseconds per delivered byte: what moving a byte costs, both ends together. */
    double cpuNanosPerByte() {
        return (double) cpu / delivered;
    }

    /** The fraction of the payload that arrived. */
    double deliveredFraction() {
        return (double) delivered / payload;
    }
}
