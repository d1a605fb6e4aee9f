package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.ConnectionConfig;
import net.rudp.sim.TraceDigest;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/**
 * Behaviour does not change by accident: seeded simulated runs must emit, endpoint by endpoint,
 * exactly the datagrams recorded in {@code src/test/resources/golden/} (a digest of every
 * datagram with its virtual send time and destination, see {@link TraceDigest}), and end with
 * the same connection statistics. A refactor proves itself by passing this unchanged.
 *
 * <p>{@code -Drudp.golden.update=true} rewrites the recorded digests from the current code. Only a
 * commit that makes a deliberate protocol change may do that, and its message names the traces
 * that changed and why (DEVELOPERS.md, "Golden traces").
 */
class GoldenTraceTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final boolean UPDATE = Boolean.getBoolean("rudp.golden.update");

    /** The first this many cases of {@link SimulatedTransferTest}'s property. */
    static final int TRANSFERS = 200;
    /** Cases of {@link #timerCase}, which stress the timers: keepalive, idle, orphan, TIME_WAIT, crashes. */
    static final int TIMER_CASES = 100;
    private static final String TIMER_PROPERTY = "golden traces: transfers with any timers and crashes";
    private static final long TIMER_CASE_LIMIT = 3_600 * S;

    @Test
    void simulatedTransfersEmitTheRecordedDatagrams() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            SimulatedTransferTest.Case c = SimulatedTransferTest.anyCase(
                new SplittableRandom(Property.caseSeed(SimulatedTransferTest.PROPERTY, i)));
            Transfer t = SimulatedTransferTest.transfer(c, SimulatedTransferTest.configFor(c));
            TraceDigest digest = new TraceDigest();
            t.net.setTrace(digest);
            t.run(SimulatedTransferTest.LIMIT);
            lines.add(line("transfer-" + i, t.net.now(), digest, connections(t)));
        }
        compare("simulated-transfers.txt", lines);
    }

    @Test
    void transfersWithAnyTimersAndCrashesEmitTheRecordedDatagrams() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < TIMER_CASES; i++) {
            TimerCase c = timerCase(new SplittableRandom(Property.caseSeed(TIMER_PROPERTY, i)));
            Transfer t = SimulatedTransferTest.transfer(c.transfer(), c.config());
            TraceDigest digest = new TraceDigest();
            t.net.setTrace(digest);
            if (c.crashed() != null) t.net.crash(c.crashed(), c.crashAtNanos());
            // Past the applications' end: TIME_WAIT, the orphan and idle timeouts, the last probes.
            t.net.runUntilQuiescent(TIMER_CASE_LIMIT);
            lines.add(line("timers-" + i, t.net.now(), digest, connections(t)));
        }
        compare("timer-transfers.txt", lines);
    }

    @Test
    void congestionEvaluationScenariosEmitTheRecordedDatagrams() {
        List<String> lines = new ArrayList<>();
        for (EvalScenarios.Run run : EvalScenarios.runs()) {
            TraceDigest digest = new TraceDigest();
            EvalResult r = run.body().apply(digest);
            lines.add(line(run.key().replace(' ', '_'), -1, digest, List.of(TraceDigest.shortHash(r.toString()))));
        }
        compare("evaluation.txt", lines);
    }

    /**
     * A transfer whose configuration varies every timer (keepalive, idle and orphan timeouts,
     * TIME_WAIT, delayed ACK, RTO bounds, retry limits, pacing) and whose server or client may
     * crash: the paths the plain transfer property, with its generous limits, rarely takes.
     */
    record TimerCase(SimulatedTransferTest.Case transfer, ConnectionConfig config, InetSocketAddress crashed,
                     long crashAtNanos) {}

    static TimerCase timerCase(SplittableRandom r) {
        SimulatedTransferTest.Case c = SimulatedTransferTest.anyCase(r);
        // Small payloads: the point is the timers, and a case must stay cheap.
        c = new SimulatedTransferTest.Case(c.clientBytes() % 300_000, c.serverBytes() % 100_000, c.writeChunkMax(),
            c.readChunkMax(), c.stallNanos(), c.maxDatagram(), c.receiveBuffer(), c.cc(), c.forward(), c.reverse(),
            c.seed());
        long minRto = r.nextBoolean() ? 200 * MS : r.nextLong(10 * MS, 500 * MS);
        ConnectionConfig config = ConnectionConfig.builder().maxDatagramSize(c.maxDatagram())
            .receiveBufferSize(c.receiveBuffer()).congestionControl(c.cc())
            .initialRtoNanos(r.nextBoolean() ? S : r.nextLong(50 * MS, 2 * S))
            .minRtoNanos(minRto).maxRtoNanos(r.nextBoolean() ? 60 * S : r.nextLong(minRto, 10 * S))
            .maxRetransmissions(r.nextInt(3, 21)).delayedAckNanos(r.nextLong(MS, 200 * MS))
            .connectTimeoutNanos(r.nextLong(S, 30 * S))
            .keepaliveNanos(r.nextBoolean() ? 0 : r.nextLong(200 * MS, 20 * S))
            .idleTimeoutNanos(r.nextBoolean() ? 0 : r.nextLong(S, 60 * S))
            .timeWaitNanos(r.nextLong(0, 5 * S))
            .orphanTimeoutNanos(r.nextBoolean() ? 0 : r.nextLong(500 * MS, 20 * S))
            .pacing(r.nextInt(4) != 0).build();
        InetSocketAddress crashed = switch (r.nextInt(6)) {
            case 0 -> Transfer.SERVER;
            case 1 -> Transfer.CLIENT;
            default -> null;
        };
        return new TimerCase(c, config, crashed, r.nextLong(0, 2 * S));
    }

    private static List<String> connections(Transfer t) {
        List<String> states = new ArrayList<>();
        states.add(TraceDigest.shortHash(describe(t.clientApp.connection())));
        if (t.serverApp() != null) states.add(TraceDigest.shortHash(describe(t.serverApp().connection())));
        return states;
    }

    private static String describe(Connection c) {
        return c.state() + " " + c.error() + " " + c.stats();
    }

    /** {@code name end=<virtual ns> node=datagrams/digest... stats=<hash of each connection's end state>}. */
    private static String line(String name, long endNanos, TraceDigest digest, List<String> states) {
        return name + (endNanos >= 0 ? " end=" + endNanos : "") + " " + digest.summary() + " stats=" + String.join(",", states);
    }

    private static void compare(String file, List<String> actual) {
        if (UPDATE) {
            write(file, actual);
            return;
        }
        List<String> expected = read(file);
        List<String> differing = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "(none)";
            String a = i < actual.size() ? actual.get(i) : "(none)";
            if (!e.equals(a)) differing.add("  recorded: " + e + "\n  now:      " + a);
        }
        if (!differing.isEmpty()) {
            fail(differing.size() + " of " + actual.size() + " runs in golden/" + file + " no longer emit the recorded"
                + " datagrams (behaviour changed; if deliberately, regenerate with -Drudp.golden.update=true and name"
                + " the changed traces in the commit message):\n" + String.join("\n", differing.subList(0, Math.min(5, differing.size()))));
        }
        assertEquals(expected.size(), actual.size());
    }

    private static List<String> read(String file) {
        try (InputStream in = GoldenTraceTest.class.getResourceAsStream("/golden/" + file)) {
            if (in == null) fail("golden/" + file + " is missing: record it with -Drudp.golden.update=true");
            List<String> lines = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) lines.add(l);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String file, List<String> lines) {
        Path dir = Path.of(System.getProperty("basedir", "."), "src", "test", "resources", "golden");
        List<String> out = new ArrayList<>();
        out.add("# Golden traces (GoldenTraceTest): one simulated run per line, with a digest of every datagram each");
        out.add("# endpoint emitted. Regenerated only by a commit that names a deliberate protocol change.");
        out.addAll(lines);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(file), out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
