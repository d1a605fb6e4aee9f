package net.rudp.demo.ping;

import java.util.Optional;
import net.rudp.demo.tools.LatencyStats;

/**
 * What a ping run adds up to, as ping's closing lines print it.
 *
 * @param transmitted requests sent
 * @param received    replies back within the timeout
 * @param late        replies back after the timeout (counted as lost)
 * @param elapsed     nanoseconds from the first request to the end
 * @param rtt         the round trips of the replies received (empty if none)
 */
record PingSummary(long transmitted, long received, long late, long elapsed, Optional<LatencyStats> rtt) {

    /** Requests whose reply did not come back within the timeout, late or never. */
    long lost() {
        return transmitted - received;
    }

    /** Requests whose reply had not come back at all when the run ended. */
    long unanswered() {
        return lost() - late;
    }

    /** The fraction lost (0 when nothing was sent). */
    double loss() {
        return transmitted == 0 ? 0 : (double) lost() / transmitted;
    }
}
