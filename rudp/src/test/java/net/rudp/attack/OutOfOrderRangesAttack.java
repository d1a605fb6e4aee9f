package net.rudp.attack;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import net.rudp.api.RudpSocket;

/**
 * A connected peer sends 1-byte segments at stream offsets 2, 4, 6, ...: every one would open a
 * new out-of-order range at the server, which holds at most 1,024 (spec 10.5) and drops the rest.
 * Measures the server's cost per segment as the ranges pile up (batch time, {@link BatchTimer}),
 * meanwhile another client's echo round trips on the same endpoint, then asks the server what it
 * holds: the highest range its ACK SACKs tells how many ranges it kept.
 *
 * @param segments  1-byte segments to send (ranges held at the end)
 * @param batch     segments per timed batch
 */
record OutOfOrderRangesAttack(int segments, int batch) {

    static OutOfOrderRangesAttack sized() {
        return new OutOfOrderRangesAttack(AttackScale.size("ranges", 60_000, 300_000), 500);
    }

    /**
     * @param microsPerSegment the median cost per segment in each tenth of the run
     * @param rangesHeld       out-of-order ranges the server holds at the end, from the highest range it SACKs
     * @param heapGrowth       live heap after the attack minus before it
     */
    record Result(int segments, double[] microsPerSegment, Percentiles rttBefore, Percentiles rttDuring, long rangesHeld,
                  long heapGrowth) {
        String line() {
            StringBuilder trend = new StringBuilder();
            for (int i = 0; i < microsPerSegment.length; i++) {
                trend.append(String.format("%s%,d: %.1f", i == 0 ? "" : ", ", (i + 1) * segments / microsPerSegment.length, microsPerSegment[i]));
            }
            return String.format("out-of-order ranges: us per segment by segments sent {%s}; the server holds %,d ranges "
                    + "afterwards, live heap %+,d bytes; another client's echo round trip "
                    + "p99 %.2f ms before, %.2f ms during (p50 %.2f -> %.2f ms, %d samples)", trend, rangesHeld, heapGrowth,
                rttBefore.at(99) / 1e6, rttDuring.at(99) / 1e6, rttBefore.at(50) / 1e6, rttDuring.at(50) / 1e6, rttDuring.count());
        }
    }

    Result run() throws Exception {
        try (Target target = new Target(Target.Mode.ECHO);
             AttackSocket attacker = new AttackSocket(80);
             RudpSocket other = new RudpSocket();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            InetSocketAddress server = target.address();
            other.connect(server, 5_000);
            Percentiles before = new Percentiles(roundTrips(other, 500, null));
            RawConnection c = RawConnection.open(attacker, server, 99, 4_242, 2_000);
            if (c == null) throw new AssertionError("handshake failed before any attack");
            if (Integer.toUnsignedLong(c.window()) < 2L * segments + 2) throw new AssertionError("window " + c.window() + " too small");
            long heapBefore = HeapGauge.liveBytes();
            AtomicBoolean attacking = new AtomicBoolean(true);
            Future<long[]> during = threads.submit(() -> roundTrips(other, Integer.MAX_VALUE, attacking));
            double[] trend = sendRanges(c);
            attacking.set(false);
            Percentiles rttDuring = new Percentiles(during.get());
            long rangesHeld = rangesHeld(c.sackedRanges(5_000));
            return new Result(segments, trend, before, rttDuring, rangesHeld, HeapGauge.liveBytes() - heapBefore);
        }
    }

    /** Ranges [2k, 2k + 1) for k = 1..n held: the highest SACKed end is 2n + 1; -1 if the server did not answer. */
    private static long rangesHeld(long[][] sacked) {
        if (sacked == null) return -1;
        long highest = 0;
        for (long[] r : sacked) highest = Math.max(highest, r[1]);
        return (highest - 1) / 2;
    }

    /** The median cost per segment of the batches in each tenth of the run. */
    private double[] sendRanges(RawConnection c) {
        int batches = segments / batch;
        long[][] nanos = new long[10][(batches + 9) / 10];
        int[] counts = new int[10];
        for (int b = 0; b < batches; b++) {
            int first = b * batch;
            int marker = 0x6000_0000 + b;
            long t = BatchTimer.time(c.socket(), () -> {
                for (int i = first; i < first + batch; i++) c.send(c.data(2L * (i + 1), new byte[] {7}));
            }, () -> c.send(Wire.bare(c.header(0, 0).withType(Wire.PROBE).withTsval(marker))),
                d -> Wire.type(d) == Wire.ACK && Wire.u32(d, Wire.OFF_TSECR) == marker, 5_000);
            int tenth = Math.min(9, b * 10 / batches);
            if (t > 0) nanos[tenth][counts[tenth]++] = t;
        }
        double[] trend = new double[10];
        for (int i = 0; i < 10; i++) {
            trend[i] = new Percentiles(java.util.Arrays.copyOf(nanos[i], counts[i])).at(50) / 1e3 / batch;
        }
        return trend;
    }

    /** Echo round trips of 64 bytes, {@code count} of them or while {@code running}; nanoseconds each. */
    private static long[] roundTrips(RudpSocket socket, int count, AtomicBoolean running) throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        byte[] ping = new byte[64];
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < count && (running == null || running.get()); i++) {
            long start = System.nanoTime();
            out.write(ping);
            in.readNBytes(ping.length);
            samples.add(System.nanoTime() - start);
        }
        return samples.stream().mapToLong(Long::longValue).toArray();
    }
}
