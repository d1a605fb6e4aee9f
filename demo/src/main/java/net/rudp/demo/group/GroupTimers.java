package net.rudp.demo.group;

import java.time.Duration;
import java.util.List;
import net.rudp.ConnectionConfig;
import net.rudp.demo.cli.Converters;
import picocli.CommandLine.Option;

/**
 * The rudp timers that decide how fast a group notices a dead master: keepalive probes when
 * nothing came for a while, an idle timeout that ends the connection when nothing comes at all,
 * and how long a call to a member may take. The library's defaults (15 s, 60 s, 10 s) suit a
 * server; a group that should fail over in a second or two wants these.
 */
final class GroupTimers {
    @Option(names = "--keepalive", defaultValue = "200ms", converter = Converters.Time.class, paramLabel = "TIME",
        description = "rudp probes a connection that has been silent this long (default ${DEFAULT-VALUE}).")
    Duration keepalive;

    @Option(names = "--idle-timeout", defaultValue = "1s", converter = Converters.Time.class, paramLabel = "TIME",
        description = "rudp ends a connection silent this long: how a dead master is noticed (default ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--call-timeout", defaultValue = "2s", converter = Converters.Time.class, paramLabel = "TIME",
        description = "A member that does not answer a call within this counts as dead (default ${DEFAULT-VALUE}; a "
            + "dead member's closed port usually refuses at once).")
    Duration callTimeout;

    ConnectionConfig apply(ConnectionConfig config) {
        return config.toBuilder().keepaliveNanos(keepalive.toNanos()).idleTimeoutNanos(idleTimeout.toNanos())
            .connectTimeoutNanos(callTimeout.toNanos()).build();
    }

    Duration connectTimeout() {
        return callTimeout;
    }

    /** The same options for a member process. */
    List<String> asArguments() {
        return List.of("--keepalive", micros(keepalive), "--idle-timeout", micros(idleTimeout), "--call-timeout", micros(callTimeout));
    }

    private static String micros(Duration d) {
        return d.toNanos() / 1000 + "us";
    }
}
