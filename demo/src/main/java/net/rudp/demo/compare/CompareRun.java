package net.rudp.demo.compare;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.rudp.demo.DemoException;
import net.rudp.demo.compare.EndpointEvent.Failed;
import net.rudp.demo.compare.EndpointEvent.Listening;
import net.rudp.demo.compare.EndpointEvent.Progress;
import net.rudp.demo.compare.EndpointEvent.Ready;
import net.rudp.demo.compare.EndpointEvent.Received;
import net.rudp.demo.compare.EndpointEvent.Sent;
import net.rudp.demo.compare.EndpointEvent.Window;
import net.rudp.demo.compare.EndpointProcess.Event;
import net.rudp.demo.compare.EndpointProcess.Exited;
import net.rudp.demo.compare.EndpointProcess.Output;
import net.rudp.demo.compare.EndpointProcess.Role;
import net.rudp.demo.transfer.PatternStream;

/**
 * Runs the comparison's verified bulk transfers: by default one transport after another, each
 * over a fresh emulated link (never at the same time: on a small machine they would compete for
 * the CPUs and each other's bandwidth); with {@link CompareSettings#together()} all flows at the
 * same time over one link, which is then the point. Each flow has a receiver process and a sender
 * process placed by the {@link NetworkPath}. Senders warm up first and wait for the word to go, so
 * that flows run together start together (or {@link CompareSettings#stagger()} apart) whatever
 * their JVMs' start-up took.
 */
public final class CompareRun {
    private final NetworkPath path;
    private final CompareSettings settings;
    private final ProgressView view;
    private final Observations observations;
    /** SHA-256 of the pattern's first N bytes, by N: every flow that sent all of its size has the same. */
    private final Map<Long, String> digests = new HashMap<>();

    public CompareRun(NetworkPath path, CompareSettings settings, ProgressView view) {
        this(path, settings, view, Observations.NONE);
    }

    /** As {@link #CompareRun(NetworkPath, CompareSettings, ProgressView)}, rudp's endpoints writing what {@code observations} asks for. */
    public CompareRun(NetworkPath path, CompareSettings settings, ProgressView view, Observations observations) {
        this.path = path;
        this.settings = settings;
        this.view = view;
        this.observations = observations;
    }

    /**
     * Every run's result: one per transport, in the settings' order, or one run of all flows together.
     *
     * @throws DemoException if an endpoint fails or a run exceeds the timeout
     */
    public List<LinkRun> run() throws InterruptedException {
        List<String> names = settings.flowNames();
        List<Flow> flows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            flows.add(new Flow(names.get(i), settings.transports().get(i)));
        }
        if (settings.together()) {
            return List.of(runOverOneLink(flows));
        }
        List<LinkRun> runs = new ArrayList<>();
        for (Flow flow : flows) {
            runs.add(runOverOneLink(List.of(flow)));
        }
        return runs;
    }

    /** Runs {@code flows} (one, or several at the same time) over a fresh link. */
    private LinkRun runOverOneLink(List<Flow> flows) throws InterruptedException {
        String label = flows.stream().map(f -> f.name).collect(Collectors.joining("+"));
        if (path.capturesLink()) {
            observations.linkCapture(label, flows.stream().map(f -> f.transport.name()).toList()).ifPresent(path::captureNextLink);
        }
        path.resetLink();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        BlockingQueue<Output> outputs = new LinkedBlockingQueue<>();
        try (ProgressView.Bar bar = view.start(label, settings.size() * flows.size())) {
            for (Flow f : flows) {
                f.receiver = EndpointProcess.start(Role.RECEIVER, path.receiverLauncher(), receiverArguments(f), outputs);
            }
            Events events = new Events(flows, outputs, bar, deadline);
            events.until(all(flows, Flow::listening));
            for (Flow f : flows) {
                f.sender = EndpointProcess.start(Role.SENDER, path.senderLauncher(), senderArguments(f), outputs);
            }
            events.until(all(flows, f -> f.ready));
            long start = System.nanoTime();
            for (int i = 0; i < flows.size(); i++) {
                events.handleUntil(start + i * settings.stagger().toNanos());
                flows.get(i).go(System.nanoTime() - start);
            }
            events.until(all(flows, Flow::done));
            return new LinkRun(flows.stream().map(this::result).toList(), path.linkReport());
        } finally {
            flows.forEach(Flow::close);
        }
    }

    private static BooleanSupplier all(List<Flow> flows, Predicate<Flow> condition) {
        return () -> flows.stream().allMatch(condition);
    }

    private TransferResult result(Flow f) {
        // The digest of what the sender sent, computed here rather than by the sender so that it
        // costs none of its measured time; the receiver hashed what it actually received.
        String sha256 = digests.computeIfAbsent(f.sent.bytes(), n -> new PatternStream(settings.seed()).sha256(n));
        return f.result(settings.size(), sha256);
    }

    private List<String> receiverArguments(Flow f) {
        List<String> args = new ArrayList<>(List.of("receive", "--bind", path.receiverAddress().getHostAddress() + ":0"));
        args.addAll(commonArguments(f));
        args.addAll(observations.endpointArguments(f.transport.name(), f.name, Role.RECEIVER));
        return args;
    }

    private List<String> senderArguments(Flow f) {
        InetSocketAddress target = path.senderTarget(f.port);
        List<String> args = new ArrayList<>(List.of("send", "--connect",
            target.getAddress().getHostAddress() + ":" + target.getPort()));
        settings.time().ifPresent(t -> args.addAll(List.of("--time", t.toNanos() / 1000 + "us")));
        args.addAll(commonArguments(f));
        args.addAll(observations.endpointArguments(f.transport.name(), f.name, Role.SENDER));
        return args;
    }

    private List<String> commonArguments(Flow f) {
        List<String> args = new ArrayList<>(List.of("--transport", f.transport.name(), "--seed",
            Long.toString(settings.seed()), "--size", Long.toString(settings.size()),
            "--sample-every", settings.sampleEvery().toNanos() / 1000 + "us"));
        args.addAll(f.transport.endpointOptions());
        return args;
    }

    /** Takes the endpoints' events off the queue and into their flows. */
    private final class Events {
        private final List<Flow> flows;
        private final BlockingQueue<Output> outputs;
        private final ProgressView.Bar bar;
        private final long deadline;

        Events(List<Flow> flows, BlockingQueue<Output> outputs, ProgressView.Bar bar, long deadline) {
            this.flows = flows;
            this.outputs = outputs;
            this.bar = bar;
            this.deadline = deadline;
        }

        /** Handles events until {@code done} holds; fails on an endpoint's failure or early exit, and at the deadline. */
        void until(BooleanSupplier done) throws InterruptedException {
            until(done, deadline);
        }

        /** Handles events until {@link System#nanoTime()} reaches {@code atNanos}, failing as {@link #until} does. */
        void handleUntil(long atNanos) throws InterruptedException {
            until(() -> System.nanoTime() - atNanos >= 0, atNanos);
        }

        private void until(BooleanSupplier done, long wakeAtNanos) throws InterruptedException {
            while (!done.getAsBoolean()) {
                long now = System.nanoTime();
                long wait = Math.min(deadline - now, wakeAtNanos - now);
                Output output = outputs.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (output != null) {
                    handle(output);
                } else if (System.nanoTime() - deadline >= 0) {
                    throw DemoException.failure(flows.stream().map(f -> f.name).collect(Collectors.joining(" and "))
                        + ": the transfer did not finish within " + settings.timeout().toSeconds()
                        + " s (raise --timeout, lower --size, or limit each sender with --time)");
                }
            }
        }

        private void handle(Output output) {
            Flow flow = flows.stream().filter(f -> f.owns(output.from())).findFirst().orElseThrow();
            EndpointProcess from = output.from();
            String who = flow.name + " " + from.role().name().toLowerCase();
            switch (output) {
                case Event(EndpointProcess p, Failed f) -> throw DemoException.failure(f.message() + details(p));
                case Event(EndpointProcess p, EndpointEvent e) -> take(flow, who, e);
                case Exited(EndpointProcess p, int code) when code != 0 || !flow.finished(p) -> throw DemoException.failure(
                    who + " exited with code " + code + " before it was done" + details(p));
                case Exited exited -> {
                    // a normal exit after its result
                }
            }
        }

        private void take(Flow flow, String who, EndpointEvent event) {
            switch (event) {
                case Listening l -> flow.port = l.port();
                case Ready r -> flow.ready = true;
                case Progress p -> {
                    flow.samples.add(new Sample(p.elapsedNanos(), p.bytes()));
                    bar.bytesSoFar(flows.stream().mapToLong(Flow::bytes).sum());
                }
                case Window w -> flow.windows.add(w);
                case Received r -> flow.received = r;
                case Sent s -> {
                    flow.sent = s;
                    flow.receiver.tell("close"); // the sender has its numbers: the receiver may close now
                }
                default -> throw DemoException.failure(who + ": unexpected endpoint event " + event);
            }
        }
    }

    private static String details(EndpointProcess process) {
        String tail = Optional.ofNullable(process).map(EndpointProcess::stderrTail).orElse("");
        return tail.isBlank() ? "" : "\n  its last output:\n    " + tail.replace("\n", "\n    ");
    }
}
