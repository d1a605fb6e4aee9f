package net.rudp.demo.perf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import net.rudp.demo.transport.TransportStats;

/**
 * Takes every stream's counters each {@code every} from a thread of its own, and a last time when
 * the test ends, so the intervals of a stream add up to its whole transfer.
 */
final class IntervalSampler implements AutoCloseable {
    private final List<PerfStream> streams;
    private final long start;
    private final Consumer<List<Interval>> onInterval;
    private final long[] bytesBefore;
    private final long[] retransmittedBefore;
    private final Thread thread;
    private long intervalStart;
    private volatile boolean finished;

    /** Starts sampling at the test's start, {@code startNanos}; {@code every} zero: only the last, whole-test interval. */
    IntervalSampler(List<PerfStream> streams, long startNanos, Duration every, Consumer<List<Interval>> onInterval) {
        this.streams = streams;
        this.start = startNanos;
        this.intervalStart = startNanos;
        this.onInterval = onInterval;
        this.bytesBefore = new long[streams.size()];
        this.retransmittedBefore = new long[streams.size()];
        this.thread = every.isZero() ? null : Thread.ofPlatform().daemon().name("perf-intervals").start(() -> {
            for (long next = start + every.toNanos(); !finished; next += every.toNanos()) {
                for (long wait = next - System.nanoTime(); wait > 0 && !finished; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                if (!finished) {
                    sample(next);
                }
            }
        });
    }

    /** Stops sampling; reports the interval from the last sample to {@code endNanos}, the test's end. */
    void finish(long endNanos) {
        close();
        if (endNanos > intervalStart) {
            sample(endNanos);
        }
    }

    @Override
    public void close() {
        finished = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void sample(long at) {
        List<Interval> intervals = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            PerfStream s = streams.get(i);
            long bytes = s.bytes();
            Optional<TransportStats> stats = s.sender() ? s.stats() : Optional.empty();
            long retransmitted = stats.map(TransportStats::bytesRetransmitted).orElse(retransmittedBefore[i]);
            intervals.add(new Interval(s.id(), s.sender(), intervalStart - start, at - start, bytes - bytesBefore[i],
                retransmitted - retransmittedBefore[i], stats));
            bytesBefore[i] = bytes;
            retransmittedBefore[i] = retransmitted;
        }
        intervalStart = at;
        onInterval.accept(intervals);
    }
}
