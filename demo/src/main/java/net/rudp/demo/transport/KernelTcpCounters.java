package net.rudp.demo.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Kernel TCP counters of the calling process's network namespace, read from Linux's
 * {@code /proc/net/snmp} (the {@code Tcp:} lines) and {@code /proc/sys/net/ipv4}.
 *
 * <p>Java cannot read a socket's own {@code TCP_INFO}, so these counters cover every TCP
 * connection in the namespace: exact inside the test bed's private namespaces, an upper bound on
 * a shared host. They are empty on systems without {@code /proc}.
 */
final class KernelTcpCounters {
    private static final Path SNMP = Path.of("/proc/net/snmp");
    private static final Path CONGESTION_CONTROL = Path.of("/proc/sys/net/ipv4/tcp_congestion_control");

    /** The scope printed next to these counters. */
    static final String SCOPE = "all TCP in this network namespace (/proc/net/snmp)";

    private KernelTcpCounters() {}

    /** Segments sent and retransmitted so far, if {@code /proc/net/snmp} exists. */
    record Segments(long sent, long retransmitted) {
        Segments minus(Segments earlier) {
            return new Segments(sent - earlier.sent, retransmitted - earlier.retransmitted);
        }
    }

    static Optional<Segments> read() {
        try {
            return Optional.of(parse(Files.readAllLines(SNMP)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the two {@code Tcp:} lines: a header of counter names, then their values. */
    static Segments parse(List<String> snmpLines) {
        List<String> tcp = snmpLines.stream().filter(l -> l.startsWith("Tcp:")).toList();
        if (tcp.size() != 2) {
            throw new IllegalArgumentException("/proc/net/snmp must have a Tcp: header line and a Tcp: value line, found " + tcp.size());
        }
        List<String> names = List.of(tcp.get(0).trim().split("\\s+"));
        String[] values = tcp.get(1).trim().split("\\s+");
        return new Segments(value(names, values, "OutSegs"), value(names, values, "RetransSegs"));
    }

    private static long value(List<String> names, String[] values, String name) {
        int i = names.indexOf(name);
        if (i < 0 || i >= values.length) {
            throw new IllegalArgumentException("/proc/net/snmp has no Tcp counter " + name);
        }
        return Long.parseLong(values[i]);
    }

    /** The namespace's default congestion controller (sockets use it unless they ask otherwise). */
    static String congestionControl() {
        try {
            return Files.readString(CONGESTION_CONTROL).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
