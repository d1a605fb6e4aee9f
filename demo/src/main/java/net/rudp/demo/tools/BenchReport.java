package net.rudp.demo.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.rudp.demo.Units;

/** {@code bench}'s results as a terminal table, markdown and CSV, with ratios against the baselines. */
final class BenchReport {
    private BenchReport() {}

    static TextTable table(List<BenchResult> results) {
        TextTable table = new TextTable(3, "contender", "packets", "congestion", "delivered", "time", "MB/s", "CPU s", "CPU ns/B");
        for (BenchResult r : results) {
            String delivered = Units.formatSize(r.delivered())
                + (r.delivered() == r.payload() ? "" : String.format(Locale.ROOT, " (%.1f%%)", 100 * r.deliveredFraction()));
            table.row(r.contender(), r.packets(), r.congestion(), delivered, Nanos.format(r.elapsed()),
                String.format(Locale.ROOT, "%.1f", r.megabytesPerSecond()),
                String.format(Locale.ROOT, "%.2f", r.cpuSeconds()),
                String.format(Locale.ROOT, "%.2f", r.cpuNanosPerByte()));
        }
        return table;
    }

    /**
     * A line per result that is not a baseline, per baseline: how its throughput and CPU per byte
     * compare, e.g. {@code rudp 1200 / tcp: throughput 0.21x, CPU per byte 4.10x}.
     */
    static List<String> ratios(List<BenchResult> results, List<String> baselines) {
        List<String> lines = new ArrayList<>();
        for (BenchResult r : results) {
            if (baselines.contains(r.contender())) {
                continue;
            }
            for (String name : baselines) {
                Optional<BenchResult> base = results.stream().filter(b -> b.contender().equals(name)).findFirst();
                base.ifPresent(b -> lines.add(String.format(Locale.ROOT, "%s / %s: throughput %.2fx, CPU per byte %.2fx",
                    r.contender(), b.contender(), r.megabytesPerSecond() / b.megabytesPerSecond(),
                    r.cpuNanosPerByte() / b.cpuNanosPerByte())));
            }
        }
        return lines;
    }

    /** For the terminal: the table, the ratios, the notes. */
    static String text(List<BenchResult> results, List<String> baselines, List<String> notes) {
        StringBuilder out = new StringBuilder(table(results).text()).append('\n');
        ratios(results, baselines).forEach(line -> out.append(line).append('\n'));
        notes.forEach(note -> out.append("  ").append(note).append('\n'));
        return out.toString();
    }

    /** For a report file: the command, the table, the ratios and the notes. */
    static String markdown(String command, List<BenchResult> results, List<String> baselines, List<String> notes) {
        StringBuilder out = new StringBuilder("# rudp-demo bench\n\n`").append(command).append("`\n\n");
        out.append(table(results).markdown()).append('\n');
        ratios(results, baselines).forEach(line -> out.append("- ").append(line).append('\n'));
        out.append('\n');
        notes.forEach(note -> out.append("- ").append(note).append('\n'));
        return out.toString();
    }

    /** Every run, a line each, in plain units: bytes, seconds, 10^6 bytes per second, nanoseconds per byte. */
    static String csv(List<List<BenchResult>> runsPerContender) {
        StringBuilder out = new StringBuilder(
            "contender,run,packets,congestion,payload_bytes,delivered_bytes,seconds,mb_per_s,cpu_seconds,cpu_ns_per_byte\n");
        for (List<BenchResult> runs : runsPerContender) {
            for (int i = 0; i < runs.size(); i++) {
                BenchResult r = runs.get(i);
                out.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%d,%d,%.6f,%.3f,%.6f,%.4f\n", r.contender(), i + 1,
                    r.packets(), r.congestion(), r.payload(), r.delivered(), r.elapsed() / 1e9, r.megabytesPerSecond(),
                    r.cpuSeconds(), r.cpuNanosPerByte()));
            }
        }
        return out.toString();
    }
}
