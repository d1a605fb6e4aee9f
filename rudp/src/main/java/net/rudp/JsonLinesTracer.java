package net.rudp;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes a connection's trace as JSON lines, one event per line, times in microseconds since the
 * first event: {@code {"t":1234,"ev":"sent","type":"DATA","off":1,"len":1162,"rtx":false}}. The
 * demo plots these; {@code jq} reads them.
 */
public final class JsonLinesTracer implements ConnectionTracer {
    private final Appendable out;
    private final String connection;
    private final StringBuilder line = new StringBuilder(128);
    private long origin = Long.MIN_VALUE;

    /**
     * A tracer writing to {@code out}.
     *
     * @param out        where the lines go (an I/O error there becomes an {@link UncheckedIOException})
     * @param connection a label put on every line, e.g. "client"
     */
    public JsonLinesTracer(Appendable out, String connection) {
        this.out = out;
        this.connection = connection;
    }

    @Override
    public void packetSent(long now, String type, long offset, int length, boolean retransmission) {
        start(now, "sent").append(",\"type\":\"").append(type).append("\",\"off\":").append(offset)
            .append(",\"len\":").append(length).append(",\"rtx\":").append(retransmission);
        end();
    }

    @Override
    public void packetReceived(long now, String type, long offset, int length) {
        start(now, "received").append(",\"type\":\"").append(type).append("\",\"off\":").append(offset)
            .append(",\"len\":").append(length);
        end();
    }

    @Override
    public void packetLost(long now, long offset, int length, LossTrigger trigger) {
        start(now, "lost").append(",\"off\":").append(offset).append(",\"len\":").append(length)
            .append(",\"trigger\":\"").append(trigger.name().toLowerCase(java.util.Locale.ROOT)).append('"');
        end();
    }

    @Override
    public void metricsUpdated(long now, long cwnd, long inFlight, long srtt, long pacingRate) {
        start(now, "metrics").append(",\"cwnd\":").append(cwnd).append(",\"inflight\":").append(inFlight)
            .append(",\"srtt_us\":").append(srtt / 1_000).append(",\"pacing_Bps\":").append(pacingRate);
        end();
    }

    private StringBuilder start(long now, String event) {
        if (origin == Long.MIN_VALUE) origin = now;
        line.setLength(0);
        return line.append("{\"t\":").append((now - origin) / 1_000).append(",\"conn\":\"").append(connection)
            .append("\",\"ev\":\"").append(event).append('"');
    }

    private void end() {
        line.append("}\n");
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("trace output failed", e);
        }
    }
}
