package net.rudp.demo.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.rudp.demo.compare.EndpointEvent;
import net.rudp.demo.compare.TransferResult;
import net.rudp.demo.transport.TransportStats;

/**
 * Writes a comparison to a directory: {@code results.json} (everything, samples included),
 * {@code samples.csv} (goodput over time) and {@code windows.csv} (the senders' window, RTT and
 * retransmissions over time), for spreadsheets, and {@code compare.png} (the three as charts).
 */
public final class ReportFiles {
    private ReportFiles() {}

    /** Writes the files and returns their paths. */
    public static List<Path> write(Path dir, String pathDescription, List<TransferResult> results) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve("results.json");
        Path samples = dir.resolve("samples.csv");
        Path windows = dir.resolve("windows.csv");
        Path png = dir.resolve("compare.png");
        Files.writeString(json, resultsJson(pathDescription, results) + "\n");
        Files.writeString(samples, samplesCsv(results));
        Files.writeString(windows, windowsCsv(results));
        CompareChart.write(png, pathDescription, results);
        return List.of(json, samples, windows, png);
    }

    static String resultsJson(String pathDescription, List<TransferResult> results) {
        List<Object> transfers = new ArrayList<>();
        for (TransferResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("transport", r.transport());
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
            r.stats().ifPresent(s -> m.put("sender_at_end", new EndpointEvent.Window(r.wall().toNanos(), s).fields()));
            m.put("samples", r.samples().stream().map(s -> List.<Object>of(s.elapsedNanos(), s.bytes())).toList());
            m.put("windows", r.windows().stream().map(EndpointEvent.Window::fields).toList());
            r.link().ifPresent(report -> m.put("link", List.of(report.split("\n"))));
            transfers.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("path", pathDescription);
        root.put("samples_format", "[elapsed_ns since the receiver accepted, verified bytes received]");
        root.put("transfers", transfers);
        return Json.write(root);
    }

    static String samplesCsv(List<TransferResult> results) {
        StringBuilder out = new StringBuilder("transport,elapsed_s,bytes,throughput_mbit_s\n");
        for (TransferResult r : results) {
            for (CompareChart.Point p : CompareChart.points(r.samples())) {
                out.append(String.format(Locale.ROOT, "%s,%.3f,%d,%.3f%n", r.transport(), p.seconds(), p.bytes(), p.mbitPerSecond()));
            }
        }
        return out.toString();
    }

    static String windowsCsv(List<TransferResult> results) {
        StringBuilder out = new StringBuilder("transport,elapsed_s,cwnd_bytes,srtt_ms,min_rtt_ms,bytes_sent,bytes_retransmitted\n");
        for (TransferResult r : results) {
            for (EndpointEvent.Window w : r.windows()) {
                TransportStats s = w.stats();
                out.append(String.format(Locale.ROOT, "%s,%.3f,%d,%.3f,%.3f,%d,%d%n", r.transport(), w.elapsedNanos() / 1e9,
                    s.congestionWindowBytes(), s.smoothedRttNanos() / 1e6, s.minRttNanos() / 1e6, s.bytesSent(),
                    s.bytesRetransmitted()));
            }
        }
        return out.toString();
    }
}
