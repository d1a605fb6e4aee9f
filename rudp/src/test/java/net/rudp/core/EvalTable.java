package net.rudp.core;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/** The evaluation table (controller × scenario) in markdown, as spec/EVALUATION.md carries it. */
final class EvalTable {
    private EvalTable() {}

    static String markdown(List<EvalResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("| scenario | controllers | goodput (Mbit/s) | bottleneck utilization | retransmitted | Jain's index | start-up goodput, s 0-" + EvalScenarios.STARTUP / EvalScenarios.S + " | data |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (EvalResult r : results) {
            b.append("| ").append(r.scenario())
                .append(" | ").append(String.join(" + ", r.controllers()))
                .append(" | ").append(join(r.goodput(), " + ", x -> format("%.2f", x / 1e6)))
                .append(r.goodput().size() > 1 ? format(" = %.2f", r.totalGoodput() / 1e6) : "")
                .append(" | ").append(format("%.1f%%", 100 * r.utilization()))
                .append(" | ").append(join(r.retransmissionRate(), " / ", x -> format("%.2f%%", 100 * x)))
                .append(" | ").append(Double.isNaN(r.jain()) ? "-" : format("%.3f", r.jain()))
                .append(" | ").append(Double.isNaN(r.startupGoodput()) ? "-" : format("%.2f", r.startupGoodput() / 1e6))
                .append(" | ").append(r.problems().isEmpty() ? "intact" : String.join("; ", r.problems()))
                .append(" |\n");
        }
        return b.toString();
    }

    private static String join(List<Double> xs, String separator, DoubleFunction<String> f) {
        return xs.stream().map(f::apply).collect(Collectors.joining(separator));
    }

    private static String format(String pattern, double x) {
        return String.format(Locale.ROOT, pattern, x);
    }
}
