package net.rudp.demo.ping;

import java.util.Locale;
import net.rudp.demo.Units;
import net.rudp.demo.tools.LatencyStats;

/** ping's lines: the header, one per reply, and the closing statistics, worded as iputils' ping words them. */
final class PingReport {
    private PingReport() {}

    /** {@code PING 127.0.0.1:9000 (rudp): 64 data bytes}. */
    static String header(String target, String transport, int size) {
        return "PING " + target + " (" + transport + "): " + size + " data bytes";
    }

    /** {@code 64 bytes from 127.0.0.1:9000: seq=1 time=0.123 ms}, marked when it came too late to count. */
    static String reply(String from, int size, Pinger.Reply reply) {
        return size + " bytes from " + from + ": seq=" + reply.seq() + " time=" + millis(reply.rttNanos()) + " ms"
            + (reply.late() ? " (late: counted as lost)" : "");
    }

    /** The closing lines: counts and loss, then the round trips of the replies received. */
    static String summary(String target, PingSummary s) {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(target).append(" ping statistics ---\n");
        out.append(s.transmitted()).append(" messages transmitted, ").append(s.received()).append(" received, ")
            .append(Units.formatPercent(s.loss())).append(" loss");
        if (s.lost() > 0) {
            out.append(" (").append(s.late()).append(" late, ").append(s.unanswered()).append(" unanswered)");
        }
        out.append(", time ").append(Math.round(s.elapsed() / 1e6)).append("ms\n");
        s.rtt().ifPresent(rtt -> out.append(roundTrips(rtt)));
        return out.toString();
    }

    private static String roundTrips(LatencyStats rtt) {
        return String.format(Locale.ROOT, "rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\nrtt p50/p99 = %.3f/%.3f ms\n",
            rtt.min() / 1e6, rtt.mean() / 1e6, rtt.max() / 1e6, rtt.mdev() / 1e6, rtt.p50() / 1e6, rtt.p99() / 1e6);
    }

    /** Milliseconds with three significant digits, as ping prints a reply's time: 0.123, 1.23, 12.3, 123. */
    static String millis(long nanos) {
        double ms = nanos / 1e6;
        String format = ms < 1 ? "%.3f" : ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, format, ms);
    }
}
