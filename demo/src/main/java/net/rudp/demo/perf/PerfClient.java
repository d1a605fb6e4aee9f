package net.rudp.demo.perf;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.rudp.demo.DemoException;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.cli.NetworkErrors;
import net.rudp.demo.report.Json;
import net.rudp.demo.transfer.WarmUp;
import net.rudp.demo.transport.Transport;

/**
 * The client's side of a test, as iperf3's: the control connection and the test asked for, a
 * data connection per stream, the run, and both ends' results, printed as lines or (-J) as one
 * JSON document.
 *
 * @param transport         how to connect
 * @param server            the perf server
 * @param spec              the test to ask for
 * @param every             the reporting interval (-i); zero: no interval lines
 * @param json              one JSON document instead of lines
 * @param connectTimeout    how long each connection may take
 * @param transportSettings the transport's settings, for the JSON's {@code start}
 */
record PerfClient(Transport transport, InetSocketAddress server, TestSpec spec, Duration every, boolean json,
                  Duration connectTimeout, Map<String, Object> transportSettings) {

    /** Runs the test, printing to {@code out}. */
    void run(PrintWriter out) throws InterruptedException {
        String where = HostPort.format(server);
        text(out, "Connecting to host " + server.getAddress().getHostAddress() + ", port " + server.getPort()
            + " (" + transport.name() + ")");
        WarmUp.orFail(transport);
        Socket control = connect(where);
        List<PerfStream> streams = new ArrayList<>();
        try {
            spec.toMessage().writeTo(control.getOutputStream());
            ControlMessage.expect(control.getInputStream(), "accepted");
            for (int id = 1; id <= spec.totalStreams(); id++) {
                Socket data = connect(where);
                streams.add(new PerfStream(id, spec.clientSends(id), transport, data, spec));
                ControlMessage.of("stream", "cookie", spec.cookie(), "stream", (long) id).writeTo(data.getOutputStream());
                text(out, "[" + pad(id) + "] connected to " + server.getAddress().getHostAddress() + " port " + server.getPort());
            }
            ControlMessage.expect(control.getInputStream(), "start");
            measure(control, streams, out);
        } catch (ControlMessage.PeerRefused e) {
            throw DemoException.failure("the server at " + where + " refused the test: " + e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw DemoException.failure("the test with " + where + " failed: " + e.getMessage(), e);
        } finally {
            List<Socket> all = new ArrayList<>(streams.stream().map(PerfStream::conn).toList());
            all.add(control);
            TestRun.closeAll(all);
        }
    }

    /** From the server's "start": the run, its interval lines, and the summary or the JSON document. */
    private void measure(Socket control, List<PerfStream> streams, PrintWriter out) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long startEpochMillis = System.currentTimeMillis();
        PerfText lines = new PerfText(spec, true, every);
        PerfJson document = new PerfJson(spec);
        lines.intervalHeader().forEach(l -> text(out, l));
        TestRun.Outcome outcome = TestRun.run(streams, control, start, every,
            json ? document::interval : intervals -> lines.intervalLines(intervals).forEach(l -> text(out, l)));
        if (json) {
            Map<String, Object> startObject = document.start(transport.name(), transportSettings, server,
                streams.stream().map(s -> (InetSocketAddress) s.conn().getRemoteSocketAddress()).toList(), startEpochMillis);
            out.println(Json.write(document.document(startObject, outcome.all(), outcome.localCpuPercent(),
                outcome.peerCpuPercent())));
            out.flush();
        } else {
            lines.summary(outcome.all()).forEach(l -> text(out, l));
            text(out, "");
            text(out, "perf Done.");
        }
    }

    private Socket connect(String where) {
        try {
            return transport.connect(server, connectTimeout);
        } catch (IOException e) {
            throw DemoException.failure(NetworkErrors.describe(e, "connect to", where));
        }
    }

    /** A line of the text output (none with -J: stdout holds the JSON document only). */
    private void text(PrintWriter out, String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    static String pad(int id) {
        return String.format("%3d", id);
    }
}
