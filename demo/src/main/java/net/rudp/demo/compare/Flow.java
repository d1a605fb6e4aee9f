package net.rudp.demo.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.rudp.demo.compare.EndpointEvent.Received;
import net.rudp.demo.compare.EndpointEvent.Sent;
import net.rudp.demo.transport.Transport;

/**
 * One flow of a run as it goes: its transport's receiver and sender processes, and what they have
 * reported so far. {@link CompareRun} drives it; closing kills what is still running.
 */
final class Flow implements AutoCloseable {
    final String name;
    final Transport transport;
    EndpointProcess receiver;
    EndpointProcess sender;
    /** The receiver's port once it listens, else -1. */
    int port = -1;
    /** True once the sender has warmed up and waits for "go". */
    boolean ready;
    /** When the flow was told to go, on the run's timeline; -1 before. */
    long startNanos = -1;
    final List<Sample> samples = new ArrayList<>();
    final List<EndpointEvent.Window> windows = new ArrayList<>();
    Received received;
    Sent sent;

    Flow(String name, Transport transport) {
        this.name = name;
        this.transport = transport;
    }

    boolean listening() {
        return port >= 0;
    }

    boolean done() {
        return received != null && sent != null;
    }

    /** Whether {@code process} is one of this flow's. */
    boolean owns(EndpointProcess process) {
        return process == receiver || process == sender;
    }

    /** Whether {@code process} has already reported its result, so that its exit is expected. */
    boolean finished(EndpointProcess process) {
        return process == receiver ? received != null : sent != null;
    }

    /** Verified bytes at the receiver so far. */
    long bytes() {
        return samples.isEmpty() ? 0 : samples.getLast().bytes();
    }

    /** Lets the sender connect and send; {@code atNanos} is now on the run's timeline. */
    void go(long atNanos) {
        startNanos = atNanos;
        sender.tell("go");
    }

    /** The flow's result, once {@link #done()}; {@code sentSha256} is of the {@code sent.bytes()} bytes sent. */
    TransferResult result(long requestedSize, String sentSha256) {
        return new TransferResult(name, transport.name(), startNanos, requestedSize, sent.bytes(), sentSha256,
            Duration.ofNanos(sent.elapsedNanos()), sent.cpuNanos(), received.cpuNanos(), received.verdict(),
            sent.stats(), samples, windows);
    }

    @Override
    public void close() {
        try (EndpointProcess r = receiver; EndpointProcess s = sender) {
            // both killed if still running, the sender first
        }
    }
}
