package net.rudp.demo.perf;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import net.rudp.demo.transport.Transport;

/**
 * One test at the server, from the client's request to the summary: it collects the test's data
 * connections as they arrive (each names the test's cookie and its stream), says "start", runs
 * the streams and prints what both ends measured.
 */
final class PerfSession {
    /** How long the client has to open all its data connections after the test was accepted. */
    static final Duration STREAMS_TIMEOUT = Duration.ofSeconds(10);

    private final TestSpec spec;
    private final Transport transport;
    private final Socket control;
    private final Duration every;
    private final Consumer<String> out;
    private final Map<Integer, PerfStream> streams = new TreeMap<>();
    private final CountDownLatch allConnected;

    PerfSession(TestSpec spec, Transport transport, Socket control, Duration every, Consumer<String> out) {
        this.spec = spec;
        this.transport = transport;
        this.control = control;
        this.every = every;
        this.out = out;
        this.allConnected = new CountDownLatch(spec.totalStreams());
    }

    String cookie() {
        return spec.cookie();
    }

    /** Takes a data connection that greeted with this test's cookie; false (the caller closes it) if it has no place. */
    synchronized boolean attach(int id, Socket conn) {
        if (id < 1 || id > spec.totalStreams() || streams.containsKey(id) || allConnected.getCount() == 0) {
            return false;
        }
        streams.put(id, new PerfStream(id, !spec.clientSends(id), transport, conn, spec));
        out.accept("[" + PerfClient.pad(id) + "] connected to " + conn.getInetAddress().getHostAddress()
            + " port " + conn.getPort());
        allConnected.countDown();
        return true;
    }

    /** Runs the test to its end (the caller then closes it). */
    void run() throws IOException, InterruptedException {
        ControlMessage.of("accepted").writeTo(control.getOutputStream());
        if (!allConnected.await(STREAMS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            ControlMessage.of("error", "reason", "not all " + spec.totalStreams() + " data connections came within "
                + STREAMS_TIMEOUT.toSeconds() + " s").writeTo(control.getOutputStream());
            throw new IOException("the client opened " + streams().size() + " of its " + spec.totalStreams()
                + " data connections within " + STREAMS_TIMEOUT.toSeconds() + " s");
        }
        ControlMessage.of("start").writeTo(control.getOutputStream());
        long start = System.nanoTime();
        PerfText lines = new PerfText(spec, false, every);
        lines.intervalHeader().forEach(out);
        TestRun.Outcome outcome = TestRun.run(streams(), control, start, every,
            intervals -> lines.intervalLines(intervals).forEach(out));
        lines.summary(outcome.all()).forEach(out);
    }

    /** Closes every connection of the test (also to stop a test that is still running). */
    void close() {
        List<Socket> all = new ArrayList<>(streams().stream().map(PerfStream::conn).toList());
        all.add(control);
        TestRun.closeAll(all);
    }

    private synchronized List<PerfStream> streams() {
        return List.copyOf(streams.values());
    }
}
