package net.rudp.demo.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The failover as it happened: when the master went down, when each member noticed, when the
 * new master took over and when each member followed it, in seconds from the start and from the
 * master's end.
 */
final class Timeline {
    private final long startMillis;
    /** Each line with its time, sorted when read: the members' events come in whatever order their pipes deliver. */
    private final List<Map.Entry<Long, String>> lines = new ArrayList<>();
    private long downMillis = -1;
    private int downMember;
    private long lastFollowedMillis = -1;

    Timeline(long startMillis) {
        this.startMillis = startMillis;
    }

    /** The master {@code member} went down at {@code t}: {@code how} (killed, or exited). */
    void masterDown(int member, long t, String how) {
        if (downMillis < 0) {
            downMillis = t;
            downMember = member;
            lines.add(Map.entry(t, line(t) + "master " + member + " " + how));
        }
    }

    /** Takes the events that belong to a failover, once the master is down. */
    void event(MemberProcess.Event e) {
        if (downMillis < 0) {
            return;
        }
        if (List.of("lost-master", "master", "following").contains(e.name())) {
            String what = "member " + e.member() + " " + e.describe();
            lines.add(Map.entry(e.t(), line(e.t()) + what + String.format(Locale.ROOT, " (+%.2f s)", (e.t() - downMillis) / 1e3)));
            if (e.name().equals("following") || e.name().equals("master")) {
                lastFollowedMillis = Math.max(lastFollowedMillis, e.t());
            }
        }
    }

    List<String> lines() {
        return lines.stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }

    /** The master that went down, if one did. */
    Optional<Integer> downMember() {
        return downMillis < 0 ? Optional.empty() : Optional.of(downMember);
    }

    /** From the master's end until the last member followed the new one, if a failover happened. */
    Optional<Double> failoverSeconds() {
        return downMillis < 0 || lastFollowedMillis < 0 ? Optional.empty() : Optional.of((lastFollowedMillis - downMillis) / 1e3);
    }

    private String line(long t) {
        return String.format(Locale.ROOT, "  %6.2f  ", (t - startMillis) / 1e3);
    }
}
