package net.rudp.demo.group;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import net.rudp.demo.DemoJvm;
import net.rudp.demo.report.Json;

/**
 * A member's process, as the launcher sees it: its stdout lines (messages received, events) and
 * its exit go to one queue that the launcher follows for all members; "go" and the end are
 * written to, and closed on, its stdin.
 */
final class MemberProcess {
    private static final int STDERR_LINES_KEPT = 10;

    /** Something a member's process printed or did, with the launcher's wall-clock time for lines and exits. */
    sealed interface Output {
        int member();
    }

    /** {@code received 3#7 via 2}: a message delivered. */
    record Received(int member, int origin, long seq, int via) implements Output {}

    /** A JSON event with the member's own wall-clock time {@code t}. */
    record Event(int member, String name, Map<String, Object> fields) implements Output {
        long t() {
            return fields.get("t") instanceof Long t ? t : System.currentTimeMillis();
        }

        long number(String key) {
            return fields.get(key) instanceof Long n ? n : 0;
        }

        String text(String key) {
            return String.valueOf(fields.get(key));
        }

        /** The event in words, as the launcher prints it after the member's name; null for those it does not print. */
        String describe() {
            return switch (name) {
                case "master" -> "is the master" + (number("unconfirmed") > 0
                    ? " (" + number("unconfirmed") + " of its messages not yet confirmed)" : "");
                case "following" -> "follows master " + number("master")
                    + (number("resent") > 0 ? ", sending it the " + number("resent") + " of its messages it lacks" : "");
                case "joined" -> "member " + number("member") + " joined";
                case "left" -> "member " + number("member") + " left: " + text("reason");
                case "lost-master" -> "lost master " + number("master") + ": " + text("reason");
                case "dead" -> "finds member " + number("member") + " dead (" + text("reason") + ")";
                case "complete" -> "has every message (" + number("duplicates") + " duplicates dropped)";
                case "gap" -> "GAP: " + number("origin") + "#" + number("seq") + " after " + number("had");
                case "failed" -> "FAILED: " + text("reason");
                case "noise" -> text("text");
                default -> null;
            };
        }
    }

    record Exited(int member, long t, int exitCode) implements Output {}

    private final int id;
    private final Process process;
    private final OutputStream stdin;
    private final Deque<String> stderrTail = new ArrayDeque<>();

    private MemberProcess(int id, Process process) {
        this.id = id;
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    /** Starts member {@code id} with {@code args} (after the hidden command's name); its output goes to {@code outputs}. */
    static MemberProcess start(int id, List<String> args, BlockingQueue<Output> outputs) {
        List<String> command = new ArrayList<>(DemoJvm.command());
        command.add("internal-group-member");
        command.addAll(args);
        try {
            MemberProcess p = new MemberProcess(id, new ProcessBuilder(command).start());
            Thread.ofPlatform().daemon().name("member-" + id + "-stdout").start(() -> p.read(outputs));
            Thread.ofPlatform().daemon().name("member-" + id + "-stderr").start(() -> p.keepTail(p.process.getErrorStream()));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start member " + id + ": " + String.join(" ", command), e);
        }
    }

    int id() {
        return id;
    }

    long pid() {
        return process.pid();
    }

    /** Lets the member start publishing and calling. */
    void go() {
        try {
            stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            // it has exited; its Exited output says so
        }
    }

    /** Asks the member to end (its stdin closes). */
    void stop() {
        try {
            stdin.close();
        } catch (IOException e) {
            // it has exited already
        }
    }

    /** Kills the member at once, as a crash would: no FIN, no reset, nothing more from it. */
    void kill() {
        process.destroyForcibly();
    }

    /** Waits up to {@code seconds} for the member to end, then kills it. */
    void awaitEnd(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            kill();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    synchronized String stderrTail() {
        return String.join("\n", stderrTail);
    }

    private void read(BlockingQueue<Output> outputs) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                outputs.add(parse(line));
            }
            outputs.add(new Exited(id, System.currentTimeMillis(), process.waitFor()));
        } catch (IOException | IllegalArgumentException e) {
            remember("reading member " + id + "'s output failed: " + e.getMessage());
            outputs.add(new Exited(id, System.currentTimeMillis(), -1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A line of the member's stdout; what is neither a received line nor an event (a JVM warning) becomes stderr tail. */
    private Output parse(String line) {
        if (line.startsWith("{")) {
            Map<String, Object> fields = Json.readFlatObject(line);
            return new Event(id, String.valueOf(fields.get("event")), fields);
        }
        String[] f = line.split("[ #]");
        if (f.length == 5 && f[0].equals("received") && f[3].equals("via")) {
            return new Received(id, Integer.parseInt(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[4]));
        }
        remember(line);
        return new Event(id, "noise", Map.of("text", line));
    }

    private void keepTail(InputStream stderr) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                remember(line);
            }
        } catch (IOException e) {
            remember("reading stderr failed: " + e.getMessage());
        }
    }

    private synchronized void remember(String line) {
        if (stderrTail.size() == STDERR_LINES_KEPT) {
            stderrTail.removeFirst();
        }
        stderrTail.addLast(line);
    }
}
