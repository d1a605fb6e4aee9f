package net.rudp.demo.group;

import java.io.PrintStream;
import java.util.Map;
import net.rudp.demo.group.GroupMessage.Publish;
import net.rudp.demo.report.Json;

/**
 * What a member prints on stdout: a line per message it receives, in the order it delivers them
 * ({@code received 3#7 via 2}: member 3's seventh, relayed by master 2), and its events as JSON
 * lines with the wall-clock time ({@code {"event":"following","master":2,"t":...}}), from which
 * {@code group} draws its timeline.
 */
final class MemberOutput {
    private final PrintStream out;

    MemberOutput(PrintStream out) {
        this.out = out;
    }

    void received(Publish p, int via) {
        line("received " + p.origin() + "#" + p.seq() + " via " + via);
    }

    /** An event: its name, then its fields (key, value, key, value...). */
    void event(String name, Object... fields) {
        Map<String, Object> m = Json.object("event", name);
        m.putAll(Json.object(fields));
        m.put("t", System.currentTimeMillis());
        line(Json.write(m));
    }

    private void line(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
