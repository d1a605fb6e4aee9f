package net.rudp.demo.tools;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import net.rudp.api.MessageFraming;
import net.rudp.demo.DemoException;

/**
 * What {@code send} and {@code receive} say to each other, over any byte stream. Everything but
 * the file's bytes is a {@link MessageFraming} message; the file goes raw, since the header
 * already says how long it is.
 * <ol>
 *   <li>sender: a header, the file's name and size;</li>
 *   <li>receiver: an answer, go ahead or why not (e.g. the file exists);</li>
 *   <li>sender: the file's bytes, then its SHA-256, then end of stream;</li>
 *   <li>receiver: the SHA-256 of what it wrote, then it closes.</li>
 * </ol>
 * Both ends compare the two hashes. Header and answer start with different tags, so a sender
 * pointed at something else (an echo server, which would send the header back) says so.
 */
final class FileProtocol {
    private static final String HEADER_TAG = "rudp-demo file 1: header";
    private static final String ANSWER_TAG = "rudp-demo file 1: answer";
    private static final int SHA256_BYTES = 32;

    private FileProtocol() {}

    /** The file the sender offers: its name (no directories) and size in bytes. */
    record Header(String name, long size) {}

    static void writeHeader(OutputStream out, Header header) throws IOException {
        message(out, data -> {
            data.writeUTF(HEADER_TAG);
            data.writeUTF(header.name());
            data.writeLong(header.size());
        });
    }

    /** The sender's header; fails if the stream ends first or carries something else. */
    static Header readHeader(InputStream in) throws IOException {
        DataInputStream data = tagged(in, HEADER_TAG, "the sender");
        Header header = new Header(data.readUTF(), data.readLong());
        if (header.size() < 0) {
            throw DemoException.failure("the sender announced a negative size: " + header.size());
        }
        return header;
    }

    /** Go ahead (empty), or the reason the receiver will not take the file. */
    static void writeAnswer(OutputStream out, Optional<String> refusal) throws IOException {
        message(out, data -> {
            data.writeUTF(ANSWER_TAG);
            data.writeUTF(refusal.orElse(""));
        });
    }

    /** The receiver's refusal, or empty if it takes the file. */
    static Optional<String> readAnswer(InputStream in) throws IOException {
        String reason = tagged(in, ANSWER_TAG, "the receiver").readUTF();
        return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
    }

    static void writeDigest(OutputStream out, byte[] sha256) throws IOException {
        MessageFraming.writeMessage(out, sha256);
    }

    static byte[] readDigest(InputStream in, String who) throws IOException {
        byte[] digest = MessageFraming.readMessage(in, SHA256_BYTES);
        if (digest == null || digest.length != SHA256_BYTES) {
            throw DemoException.failure(who + " did not send its SHA-256");
        }
        return digest;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must have SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Something that writes a message's fields. */
    @FunctionalInterface
    private interface Fields {
        void write(DataOutputStream data) throws IOException;
    }

    private static void message(OutputStream out, Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            fields.write(data);
        }
        MessageFraming.writeMessage(out, bytes.toByteArray());
    }

    /** The next message's fields after {@code tag}; fails, naming {@code who}, on anything else. */
    private static DataInputStream tagged(InputStream in, String tag, String who) throws IOException {
        byte[] message = MessageFraming.readMessage(in, 64 * 1024);
        if (message == null) {
            throw DemoException.failure(who + " closed the connection without a word");
        }
        DataInputStream data = new DataInputStream(new ByteArrayInputStream(message));
        try {
            if (data.readUTF().equals(tag)) {
                return data;
            }
        } catch (IOException e) {
            // not our message at all: reported below
        }
        throw DemoException.failure(who + " does not speak send/receive (is it a rudp-demo "
            + (who.equals("the sender") ? "send" : "receive") + "?)");
    }
}
