package net.rudp.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import net.rudp.ConnectionTracer;

/**
 * Writes a connection's trace as qlog (draft-ietf-quic-qlog-main-schema, qlog_version 0.3, the
 * version qvis and the QUIC stacks' tools read) in its JSON-SEQ serialization (RFC 7464): a
 * {@code .sqlog} file of records, each a record separator (0x1E), one JSON text and a line feed.
 * The first record is the header; every later one is an event {@code {"time", "name", "data"}}.
 *
 * <p>Event names and fields are those of the QUIC events (draft-ietf-quic-qlog-quic-events)
 * where they mean the same in rudp; what QUIC has no word for is in the {@code rudp:} namespace.
 *
 * <table>
 * <caption>What each tracer call writes</caption>
 * <tr><th>call</th><th>event</th><th>data</th></tr>
 * <tr><td>packetSent, packetReceived</td><td>transport:packet_sent, transport:packet_received</td>
 *     <td>{@code header.packet_type}: the rudp type in lower case ({@code "data"}, {@code "syn_ack"}; QUIC's
 *     own types do not occur); {@code offset}, {@code length}: rudp's, the stream offset of the first
 *     sequence number the packet occupies (the SYN's is 0) and how many it occupies; {@code trigger}
 *     {@code "rudp:retransmit"} on a retransmission (the tracer is not told why)</td></tr>
 * <tr><td>packetLost</td><td>recovery:packet_lost</td>
 *     <td>{@code offset}, {@code length}; {@code trigger}: RACK is {@code time_threshold}, DupThresh
 *     {@code reordering_threshold}, the retransmission timeout {@code pto_expired}, a NACK
 *     {@code rudp:nack}</td></tr>
 * <tr><td>metricsUpdated</td><td>recovery:metrics_updated</td>
 *     <td>only the values that changed: {@code congestion_window}, {@code bytes_in_flight} (bytes),
 *     {@code smoothed_rtt} (milliseconds; left out before the first sample), {@code pacing_rate}
 *     (bits per second; left out while not pacing)</td></tr>
 * </table>
 *
 * <p>Times are milliseconds since {@link Trace#originNanos()}, the connection's clock at the
 * trace's {@code reference_time} (milliseconds since 1970, given by whoever reads both clocks).
 * Not thread-safe, like the connection that calls it.
 */
public final class QlogTracer implements ConnectionTracer {

    /** The qlog version written: draft-ietf-quic-qlog-main-schema up to -08; what qvis reads. */
    public static final String QLOG_VERSION = "0.3";
    /** The serialization: JSON Text Sequences, RFC 7464. */
    public static final String QLOG_FORMAT = "JSON-SEQ";
    /** RFC 7464: every JSON text of a sequence is preceded by this. */
    static final char RECORD_SEPARATOR = '\u001E';

    /** Which end of the connection the trace is written at (qlog's VantagePointType). */
    public enum VantagePoint {
        /** The end that connected. */
        CLIENT,
        /** The end that accepted. */
        SERVER,
        /** An observer on the path. */
        NETWORK,
        /** Not said. */
        UNKNOWN
    }

    /**
     * What the header says about the trace.
     *
     * @param title               a title for the trace, e.g. "rudp client"
     * @param vantagePoint        where it was written
     * @param groupId             the connection's label, put in every event's common fields (e.g. its address pair)
     * @param originNanos         the connection's clock reading ({@code nowNanos}) that is time 0 of the trace
     * @param referenceTimeMillis the wall-clock time at {@code originNanos}, in milliseconds since 1970
     */
    public record Trace(String title, VantagePoint vantagePoint, String groupId, long originNanos, long referenceTimeMillis) {
        /**
         * Checks that the names are given.
         *
         * @throws NullPointerException if the title, vantage point or group id is null
         */
        public Trace {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(vantagePoint, "vantagePoint");
            Objects.requireNonNull(groupId, "groupId");
        }
    }

    /** Nanoseconds are written as milliseconds with six decimals: nothing is rounded away. */
    private static final int NANOS_SCALE = 6;

    private final Appendable out;
    private final long originNanos;
    private final JsonText json = new JsonText();
    private long lastCwnd = -1;
    private long lastInFlight = -1;
    private long lastSrtt = -1;
    private long lastPacingRate = -1;

    /**
     * Writes the header record to {@code out} at once; each event is appended as it happens.
     *
     * @param out   where the records go
     * @param trace what the header says
     */
    public QlogTracer(Appendable out, Trace trace) {
        this.out = out;
        this.originNanos = trace.originNanos();
        json.reset().beginObject()
            .name("qlog_version").value(QLOG_VERSION)
            .name("qlog_format").value(QLOG_FORMAT)
            .name("title").value(trace.title())
            .name("trace").beginObject()
                .name("title").value(trace.title())
                .name("vantage_point").beginObject()
                    .name("name").value(trace.title())
                    .name("type").value(lowerCase(trace.vantagePoint()))
                .endObject()
                .name("common_fields").beginObject()
                    .name("protocol_type").beginArray().value("RUDP").endArray()
                    .name("group_id").value(trace.groupId())
                    .name("time_format").value("relative")
                    .name("reference_time").value(trace.referenceTimeMillis())
                .endObject()
            .endObject()
        .endObject();
        writeRecord();
    }

    @Override
    public void packetSent(long nowNanos, String type, long offset, int length, boolean retransmission) {
        packet(nowNanos, "transport:packet_sent", type, offset, length);
        if (retransmission) json.name("trigger").value("rudp:retransmit");
        endEvent();
    }

    @Override
    public void packetReceived(long nowNanos, String type, long offset, int length) {
        packet(nowNanos, "transport:packet_received", type, offset, length);
        endEvent();
    }

    @Override
    public void packetLost(long nowNanos, long offset, int length, LossTrigger trigger) {
        beginEvent(nowNanos, "recovery:packet_lost").name("offset").value(offset).name("length").value(length)
            .name("trigger").value(switch (trigger) {
                case RACK -> "time_threshold";
                case DUP_THRESH -> "reordering_threshold";
                case TIMEOUT -> "pto_expired";
                case NACK -> "rudp:nack";
            });
        endEvent();
    }

    /**
     * quic-events: "In order to make logging easier, implementations MAY log values even if they
     * are the same as previously reported values ... However, applications SHOULD try to log only
     * actual updates to values." So only the fields that changed are written, and nothing when
     * none did.
     */
    @Override
    public void metricsUpdated(long nowNanos, long congestionWindow, long bytesInFlight, long smoothedRttNanos, long pacingRate) {
        boolean cwndChanged = congestionWindow != lastCwnd;
        boolean inFlightChanged = bytesInFlight != lastInFlight;
        boolean srttChanged = smoothedRttNanos != lastSrtt && smoothedRttNanos > 0;
        boolean pacingChanged = pacingRate != lastPacingRate && pacingRate > 0;
        if (!cwndChanged && !inFlightChanged && !srttChanged && !pacingChanged) return;
        beginEvent(nowNanos, "recovery:metrics_updated");
        if (srttChanged) json.name("smoothed_rtt").fixedPoint(smoothedRttNanos, NANOS_SCALE);
        if (cwndChanged) json.name("congestion_window").value(congestionWindow);
        if (inFlightChanged) json.name("bytes_in_flight").value(bytesInFlight);
        if (pacingChanged) json.name("pacing_rate").value(pacingRate > Long.MAX_VALUE / 8 ? Long.MAX_VALUE : pacingRate * 8);
        endEvent();
        lastCwnd = congestionWindow;
        lastInFlight = bytesInFlight;
        if (smoothedRttNanos > 0) lastSrtt = smoothedRttNanos;
        if (pacingRate > 0) lastPacingRate = pacingRate;
    }

    private void packet(long nowNanos, String name, String type, long offset, int length) {
        beginEvent(nowNanos, name)
            .name("header").beginObject().name("packet_type").value(type.toLowerCase(Locale.ROOT)).endObject()
            .name("offset").value(offset)
            .name("length").value(length);
    }

    /** Starts an event record and its data object; the caller adds the data's members. */
    private JsonText beginEvent(long nowNanos, String name) {
        return json.reset().beginObject()
            .name("time").fixedPoint(nowNanos - originNanos, NANOS_SCALE)
            .name("name").value(name)
            .name("data").beginObject();
    }

    private void endEvent() {
        json.endObject().endObject();
        writeRecord();
    }

    private void writeRecord() {
        try {
            out.append(RECORD_SEPARATOR).append(json.text()).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("qlog output failed", e);
        }
    }

    private static String lowerCase(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
