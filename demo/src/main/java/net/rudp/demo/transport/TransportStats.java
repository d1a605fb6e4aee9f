package net.rudp.demo.transport;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A snapshot of a connection's counters, as far as its transport exposes them.
 *
 * @param congestionControl the congestion controller's name, e.g. {@code "cubic"}
 * @param retransmissions   segments or packets sent again, if known
 * @param packetsSent       segments or packets sent in all, if known
 * @param scope             what the counters cover, e.g. "this connection" or "all TCP in this
 *                          network namespace (/proc/net/snmp)"; reports print it next to them
 */
public record TransportStats(String congestionControl, OptionalLong retransmissions,
                             OptionalLong packetsSent, String scope) {
    public TransportStats {
        Objects.requireNonNull(congestionControl, "congestionControl");
        Objects.requireNonNull(retransmissions, "retransmissions");
        Objects.requireNonNull(packetsSent, "packetsSent");
        Objects.requireNonNull(scope, "scope");
    }
}
