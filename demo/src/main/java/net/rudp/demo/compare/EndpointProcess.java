package net.rudp.demo.compare;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import net.rudp.demo.DemoJvm;

/**
 * A child JVM running this demo's hidden {@code internal-endpoint} command, possibly behind a
 * launcher such as {@code ip netns exec NS}. Its stdout events go to a shared queue, tagged with
 * the process, so one loop can follow both ends of several transfers; {@link #tell} writes a word
 * to its stdin (a sender waits for "go", a receiver for "close").
 */
final class EndpointProcess implements AutoCloseable {
    private static final int STDERR_LINES_KEPT = 20;

    enum Role { RECEIVER, SENDER }

    /** What came out of an endpoint process: an event, or its exit. */
    sealed interface Output {
        EndpointProcess from();
    }

    record Event(EndpointProcess from, EndpointEvent event) implements Output {}

    record Exited(EndpointProcess from, int exitCode) implements Output {}

    private final Role role;
    private final Process process;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    /** Kills the process if the demo is stopped (e.g. Ctrl-C) while it runs. */
    private final Thread killOnExit;

    private EndpointProcess(Role role, Process process) {
        this.role = role;
        this.process = process;
        this.killOnExit = new Thread(this::kill, "kill-endpoint-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts {@code internal-endpoint ARGS} behind {@code launcher}, sending its output to {@code outputs}. */
    static EndpointProcess start(Role role, List<String> launcher, List<String> args, BlockingQueue<Output> outputs) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(DemoJvm.command());
        command.add("internal-endpoint");
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        EndpointProcess endpoint = new EndpointProcess(role, process);
        Thread.ofPlatform().daemon().name(role + "-stdout").start(() -> endpoint.readEvents(outputs));
        Thread.ofPlatform().daemon().name(role + "-stderr").start(() -> endpoint.keepTail(process.getErrorStream()));
        return endpoint;
    }

    Role role() {
        return role;
    }

    /** Writes {@code word} as a line to the process's stdin; a process that is gone is not told. */
    void tell(String word) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((word + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException gone) {
            remember("could not tell it \"" + word + "\": " + gone.getMessage());
        }
    }

    private void readEvents(BlockingQueue<Output> outputs) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("{")) {
                    outputs.add(new Event(this, EndpointEvent.parse(line)));
                } else {
                    remember(line); // e.g. a JVM warning: not an event, but useful if things fail
                }
            }
            outputs.add(new Exited(this, process.waitFor()));
        } catch (IOException | RuntimeException e) {
            remember("reading the " + role + "'s output failed: " + e);
            outputs.add(new Exited(this, -1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void keepTail(InputStream stderr) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                remember(line);
            }
        } catch (IOException e) {
            remember("reading stderr failed: " + e);
        }
    }

    private synchronized void remember(String line) {
        if (stderrTail.size() == STDERR_LINES_KEPT) {
            stderrTail.removeFirst();
        }
        stderrTail.addLast(line);
    }

    /** The process's last lines of stderr (and stray stdout), for error messages. */
    synchronized String stderrTail() {
        return String.join("\n", stderrTail);
    }

    /** Kills the process (and what it started, e.g. behind {@code ip netns exec}) if still running. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run: it kills the process again, harmlessly
        }
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
