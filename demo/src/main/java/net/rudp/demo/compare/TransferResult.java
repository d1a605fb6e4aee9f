package net.rudp.demo.compare;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.rudp.demo.transfer.Verdict;
import net.rudp.demo.transport.TransportStats;

/**
 * One transport's bulk transfer, as measured by its two endpoint processes.
 *
 * @param transport        the transport's name
 * @param size             bytes the sender sent
 * @param sentSha256       SHA-256 of the bytes the sender sent, in hex
 * @param wall             from the sender starting to connect until it had the receiver's verdict
 * @param senderCpuNanos   the sender process's CPU time over that span
 * @param receiverCpuNanos the receiver process's CPU time from accept to its verdict
 * @param verdict          what the receiver found
 * @param stats            the sender's connection at the end, if its transport tells
 * @param samples          the receiver's progress over time, for charts
 * @param windows          the sender's connection over time (window, RTT), for charts
 * @param link             what the emulated link did during this transfer, if there was one
 */
public record TransferResult(String transport, long size, String sentSha256, Duration wall, long senderCpuNanos,
                             long receiverCpuNanos, Verdict verdict, Optional<TransportStats> stats,
                             List<Sample> samples, List<EndpointEvent.Window> windows, Optional<String> link) {
    public TransferResult {
        samples = List.copyOf(samples);
        windows = List.copyOf(windows);
    }

    /** True if every byte arrived, once and in order: the count, the pattern and the SHA-256 agree. */
    public boolean verified() {
        return verdict.verifies(size, sentSha256);
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
}
