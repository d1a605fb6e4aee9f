package net.rudp.demo.perf;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import net.rudp.demo.transfer.CpuClock;

/**
 * The part of a test that client and server run alike, once the server has said "start": every
 * stream at once, the interval samples, and then the exchange of results over the control
 * connection, so each end can show both ends' numbers.
 *
 * <p>The exchange has two rounds. First each end sends what its receiving streams got (it has
 * seen their end of stream, so the bytes are all in); only when the peer's arrive, meaning the
 * peer has received everything this end sent, does each end read its sending streams' final
 * counters (retransmissions up to the last byte acknowledged) and send those.
 */
final class TestRun {
    /**
     * A finished test at this end.
     *
     * @param local           this end's results, a stream at a time
     * @param peer            the other end's
     * @param localCpuPercent this process's CPU time during the test, per cent of the test's time
     * @param peerCpuPercent  the same at the other end
     */
    record Outcome(List<StreamResult> local, List<StreamResult> peer, double localCpuPercent, double peerCpuPercent) {
        /** Both ends' results. */
        List<StreamResult> all() {
            List<StreamResult> all = new ArrayList<>(local);
            all.addAll(peer);
            return all;
        }
    }

    private TestRun() {}

    /**
     * Runs {@code streams} from {@code startNanos}, telling {@code onInterval} each interval, then
     * exchanges results with the peer over {@code control}.
     *
     * @throws IOException if a stream or the control connection fails (the message says which)
     */
    static Outcome run(List<PerfStream> streams, Socket control, long startNanos, Duration every,
                       Consumer<List<Interval>> onInterval) throws IOException, InterruptedException {
        long cpuStart = CpuClock.processCpuNanos();
        long end;
        try (IntervalSampler sampler = new IntervalSampler(streams, startNanos, every, onInterval)) {
            runAll(streams, startNanos);
            end = streams.stream().mapToLong(PerfStream::endNanos).max().orElse(startNanos);
            sampler.finish(end);
        }
        double cpuPercent = (CpuClock.processCpuNanos() - cpuStart) * 100.0 / Math.max(1, end - startNanos);
        OutputStream out = control.getOutputStream();
        InputStream in = control.getInputStream();
        List<StreamResult> local = new ArrayList<>(results(streams, false, startNanos));
        send(out, "received", local, cpuPercent);
        List<StreamResult> peer = new ArrayList<>(read(in, "received").results());
        List<StreamResult> sent = results(streams, true, startNanos);
        local.addAll(sent);
        send(out, "sent", sent, cpuPercent);
        Round peerSent = read(in, "sent");
        peer.addAll(peerSent.results());
        return new Outcome(local, peer, cpuPercent, peerSent.cpuPercent());
    }

    /** Runs every stream on a thread of its own until all are done; if one fails, closes them all. */
    private static void runAll(List<PerfStream> streams, long startNanos) throws IOException, InterruptedException {
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (PerfStream s : streams) {
            threads.add(Thread.ofVirtual().name("perf-stream-" + s.id()).start(() -> {
                try {
                    s.run(startNanos);
                } catch (IOException e) {
                    if (failures.isEmpty()) { // the first failure is the story; the others follow from the close
                        failures.add("stream " + s.id() + " (" + (s.sender() ? "sending" : "receiving") + "): " + e.getMessage());
                    }
                    closeAll(streams.stream().map(PerfStream::conn).toList());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IOException(failures.peek());
        }
    }

    private static List<StreamResult> results(List<PerfStream> streams, boolean senders, long startNanos) {
        return streams.stream().filter(s -> s.sender() == senders)
            .map(s -> new StreamResult(s.id(), s.sender(), s.endNanos() - startNanos, s.bytes(),
                senders ? s.stats() : java.util.Optional.empty()))
            .toList();
    }

    /** One round of the exchange as it arrives. */
    private record Round(List<StreamResult> results, double cpuPercent) {}

    /** Sends a round in one write: over TCP, Nagle's algorithm would hold each small write after the first. */
    private static void send(OutputStream out, String round, List<StreamResult> results, double cpuPercent) throws IOException {
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        ControlMessage.of(round, "count", (long) results.size(), "cpu_percent", cpuPercent).writeTo(messages);
        for (StreamResult r : results) {
            r.toMessage().writeTo(messages);
        }
        messages.writeTo(out);
        out.flush();
    }

    private static Round read(InputStream in, String round) throws IOException {
        ControlMessage header = ControlMessage.expect(in, round);
        long count = header.number("count");
        if (count < 0 || count > 2L * TestSpec.MAX_STREAMS) {
            throw new java.net.ProtocolException("a \"" + round + "\" round of " + count + " results is more than a test has");
        }
        List<StreamResult> results = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            results.add(StreamResult.of(ControlMessage.expect(in, "result")));
        }
        return new Round(results, header.decimal("cpu_percent"));
    }

    /**
     * Closes connections at once rather than one after another: closing a rudp connection waits
     * (up to a few seconds) until the peer has acknowledged its FIN, and each would wait in turn.
     */
    static void closeAll(List<? extends Closeable> closeables) {
        List<Thread> closing = closeables.stream().map(c -> Thread.ofVirtual().start(() -> closeQuietly(c))).toList();
        for (Thread t : closing) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Closes a connection or listener whose failure to close has nobody left to tell. */
    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing to unblock a stream after another failed: that failure is the one reported
        }
    }
}
