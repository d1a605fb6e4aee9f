package net.rudp.demo.perf;

import picocli.CommandLine.Command;

/** {@code perf}: iperf3's throughput test over TCP or rudp, a server and a client. */
@Command(name = "perf", mixinStandardHelpOptions = true,
    description = {"Throughput between two machines, as iperf3 measures it, over TCP or rudp.",
        "",
        "Run 'perf server' on one machine and 'perf client HOST' on another. The client",
        "opens a control connection and one data connection per stream; the streams",
        "send for -t seconds (or -n bytes), a line per interval shows what moved, and",
        "at the end both ends' totals are shown: what the sender sent and what the",
        "receiver received, with the sender's retransmissions. Each end first warms",
        "its JVM up with a 32 MiB transfer to itself on loopback (a cold JVM would",
        "spend the test's first second interpreting rudp)."},
    subcommands = {PerfServerCommand.class, PerfClientCommand.class},
    footer = {"", "Examples:", "  perf server                          (on 192.0.2.2)",
        "  perf client 192.0.2.2 -t 10 -i 1", "  perf client 192.0.2.2 --transport tcp -P 4 -R",
        "  perf client 192.0.2.2 -n 100MiB -b 50M -J > result.json"})
public final class PerfCommand {
}
