package net.rudp.demo.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.rudp.api.MessageFraming;
import net.rudp.demo.report.Json;

/**
 * One message of perf's control conversation (and the greeting on each data connection): a flat
 * JSON object with a {@code "type"}, framed by {@link MessageFraming}. Human-readable, so a test
 * in progress can be followed with a packet capture, as iperf3's control messages can.
 */
record ControlMessage(Map<String, Object> fields) {
    /** Control messages are small; a peer announcing more is not speaking perf. */
    private static final int MAX_LENGTH = 64 * 1024;

    /** A message of {@code type} with {@code keysAndValues} (key, value, key, value...). */
    static ControlMessage of(String type, Object... keysAndValues) {
        Map<String, Object> m = Json.object("type", type);
        m.putAll(Json.object(keysAndValues));
        return new ControlMessage(m);
    }

    String type() {
        return text("type");
    }

    /** This message with {@code more} fields added. */
    ControlMessage with(Map<String, Object> more) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        m.putAll(more);
        return new ControlMessage(m);
    }

    void writeTo(OutputStream out) throws IOException {
        MessageFraming.writeMessage(out, Json.write(fields).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Reads the next message.
     *
     * @throws java.io.EOFException if the stream ended first
     * @throws ProtocolException    if what came is not a perf message
     */
    static ControlMessage readFrom(InputStream in) throws IOException {
        byte[] framed = MessageFraming.readMessage(in, MAX_LENGTH);
        if (framed == null) {
            throw new java.io.EOFException("the peer closed the connection");
        }
        try {
            Map<String, Object> m = Json.readFlatObject(new String(framed, StandardCharsets.UTF_8));
            if (!(m.get("type") instanceof String)) {
                throw new ProtocolException("a perf message has a \"type\": " + Json.write(m));
            }
            return new ControlMessage(m);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("not a perf message: " + e.getMessage());
        }
    }

    /** Reads the next message and checks that it is of {@code type}; a peer's "error" message becomes its reason. */
    static ControlMessage expect(InputStream in, String type) throws IOException {
        ControlMessage m = readFrom(in);
        if (m.type().equals("error")) {
            throw new PeerRefused(m.text("reason"));
        }
        if (!m.type().equals(type)) {
            throw new ProtocolException("expected a \"" + type + "\" message, got " + Json.write(m.fields));
        }
        return m;
    }

    String text(String key) {
        if (fields.get(key) instanceof String s) {
            return s;
        }
        throw missing(key, "a string");
    }

    long number(String key) {
        if (fields.get(key) instanceof Long n) {
            return n;
        }
        throw missing(key, "a whole number");
    }

    double decimal(String key) {
        if (fields.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw missing(key, "a number");
    }

    boolean flag(String key) {
        if (fields.get(key) instanceof Boolean b) {
            return b;
        }
        throw missing(key, "true or false");
    }

    boolean has(String key) {
        return fields.get(key) != null;
    }

    private IllegalArgumentException missing(String key, String what) {
        return new IllegalArgumentException("a perf \"" + fields.get("type") + "\" message needs \"" + key + "\" as "
            + what + ": " + Json.write(fields));
    }

    /** The peer said why it will not run the test (e.g. the server is busy). */
    static final class PeerRefused extends IOException {
        PeerRefused(String reason) {
            super(reason);
        }
    }
}
