package net.rudp.demo.group;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.rudp.demo.DemoException;
import net.rudp.demo.cli.Converters;
import net.rudp.demo.cli.RudpOptions;
import net.rudp.demo.tools.ToolConverters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code group}: the seed's master and followers, each a process, with a failover when the master dies. */
@Command(name = "group", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"A group of member processes exchanging messages through a master, with failover.",
        "",
        "Starts --members processes on 127.0.0.1. Member 1 is the master; the others",
        "connect to it over rudp. Every member publishes --messages numbered messages;",
        "the master relays each to every other member, and each member prints what it",
        "receives, in order. When the master dies (--kill-master-after, or kill -9 it",
        "by hand: the pids are printed), the others notice through rudp's keepalive",
        "and idle timeout, call the members in id order and follow the lowest one alive,",
        "which takes over as master; nothing is lost or delivered twice (members re-send",
        "what the new master lacks, and drop what they have). At the end: the timeline",
        "of the failover and a check of every member's received messages."},
    footer = {"", "Examples:", "  group", "  group --members 5 --kill-master-after 5s",
        "  group --members 3 --messages 100 --interval 50ms --kill-master-after 2s -q"})
public final class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--members", defaultValue = "5", converter = ToolConverters.Count.class, paramLabel = "N",
        description = "Members, each a process (default ${DEFAULT-VALUE}; 2 to " + GroupMessage.MAX_MEMBERS + ").")
    int members;

    @Option(names = "--messages", defaultValue = "30", converter = ToolConverters.Count.class, paramLabel = "M",
        description = "Messages each member publishes (default ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--interval", defaultValue = "250ms", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Time between a member's messages (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--kill-master-after", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Kill the master's process (SIGKILL) this long after the start (default: never).")
    Duration killMasterAfter;

    @Option(names = "--base-port", defaultValue = "0", converter = ToolConverters.Port.class, paramLabel = "PORT",
        description = "Member i listens on PORT+i-1 (default 0: free ports chosen at the start).")
    int basePort;

    @Option(names = "--timeout", defaultValue = "60s", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Stop the members after this long, done or not (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the members' received messages, only events and the end.")
    boolean quiet;

    @Mixin
    GroupTimers timers;

    @Mixin
    RudpOptions rudp;

    @Override
    public Integer call() throws InterruptedException {
        if (members < 2 || members > GroupMessage.MAX_MEMBERS) {
            throw DemoException.usage("--members must be 2 to " + GroupMessage.MAX_MEMBERS + ": " + members);
        }
        rudp.config(); // a wrong --datagram is a usage error here, not in every member
        PrintWriter out = spec.commandLine().getOut();
        List<InetSocketAddress> peers = addresses();
        out.printf("group of %d members on 127.0.0.1 (ports %s) over rudp: each publishes %d messages, one per %s; "
                + "keepalive %s, idle timeout %s%n", members, ports(peers), messages, interval.toMillis() + " ms",
            timers.keepalive.toMillis() + " ms", timers.idleTimeout.toMillis() + " ms");
        out.flush();
        GroupRun run = new GroupRun(peers, memberArguments(peers), messages, out, quiet);
        return run.run(killMasterAfter, timeout) ? 0 : 1;
    }

    /** The members' addresses: consecutive ports from --base-port, or free ones. */
    private List<InetSocketAddress> addresses() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        List<InetSocketAddress> peers = new ArrayList<>();
        List<DatagramSocket> probes = new ArrayList<>();
        try {
            for (int i = 0; i < members; i++) {
                if (basePort != 0) {
                    peers.add(new InetSocketAddress(loopback, basePort + i));
                } else {
                    DatagramSocket probe = new DatagramSocket(new InetSocketAddress(loopback, 0)); // held until all are chosen
                    probes.add(probe);
                    peers.add(new InetSocketAddress(loopback, probe.getLocalPort()));
                }
            }
        } catch (IOException e) {
            throw DemoException.failure("cannot find " + members + " free UDP ports on loopback: " + e.getMessage());
        } finally {
            probes.forEach(DatagramSocket::close);
        }
        return peers;
    }

    /** Each member's command line after its id: the peers, the stream, the timers, rudp's options. */
    private List<String> memberArguments(List<InetSocketAddress> peers) {
        List<String> args = new ArrayList<>(List.of("--peers",
            String.join(",", peers.stream().map(net.rudp.demo.cli.HostPort::format).toList()),
            "--messages", Integer.toString(messages), "--interval", interval.toNanos() / 1000 + "us"));
        args.addAll(timers.asArguments());
        args.addAll(rudp.transport().endpointOptions());
        return args;
    }

    private static String ports(List<InetSocketAddress> peers) {
        return peers.stream().map(p -> Integer.toString(p.getPort())).reduce((a, b) -> a + ", " + b).orElse("");
    }
}
