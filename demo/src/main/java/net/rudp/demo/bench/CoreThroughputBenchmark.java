package net.rudp.demo.bench;

import java.util.concurrent.TimeUnit;
import net.rudp.ConnectionConfig;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The sans-I/O core's CPU cost per byte, apart from system calls: two endpoints back to back in
 * memory ({@link InMemoryPair}) with a fixed virtual one-way delay, one connection streaming
 * {@value #BYTES_PER_OP} bytes per operation, at two datagram sizes and two receive batches
 * (which set how many data packets each ACK covers). Both endpoints run on the benchmark thread, so
 * the rate is what one core achieves doing both the sender's and the receiver's work.
 *
 * <p>Pacing is off: on a virtual clock it would only add timer wake-ups. The secondary results
 * {@code bytes}, {@code dataDatagrams} and {@code ackDatagrams} are per second; {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} divided by the datagrams per operation is the allocation per datagram. Results: demo/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoreThroughputBenchmark {
    /** Stream bytes one operation moves. */
    static final long BYTES_PER_OP = 16L << 20;
    /** Virtual one-way delay: a 100 us RTT, short enough that the receive window, not time, bounds the pipe. */
    static final long ONE_WAY_DELAY_NANOS = 50_000;

    @Param({"1200", "65507"})
    public int datagramSize;

    /** Datagrams an endpoint receives per wake-up before it flushes: 1, or the I/O driver's most (64). */
    @Param({"1", "64"})
    public int receiveBatch;

    private InMemoryPair pair;

    /** Stream bytes, DATA datagrams (client to server) and ACKs (server to client) moved; JMH reports them per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Moved {
        public long bytes;
        public long dataDatagrams;
        public long ackDatagrams;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            dataDatagrams = 0;
            ackDatagrams = 0;
        }
    }

    @Setup(Level.Trial)
    public void connect() {
        ConnectionConfig config = ConnectionConfig.builder().maxDatagramSize(datagramSize).pacing(false).build();
        pair = new InMemoryPair(config, ONE_WAY_DELAY_NANOS, receiveBatch, 1);
    }

    @Benchmark
    public long stream(Moved moved) {
        long dataBefore = pair.clientDatagrams();
        long acksBefore = pair.serverDatagrams();
        pair.transfer(BYTES_PER_OP, StreamContent.UNCHECKED);
        moved.bytes += BYTES_PER_OP;
        moved.dataDatagrams += pair.clientDatagrams() - dataBefore;
        moved.ackDatagrams += pair.serverDatagrams() - acksBefore;
        return pair.nowNanos();
    }
}
