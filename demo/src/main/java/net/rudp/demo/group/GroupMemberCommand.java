package net.rudp.demo.group;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import net.rudp.ConnectionConfig;
import net.rudp.demo.cli.Converters;
import net.rudp.demo.cli.RudpOptions;
import net.rudp.demo.transport.RudpTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * One member of a {@code group}, as a process of its own (the launcher starts one per member).
 * It listens, says so, waits for "go" on stdin (so nobody calls a member not yet listening),
 * then publishes and delivers until its stdin ends. Not for people: hidden from --help.
 */
@Command(name = "internal-group-member", hidden = true, mixinStandardHelpOptions = true,
    description = "One member of a group, started by the group command; prints received lines and JSON events.")
public final class GroupMemberCommand implements Callable<Integer> {
    @Option(names = "--id", required = true, description = "This member's id, from 1.")
    int id;

    @Option(names = "--peers", required = true, split = ",", converter = Converters.Address.class,
        description = "Every member's HOST:PORT, member 1 first.")
    List<InetSocketAddress> peers;

    @Option(names = "--messages", required = true, description = "Messages to publish.")
    int messages;

    @Option(names = "--interval", required = true, converter = Converters.Time.class, description = "Time between them.")
    Duration interval;

    @Mixin
    GroupTimers timers;

    @Mixin
    RudpOptions rudp;

    @Override
    public Integer call() throws IOException {
        ConnectionConfig config = timers.apply(rudp.config());
        MemberOutput out = new MemberOutput(System.out);
        Member member = new Member(new Member.Settings(id, peers, messages, interval, timers.connectTimeout()),
            new RudpTransport(config), out);
        member.listen();
        out.event("listening", "port", peers.get(id - 1).getPort(), "pid", ProcessHandle.current().pid());
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"go".equals(stdin.readLine())) {
            return 0; // the launcher went away before the start
        }
        member.start();
        while (stdin.readLine() != null) {
            // the launcher ends this member by closing its stdin
        }
        return 0;
    }
}
