package net.rudp.demo.compare;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.rudp.demo.transfer.Verdict;
import net.rudp.demo.transport.TransportStats;

/**
 * One flow's bulk transfer, as measured by its two endpoint processes.
 *
 * @param flow             the flow's name: its transport's, numbered if the run has that transport twice
 * @param transport        the transport's name
 * @param startNanos       when the flow started on its run's timeline: 0, or later for a staggered flow
 * @param requestedSize    bytes the sender was to send
 * @param size             bytes the sender sent: {@code requestedSize}, or less if its time ran out
 * @param sentSha256       SHA-256 of the bytes the sender sent, in hex
 * @param wall             from the sender starting to connect until it had the receiver's verdict
 * @param senderCpuNanos   the sender process's CPU time over that span
 * @param receiverCpuNanos the receiver process's CPU time from accept to its verdict
 * @param verdict          what the receiver found
 * @param stats            the sender's connection at the end, if its transport tells
 * @param samples          the receiver's progress over time, for charts
 * @param windows          the sender's connection over time (window, RTT), for charts
 */
public record TransferResult(String flow, String transport, long startNanos, long requestedSize, long size,
                             String sentSha256, Duration wall, long senderCpuNanos, long receiverCpuNanos,
                             Verdict verdict, Optional<TransportStats> stats, List<Sample> samples,
                             List<EndpointEvent.Window> windows) {
    public TransferResult {
        samples = List.copyOf(samples);
        windows = List.copyOf(windows);
    }

    /** True if every byte arrived, once and in order: the count, the pattern and the SHA-256 agree. */
    public boolean verified() {
        return verdict.verifies(size, sentSha256);
    }

    /** True if the sender's time limit ended the stream before {@link #requestedSize}. */
    public boolean timeLimited() {
        return size < requestedSize;
    }

    /** Why {@link #verified()} is false, for people. */
    public String verificationFailure() {
        return verdict.describeFailure(size, sentSha256);
    }

    /** Verified bytes per second of wall time, in bits. */
    public double throughputBitsPerSecond() {
        return size * 8.0 / (wall.toNanos() / 1e9);
    }

    /** Sender plus receiver CPU time. */
    public long cpuNanos() {
        return senderCpuNanos + receiverCpuNanos;
    }

    /** Sender plus receiver CPU nanoseconds per byte moved. */
    public double cpuNanosPerByte() {
        return (double) cpuNanos() / size;
    }

    /**
     * The median of the sender's smoothed RTT over the transfer (its samples every
     * {@link CompareSettings#sampleEvery()}), or the one at the end if there are none: how much
     * queue the flow kept standing, where the RTT at the end says only how the transfer ended.
     */
    public Optional<Long> medianSmoothedRttNanos() {
        if (windows.isEmpty()) {
            return stats.map(TransportStats::smoothedRttNanos);
        }
        long[] rtts = windows.stream().mapToLong(w -> w.stats().smoothedRttNanos()).sorted().toArray();
        return Optional.of(rtts[rtts.length / 2]);
    }

    /** Bytes the receiver had verified {@code nanos} after the flow started (its timeline, from 0), interpolated between samples. */
    public long bytesAt(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        Sample before = new Sample(0, 0);
        for (Sample s : samples) {
            if (s.elapsedNanos() >= nanos) {
                long span = s.elapsedNanos() - before.elapsedNanos();
                return span <= 0 ? s.bytes()
                    : before.bytes() + Math.round((double) (s.bytes() - before.bytes()) * (nanos - before.elapsedNanos()) / span);
            }
            before = s;
        }
        return before.bytes();
    }

    /** How long the receiver took from accepting to its last sample (the whole stream). */
    public long activeNanos() {
        return samples.isEmpty() ? 0 : samples.getLast().elapsedNanos();
    }
}
