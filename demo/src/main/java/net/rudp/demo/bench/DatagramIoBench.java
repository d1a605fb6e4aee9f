package net.rudp.demo.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import net.rudp.demo.cli.Converters;
import net.rudp.demo.transfer.CpuClock;
import net.rudp.io.batch.BatchedUdpSocket;
import net.rudp.io.batch.BatchedUdpSockets;
import net.rudp.io.batch.IncomingBatch;
import net.rudp.io.batch.OutgoingBatch;
import net.rudp.io.batch.UdpCounters;
import net.rudp.io.batch.UdpSocketConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code io-bench}: the datagram layer alone ({@code net.rudp.io.batch}) on loopback, one run
 * for every way it can move 1200-byte datagrams: the plain path's one system call per datagram
 * each end (the raw UDP blast the issue measures rudp against), {@code sendmmsg}/{@code recvmmsg}
 * batches, UDP GSO runs, and GSO runs received as GRO trains. Datagrams/s, MB/s and CPU ns per
 * byte of the whole process (sender and receiver are two threads of it), each as a ratio to the
 * plain path measured in the same run.
 *
 * <p>Like the raw UDP row of {@code bench}, the sender blasts with no flow control and the
 * receiver counts what arrives; what the receive buffer could not hold is gone, and the
 * delivered fraction says how much that was. The headroom the fast path gives rudp is the
 * delivered rate and the CPU per byte against the plain path.
 */
@Command(name = "io-bench", mixinStandardHelpOptions = true,
    description = {"The UDP datagram layer alone on loopback: plain sends vs sendmmsg vs GSO, receive with and without GRO.",
        "Sender and receiver are threads of this process; 1200-byte datagrams blasted without flow control;",
        "prints datagrams/s, MB/s delivered and CPU ns per byte, with ratios to the plain path, medians of --runs.",
        "Run it alone: flock /tmp/rudp-bench.lock ./demo.sh io-bench"})
public final class DatagramIoBench implements Callable<Integer> {
    static final int DATAGRAM = 1200;
    /** Datagrams per send() call: five GSO runs of 54 (54 x 1200 is the most under the 64 KiB a GSO message carries). */
    static final int BATCH = 256;
    /** The receiver ends once the sender is done and nothing arrived for this long. */
    private static final long QUIET_NANOS = 200_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--size", defaultValue = "256MiB", converter = Converters.Size.class, paramLabel = "SIZE",
        description = "Payload per run (default ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
        description = "Measured runs per mode, interleaved; the table shows medians (default ${DEFAULT-VALUE}).")
    int runs;

    /** A way to move datagrams: how the two ends are opened. */
    record Mode(String name, UdpSocketConfig sender, boolean fastSender, UdpSocketConfig receiver, boolean fastReceiver) {}

    static List<Mode> modes() {
        UdpSocketConfig noOffloads = UdpSocketConfig.DEFAULT.withOffloads(false, false).withReceiveBatch(64, 2048);
        UdpSocketConfig gso = UdpSocketConfig.DEFAULT.withOffloads(true, false).withReceiveBatch(64, 2048);
        UdpSocketConfig gro = UdpSocketConfig.DEFAULT.withOffloads(true, true);
        return List.of(
            new Mode("plain: one send / one receive per datagram", UdpSocketConfig.DEFAULT, false, UdpSocketConfig.DEFAULT, false),
            new Mode("sendmmsg -> recvmmsg", noOffloads, true, noOffloads, true),
            new Mode("GSO runs -> recvmmsg (no GRO)", gso, true, noOffloads, true),
            new Mode("GSO runs -> GRO trains", gso, true, gro, true));
    }

    /** One run's outcome. */
    record Run(long sentDatagrams, long deliveredDatagrams, long deliveredBytes, long elapsedNanos, long cpuNanos,
               long sendCalls, long receiveCalls) {
        double datagramsPerSecond() {
            return deliveredDatagrams * 1e9 / elapsedNanos;
        }

        double megabytesPerSecond() {
            return deliveredBytes * 1e3 / elapsedNanos;
        }

        double cpuNanosPerByte() {
            return (double) cpuNanos / deliveredBytes;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!BatchedUdpSockets.fastPathChosen()) {
            out.println("io-bench compares the fast path with the plain one, and there is none here: " + BatchedUdpSockets.status());
            return 1;
        }
        out.println("UDP datagram layer: " + BatchedUdpSockets.status());
        out.printf(Locale.ROOT, "%d-byte datagrams, %s per run, %d runs per mode (median shown), loopback%n",
            DATAGRAM, net.rudp.demo.Units.formatSize(size), runs);
        for (Mode m : modes()) run(m, Math.min(size, 32L << 20)); // warm-up: JIT and socket buffers
        Map<Mode, List<Run>> results = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            for (Mode m : modes()) {
                System.gc();
                results.computeIfAbsent(m, k -> new ArrayList<>()).add(run(m, size));
            }
        }
        print(out, results);
        return 0;
    }

    private static void print(PrintWriter out, Map<Mode, List<Run>> results) {
        Run plain = median(results.values().iterator().next());
        out.printf(Locale.ROOT, "%-44s %12s %9s %9s %10s %9s %10s %14s%n", "mode", "datagrams/s", "MB/s", "x plain",
            "CPU ns/B", "x plain", "delivered", "calls/1000 s|r");
        for (Map.Entry<Mode, List<Run>> e : results.entrySet()) {
            Run m = median(e.getValue());
            out.printf(Locale.ROOT, "%-44s %12.0f %9.1f %9.2f %10.2f %9.2f %9.1f%% %7.1f|%-6.1f%n", e.getKey().name(),
                m.datagramsPerSecond(), m.megabytesPerSecond(), m.megabytesPerSecond() / plain.megabytesPerSecond(),
                m.cpuNanosPerByte(), m.cpuNanosPerByte() / plain.cpuNanosPerByte(),
                100.0 * m.deliveredDatagrams() / m.sentDatagrams(),
                1000.0 * m.sendCalls() / m.sentDatagrams(), 1000.0 * m.receiveCalls() / Math.max(1, m.deliveredDatagrams()));
        }
        out.println("x plain: the ratio to the plain path in this run. CPU: the whole process, both ends"
            + " (on loopback the kernel's receive work runs on the sending thread, so it is counted too).");
    }

    /** The run with the median delivered rate. */
    static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(Run::megabytesPerSecond));
        return sorted.get(sorted.size() / 2);
    }

    /** Blasts {@code payload} bytes of datagrams from a sender thread and counts what the receiver gets. */
    static Run run(Mode mode, long payload) throws IOException, InterruptedException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (BatchedUdpSocket receiver = open(mode.fastReceiver(), loopback, mode.receiver());
             BatchedUdpSocket sender = open(mode.fastSender(), loopback, mode.sender())) {
            long datagrams = Math.ceilDiv(payload, DATAGRAM);
            InetSocketAddress to = receiver.localAddress();
            long cpuStart = CpuClock.processCpuNanos();
            long start = System.nanoTime();
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> blast(sender, to, datagrams));
            long[] delivered = receiveUntilQuiet(receiver, datagrams, sent);
            long cpu = CpuClock.processCpuNanos() - cpuStart;
            awaitSender(sent);
            UdpCounters s = sender.counters();
            return new Run(datagrams, delivered[0], delivered[1], delivered[2] - start, cpu, s.sendCalls(),
                receiver.counters().receiveCalls());
        }
    }

    private static BatchedUdpSocket open(boolean fast, InetSocketAddress local, UdpSocketConfig config) throws IOException {
        return fast ? BatchedUdpSockets.openFast(local, config) : BatchedUdpSockets.openPlain(local, config);
    }

    /** Sends {@code datagrams} datagrams of {@link #DATAGRAM} bytes (their content left as the buffer holds it), {@link #BATCH} per send. */
    private static void blast(BatchedUdpSocket sender, InetSocketAddress to, long datagrams) {
        OutgoingBatch batch = sender.outgoing();
        try {
            for (long left = datagrams; left > 0; ) {
                while (left > 0 && batch.size() < BATCH) {
                    ByteBuffer into = batch.begin(to, DATAGRAM);
                    if (into == null) break;
                    into.position(into.position() + DATAGRAM);
                    batch.commit();
                    left--;
                }
                sender.send();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Returns {datagrams, bytes, time of the last arrival}. */
    private static long[] receiveUntilQuiet(BatchedUdpSocket receiver, long expected, CompletableFuture<Void> sent) throws IOException {
        long datagrams = 0;
        long bytes = 0;
        long last = System.nanoTime();
        IncomingBatch in = receiver.incoming();
        while (datagrams < expected) {
            if (!receiver.awaitReadable(QUIET_NANOS) && sent.isDone()) break;
            if (receiver.receive() == 0) continue;
            while (in.next()) {
                datagrams++;
                bytes += in.datagram().remaining();
            }
            last = System.nanoTime();
        }
        return new long[] {datagrams, bytes, last};
    }

    private static void awaitSender(CompletableFuture<Void> sent) throws IOException, InterruptedException {
        try {
            sent.get();
        } catch (ExecutionException e) {
            throw new IOException("the sender failed", e.getCause());
        }
    }
}
