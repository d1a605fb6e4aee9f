package net.rudp.demo.report;

import net.rudp.demo.Units;
import net.rudp.impair.LinkStats;

/** One direction of an emulated link's counters, as report lines print them. */
public final class LinkReports {
    private LinkReports() {}

    /** "1887 packets in, 1455 out (2.0 MiB); dropped: 19 by random loss, 413 by the full queue; 0 duplicated, 0 reordered". */
    public static String describe(LinkStats s) {
        return String.format("%d packets in, %d out (%s); dropped: %d by random loss, %d by the full queue; %d duplicated, %d reordered",
            s.offered(), s.delivered(), Units.formatSize(s.deliveredBytes()), s.droppedByLoss(), s.droppedByQueue(),
            s.duplicated(), s.reordered());
    }
}
