package net.rudp.demo.group;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.rudp.demo.DemoException;

/**
 * One run of a group, from the launcher: starts the member processes, lets them go once all
 * listen, prints what they print (with the time), kills the master when asked, stops everyone
 * once every live member has every message, and reports the timeline and the delivery check.
 */
final class GroupRun {
    private static final long LISTEN_TIMEOUT_MILLIS = 60_000;

    private final List<InetSocketAddress> peers;
    private final List<String> memberArguments;
    private final PrintWriter out;
    private final boolean quiet;
    private final BlockingQueue<MemberProcess.Output> outputs = new LinkedBlockingQueue<>();
    private final List<MemberProcess> processes = new ArrayList<>();
    private final DeliveryCheck check;
    private final Set<Integer> exited = new TreeSet<>();
    private final Set<Integer> complete = new HashSet<>();
    private long startMillis;
    private int master = 1;
    private Timeline timeline;

    GroupRun(List<InetSocketAddress> peers, List<String> memberArguments, int messages, PrintWriter out, boolean quiet) {
        this.peers = peers;
        this.memberArguments = memberArguments;
        this.out = out;
        this.quiet = quiet;
        this.check = new DeliveryCheck(peers.size(), messages);
    }

    /** Runs the group; true if every live member got every message once and in order. */
    boolean run(Duration killMasterAfter, Duration timeout) throws InterruptedException {
        Thread killAll = new Thread(() -> processes.forEach(MemberProcess::kill), "group-kill-members");
        Runtime.getRuntime().addShutdownHook(killAll);
        try {
            for (int id = 1; id <= peers.size(); id++) {
                List<String> args = new ArrayList<>(List.of("--id", Integer.toString(id)));
                args.addAll(memberArguments);
                processes.add(MemberProcess.start(id, args, outputs));
            }
            awaitListening();
            startMillis = System.currentTimeMillis();
            timeline = new Timeline(startMillis);
            processes.forEach(MemberProcess::go);
            follow(killMasterAfter == null ? -1 : startMillis + killMasterAfter.toMillis(), startMillis + timeout.toMillis());
            processes.forEach(MemberProcess::stop);
            drainUntilAllExited();
            return report();
        } finally {
            processes.forEach(MemberProcess::kill);
            try {
                Runtime.getRuntime().removeShutdownHook(killAll);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running and kills them
            }
        }
    }

    private void awaitListening() throws InterruptedException {
        Set<Integer> listening = new HashSet<>();
        long deadline = System.currentTimeMillis() + LISTEN_TIMEOUT_MILLIS;
        while (listening.size() < processes.size()) {
            MemberProcess.Output o = outputs.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            switch (o) {
                case null -> throw DemoException.failure("the members did not all start listening within "
                    + LISTEN_TIMEOUT_MILLIS / 1000 + " s");
                case MemberProcess.Event e when e.name().equals("listening") -> listening.add(e.member());
                case MemberProcess.Exited x -> throw DemoException.failure("member " + x.member() + " ended before the start "
                    + "(exit " + x.exitCode() + "): " + processes.get(x.member() - 1).stderrTail());
                default -> { }
            }
        }
        StringBuilder pids = new StringBuilder("member pids:");
        processes.forEach(p -> pids.append(' ').append(p.id()).append('=').append(p.pid()));
        print(pids + " (kill -9 the master's to see a failover)");
    }

    /** Shows what the members print until every live one is complete (and the kill, if asked, is done) or the deadline. */
    private void follow(long killAtMillis, long deadlineMillis) throws InterruptedException {
        boolean killed = killAtMillis < 0;
        while (System.currentTimeMillis() < deadlineMillis) {
            if (!killed && System.currentTimeMillis() >= killAtMillis) {
                killed = true;
                processes.get(master - 1).kill();
                timeline.masterDown(master, System.currentTimeMillis(), "killed (SIGKILL)");
                print(stamp(System.currentTimeMillis()) + "group: killed the master, member " + master
                    + " (pid " + processes.get(master - 1).pid() + ")");
            }
            long wait = Math.min(deadlineMillis, killed ? deadlineMillis : killAtMillis) - System.currentTimeMillis();
            MemberProcess.Output o = outputs.poll(Math.max(1, wait), TimeUnit.MILLISECONDS);
            if (o != null) {
                take(o);
            }
            if (killed && complete.size() + exited.size() >= processes.size() && !complete.isEmpty()) {
                return;
            }
        }
        print(stamp(System.currentTimeMillis()) + "group: stopping the members at the --timeout, done or not");
    }

    private void take(MemberProcess.Output o) {
        switch (o) {
            case MemberProcess.Received r -> {
                check.received(r.member(), r.origin(), r.seq());
                if (!quiet) {
                    print(stamp(System.currentTimeMillis()) + "m" + r.member() + "  received " + r.origin() + "#" + r.seq()
                        + " via " + r.via());
                }
            }
            case MemberProcess.Event e -> {
                if (e.name().equals("master")) {
                    master = e.member();
                }
                if (e.name().equals("complete")) {
                    complete.add(e.member());
                }
                timeline.event(e);
                String text = e.describe();
                if (text != null) {
                    print(stamp(e.t()) + "m" + e.member() + "  " + text);
                }
            }
            case MemberProcess.Exited x -> {
                exited.add(x.member());
                complete.remove(x.member());
                if (x.member() == master) {
                    timeline.masterDown(x.member(), x.t(), "exited (exit " + x.exitCode() + ")");
                }
                print(stamp(x.t()) + "m" + x.member() + "  ended (exit " + x.exitCode() + ")");
            }
        }
    }

    /** After the stop: what the members still print, until every process has ended. */
    private void drainUntilAllExited() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (exited.size() < processes.size() && System.currentTimeMillis() < deadline) {
            MemberProcess.Output o = outputs.poll(100, TimeUnit.MILLISECONDS);
            if (o != null) {
                take(o);
            }
        }
    }

    private boolean report() {
        print("");
        print("timeline (seconds from the start):");
        timeline.lines().forEach(this::print);
        print(timeline.failoverSeconds().map(s -> String.format(Locale.ROOT,
                "failover: %.2f s from the master's end until every member followed the new one", s))
            .orElse("no failover: the master did not go down"));
        DeliveryCheck.Result result = check.check(killedBeforeTheEnd());
        print("");
        print("delivery check (what each member printed it received; \"2:30\" is 30 messages from member 2):");
        result.lines().forEach(this::print);
        if (result.passed()) {
            print("every member received each live member's messages once and in order"
                + (killedBeforeTheEnd().isEmpty() ? "" : "; of the dead master's, each a gap-free beginning"));
        } else {
            result.problems().forEach(p -> print("  PROBLEM: " + p));
        }
        return result.passed();
    }

    /** The members that ended before the launcher stopped them. */
    private Set<Integer> killedBeforeTheEnd() {
        return timeline.downMember().map(Set::of).orElse(Set.of());
    }

    private String stamp(long t) {
        return String.format(Locale.ROOT, "%6.2f  ", (t - startMillis) / 1e3);
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
