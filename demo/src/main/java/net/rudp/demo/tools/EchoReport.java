package net.rudp.demo.tools;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Prints {@link EchoRun}s: a table per run, and two runs side by side. */
final class EchoReport {
    private EchoReport() {}

    /** A row per client (times since the clients were let go), then the totals. */
    static String table(EchoRun run) {
        TextTable table = new TextTable("client", "connected", "first echo", "rtt p50", "rtt p99", "rtt max", "done");
        for (ClientOutcome c : run.clients()) {
            switch (c) {
                case ClientOutcome.Served s -> table.row(s.client(), Nanos.format(s.connected()), Nanos.format(s.firstEcho()),
                    Nanos.format(s.roundTrips().p50()), Nanos.format(s.roundTrips().p99()), Nanos.format(s.roundTrips().max()),
                    Nanos.format(s.finished()));
                case ClientOutcome.Failed f -> table.row(f.client(), "-", "-", "-", "-", "-", "failed");
            }
        }
        StringBuilder out = new StringBuilder(table.text());
        run.failed().forEach(f -> out.append("client ").append(f.client()).append(": ").append(f.reason()).append('\n'));
        out.append(run.served().size()).append(" of ").append(run.clients().size()).append(" clients served in ")
            .append(Nanos.format(run.elapsed()));
        run.roundTrips().ifPresent(rtt -> out.append("; round trips p50 ").append(Nanos.format(rtt.p50()))
            .append(", p99 ").append(Nanos.format(rtt.p99())).append(", max ").append(Nanos.format(rtt.max())));
        return out.append('\n').toString();
    }

    /** The repetitive and the concurrent server's runs in two columns: the seed's lesson in numbers. */
    static String sideBySide(EchoRun repetitive, EchoRun concurrent) {
        List<EchoRun> runs = List.of(repetitive, concurrent);
        TextTable table = new TextTable("", "repetitive", "concurrent");
        table.row("all clients done after", Nanos.format(repetitive.elapsed()), Nanos.format(concurrent.elapsed()));
        row(table, runs, "first echo, first client", r -> extreme(r, ClientOutcome.Served::firstEcho, false));
        row(table, runs, "first echo, last client", r -> extreme(r, ClientOutcome.Served::firstEcho, true));
        row(table, runs, "first client done after", r -> extreme(r, ClientOutcome.Served::finished, false));
        row(table, runs, "round trip p50, all messages", r -> r.roundTrips().map(s -> Nanos.format(s.p50())).orElse("-"));
        row(table, runs, "clients failed", r -> Integer.toString(r.failed().size()));
        return table.text();
    }

    private static void row(TextTable table, List<EchoRun> runs, String label, Function<EchoRun, String> cell) {
        table.row(label, cell.apply(runs.get(0)), cell.apply(runs.get(1)));
    }

    /** The smallest (or largest) of a served client's time, formatted; "-" if nobody was served. */
    private static String extreme(EchoRun run, ToLongFunction<ClientOutcome.Served> time, boolean largest) {
        Comparator<ClientOutcome.Served> order = Comparator.comparingLong(time);
        return run.served().stream().max(largest ? order : order.reversed())
            .map(s -> Nanos.format(time.applyAsLong(s))).orElse("-");
    }
}
