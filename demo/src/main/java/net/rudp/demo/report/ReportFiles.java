package net.rudp.demo.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.rudp.demo.compare.Comparison;
import net.rudp.demo.compare.EndpointEvent;
import net.rudp.demo.compare.Fairness;
import net.rudp.demo.compare.LinkRun;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.transport.TransportStats;

/**
 * Writes a comparison to a directory: {@code results.json} (everything, samples included, and
 * for flows together how they shared the link),
 * {@code samples.csv} (goodput over time) and {@code windows.csv} (the senders' window, RTT and
 * retransmissions over time), for spreadsheets, and {@code compare.png} (the three as charts).
 */
public final class ReportFiles {
    private ReportFiles() {}

    /** Writes the files and returns their paths. */
    public static List<Path> write(Path dir, Comparison comparison) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve("results.json");
        Path samples = dir.resolve("samples.csv");
        Path windows = dir.resolve("windows.csv");
        Path png = dir.resolve("compare.png");
        Files.writeString(json, resultsJson(comparison) + "\n");
        Files.writeString(samples, samplesCsv(comparison.flows()));
        Files.writeString(windows, windowsCsv(comparison.flows()));
        CompareChart.write(png, comparison);
        return List.of(json, samples, windows, png);
    }

    static String resultsJson(Comparison comparison) {
        List<Object> runs = new ArrayList<>();
        for (int i = 0; i < comparison.runs().size(); i++) {
            LinkRun run = comparison.runs().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flows", run.flows().stream().map(TransferResult::flow).toList());
            m.put("command", comparison.commands().get(i));
            run.link().ifPresent(report -> m.put("link", List.of(report.split("\n"))));
            run.fairness().ifPresent(f -> m.put("sharing", sharing(f)));
            runs.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("path", comparison.path());
        root.put("together", comparison.together());
        root.put("samples_format", "[elapsed_ns since the receiver accepted, verified bytes received]");
        root.put("runs", runs);
        root.put("transfers", comparison.flows().stream().map(ReportFiles::transfer).toList());
        return Json.write(root);
    }

    private static Map<String, Object> transfer(TransferResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("flow", r.flow());
        m.put("transport", r.transport());
        m.put("start_ns", r.startNanos());
        m.put("requested_size_bytes", r.requestedSize());
        m.put("size_bytes", r.size());
        m.put("wall_ns", r.wall().toNanos());
        m.put("throughput_bits_per_s", r.throughputBitsPerSecond());
        m.put("sender_cpu_ns", r.senderCpuNanos());
        m.put("receiver_cpu_ns", r.receiverCpuNanos());
        m.put("cpu_ns_per_byte", r.cpuNanosPerByte());
        m.put("verified", r.verified());
        m.put("bytes_received", r.verdict().bytesReceived());
        m.put("first_mismatch", r.verdict().firstMismatch());
        m.put("sent_sha256", r.sentSha256());
        m.put("received_sha256", r.verdict().sha256());
        r.medianSmoothedRttNanos().ifPresent(rtt -> m.put("median_srtt_ns", rtt));
        r.stats().ifPresent(s -> m.put("sender_at_end", new EndpointEvent.Window(r.wall().toNanos(), s).fields()));
        m.put("samples", r.samples().stream().map(s -> List.<Object>of(s.elapsedNanos(), s.bytes())).toList());
        m.put("windows", r.windows().stream().map(EndpointEvent.Window::fields).toList());
        return m;
    }

    private static Map<String, Object> sharing(Fairness f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from_ns", f.fromNanos());
        m.put("to_ns", f.toNanos());
        m.put("jain_index", f.jainIndex());
        m.put("flows", f.flows().stream().map(share -> {
            Map<String, Object> flow = new LinkedHashMap<>();
            flow.put("flow", share.flow());
            flow.put("verified_bytes", share.bytes());
            flow.put("share", f.share(share));
            return flow;
        }).toList());
        return m;
    }

    /** Goodput over time; {@code elapsed_s} on the run's timeline (since the first flow of a run together started). */
    static String samplesCsv(List<TransferResult> results) {
        StringBuilder out = new StringBuilder("flow,elapsed_s,bytes,throughput_mbit_s\n");
        for (TransferResult r : results) {
            for (CompareChart.Point p : CompareChart.points(r)) {
                out.append(String.format(Locale.ROOT, "%s,%.3f,%d,%.3f%n", r.flow(), p.seconds(), p.bytes(), p.mbitPerSecond()));
            }
        }
        return out.toString();
    }

    static String windowsCsv(List<TransferResult> results) {
        StringBuilder out = new StringBuilder("flow,elapsed_s,cwnd_bytes,srtt_ms,min_rtt_ms,bytes_sent,bytes_retransmitted\n");
        for (TransferResult r : results) {
            for (EndpointEvent.Window w : r.windows()) {
                TransportStats s = w.stats();
                out.append(String.format(Locale.ROOT, "%s,%.3f,%d,%.3f,%.3f,%d,%d%n", r.flow(),
                    (r.startNanos() + w.elapsedNanos()) / 1e9, s.congestionWindowBytes(), s.smoothedRttNanos() / 1e6,
                    s.minRttNanos() / 1e6, s.bytesSent(), s.bytesRetransmitted()));
            }
        }
        return out.toString();
    }
}
