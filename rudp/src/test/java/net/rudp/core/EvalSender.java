package net.rudp.core;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.rudp.ConnectionStats;

/**
 * A bulk sender: writes its {@link EvalPattern} stream as fast as the send buffer takes it until
 * told to {@link #finish}, then half-closes, and closes once the receiver has closed its side
 * too. Optionally records the connection's window trace: one {@link EvalWindowSample} whenever
 * the congestion window, the slow-start threshold or the timeout count changed since the last step.
 */
final class EvalSender extends EvalApp {
    private final EvalPattern pattern;
    private final List<EvalWindowSample> trace;
    private final ByteBuffer discard = ByteBuffer.allocate(64);
    /** Where the stream ends; unknown (the largest offset) until {@link #finish}. */
    private long size = Long.MAX_VALUE;
    private long written;
    private boolean outputShut;
    private boolean closed;

    /** @param traceWindow whether to record {@link #trace()} */
    EvalSender(EvalPattern pattern, boolean traceWindow) {
        this.pattern = pattern;
        this.trace = traceWindow ? new ArrayList<>() : null;
    }

    long seed() {
        return pattern.seed();
    }

    /** Stream bytes the connection has taken so far. */
    long written() {
        return written;
    }

    /** Writes no more: what was written is the whole stream, and the sender half-closes at its next step. */
    void finish() {
        size = written;
    }

    /** The window trace; empty unless the sender was made to record it. */
    List<EvalWindowSample> trace() {
        return trace == null ? List.of() : trace;
    }

    @Override
    public void step(long now) {
        Connection c = connection();
        if (c == null || c.error() != null || c.isHandshaking()) return;
        if (trace != null) record(now, c.stats());
        while (written < size && !outputShut) {
            int took = c.write(pattern.bytesAt(written, (int) Math.min(size - written, 1 << 16)));
            if (took == 0) break;
            written += took;
        }
        if (written == size && !outputShut) {
            c.shutdownOutput();
            outputShut = true;
        }
        // The receiver sends nothing but its FIN: close once it has.
        if (outputShut && !closed && c.read(discard.clear()) < 0) {
            c.close();
            closed = true;
        }
    }

    private void record(long now, ConnectionStats s) {
        EvalWindowSample last = trace.isEmpty() ? null : trace.getLast();
        if (last == null || last.cwnd() != s.congestionWindow() || last.ssthresh() != s.slowStartThreshold()
            || last.timeouts() != s.retransmissionTimeouts()) {
            trace.add(new EvalWindowSample(now, s.congestionWindow(), s.slowStartThreshold(), s.rto(),
                s.retransmissionTimeouts(), s.packetsLost()));
        }
    }
}
