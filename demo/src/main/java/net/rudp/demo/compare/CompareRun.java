package net.rudp.demo.compare;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.rudp.demo.DemoException;
import net.rudp.demo.compare.EndpointEvent.Failed;
import net.rudp.demo.compare.EndpointEvent.Listening;
import net.rudp.demo.compare.EndpointEvent.Progress;
import net.rudp.demo.compare.EndpointEvent.Received;
import net.rudp.demo.compare.EndpointEvent.Sent;
import net.rudp.demo.compare.EndpointEvent.Window;
import net.rudp.demo.compare.EndpointProcess.Event;
import net.rudp.demo.compare.EndpointProcess.Exited;
import net.rudp.demo.compare.EndpointProcess.Output;
import net.rudp.demo.compare.EndpointProcess.Role;
import net.rudp.demo.transfer.PatternStream;
import net.rudp.demo.transport.Transport;

/**
 * Runs the same verified bulk transfer over each transport, one after another (never at the same
 * time: on a small machine they would compete for the CPUs and each other's bandwidth). Each
 * transfer has a receiver process and a sender process placed by the {@link NetworkPath}, and a
 * fresh emulated link if the path has one.
 */
public final class CompareRun {
    private final NetworkPath path;
    private final CompareSettings settings;
    private final ProgressView view;

    public CompareRun(NetworkPath path, CompareSettings settings, ProgressView view) {
        this.path = path;
        this.settings = settings;
        this.view = view;
    }

    /**
     * Every transport's result, in the settings' order.
     *
     * @throws DemoException if an endpoint fails or a transfer exceeds the timeout
     */
    public List<TransferResult> run() throws InterruptedException {
        // The digest of what every sender sends, computed here rather than by the senders so that
        // it costs none of their measured time; each receiver hashes what it actually received.
        String sentSha256 = new PatternStream(settings.seed()).sha256(settings.size());
        List<TransferResult> results = new ArrayList<>();
        for (Transport transport : settings.transports()) {
            results.add(runOne(transport, sentSha256));
        }
        return results;
    }

    private TransferResult runOne(Transport transport, String sentSha256) throws InterruptedException {
        BlockingQueue<Output> outputs = new LinkedBlockingQueue<>();
        String name = transport.name();
        path.resetLink();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        List<String> common = new ArrayList<>(List.of("--transport", name, "--seed", Long.toString(settings.seed()),
            "--size", Long.toString(settings.size()), "--sample-every", settings.sampleEvery().toNanos() / 1000 + "us"));
        common.addAll(transport.endpointOptions());
        try (EndpointProcess receiver = EndpointProcess.start(Role.RECEIVER, path.receiverLauncher(),
                 concat(List.of("receive", "--bind", path.receiverAddress().getHostAddress() + ":0"), common), outputs);
             ProgressView.Bar bar = view.start(name, settings.size())) {
            int port = ((Listening) next(outputs, deadline, name, receiver, null, Listening.class)).port();
            InetSocketAddress target = path.senderTarget(port);
            try (EndpointProcess sender = EndpointProcess.start(Role.SENDER, path.senderLauncher(),
                     concat(List.of("send", "--connect", target.getAddress().getHostAddress() + ":" + target.getPort()), common),
                     outputs)) {
                List<Sample> samples = new ArrayList<>();
                List<Window> windows = new ArrayList<>();
                Received received = null;
                Sent sent = null;
                while (received == null || sent == null) {
                    EndpointEvent event = next(outputs, deadline, name, receiver, sender, null);
                    switch (event) {
                        case Progress p -> {
                            samples.add(new Sample(p.elapsedNanos(), p.bytes()));
                            bar.bytesSoFar(p.bytes());
                        }
                        case Window w -> windows.add(w);
                        case Received r -> received = r;
                        case Sent s -> sent = s;
                        default -> throw DemoException.failure(name + ": unexpected endpoint event " + event);
                    }
                }
                return new TransferResult(name, settings.size(), sentSha256, Duration.ofNanos(sent.elapsedNanos()),
                    sent.cpuNanos(), received.cpuNanos(), received.verdict(), sent.stats(), samples, windows,
                    path.linkReport());
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * The next event from either endpoint; fails on an endpoint's failure or early exit, and at
     * the deadline. With {@code wanted} set, only that kind of event is acceptable.
     */
    private EndpointEvent next(BlockingQueue<Output> outputs, long deadline, String transport,
                               EndpointProcess receiver, EndpointProcess sender,
                               Class<? extends EndpointEvent> wanted) throws InterruptedException {
        while (true) {
            Output output = outputs.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (output == null) {
                throw DemoException.failure(transport + ": the transfer did not finish within "
                    + settings.timeout().toSeconds() + " s (raise --timeout, or lower --size)");
            }
            EndpointProcess from = output.role() == Role.RECEIVER ? receiver : sender;
            String who = transport + " " + output.role().name().toLowerCase();
            switch (output) {
                case Event(Role role, Failed f) -> throw DemoException.failure(f.message() + details(from));
                case Event(Role role, EndpointEvent e) when wanted == null || wanted.isInstance(e) -> {
                    return e;
                }
                case Event(Role role, EndpointEvent e) ->
                    throw DemoException.failure(who + " said " + e + " before " + wanted.getSimpleName() + details(from));
                case Exited(Role role, int code) when code != 0 || wanted != null -> throw DemoException.failure(
                    who + " exited with code " + code + " before it was done" + details(from));
                case Exited exited -> {
                    // a normal exit after its result: keep waiting for the other end
                }
            }
        }
    }

    private static String details(EndpointProcess process) {
        String tail = Optional.ofNullable(process).map(EndpointProcess::stderrTail).orElse("");
        return tail.isBlank() ? "" : "\n  its last output:\n    " + tail.replace("\n", "\n    ");
    }
}
