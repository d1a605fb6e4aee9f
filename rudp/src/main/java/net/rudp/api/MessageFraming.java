package net.rudp.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.util.Objects;

/**
 * Length-prefixed messages over any byte stream (rudp, TCP, a file): each message is a 4-byte
 * big-endian length followed by that many bytes. A stream transport keeps no message boundaries
 * (one write may arrive in several reads and several writes in one read); this restores them.
 *
 * <pre>{@code
 * MessageFraming.writeMessage(socket.getOutputStream(), "hello".getBytes());
 * byte[] m;
 * while ((m = MessageFraming.readMessage(socket.getInputStream())) != null) handle(m);
 * }</pre>
 *
 * <p>The reader bounds the length it accepts, so a corrupt or hostile prefix cannot make it
 * allocate gigabytes.
 */
public final class MessageFraming {

    /** The longest message {@link #readMessage(InputStream)} accepts: 16 MiB. */
    public static final int DEFAULT_MAX_LENGTH = 16 << 20;
    private static final int PREFIX_BYTES = 4;
    /**
     * Messages up to this size go out in one write with their prefix: on a socket that sends
     * small writes at once (rudp, or TCP with TCP_NODELAY) a separate 4-byte write would cost a
     * packet of its own. Longer ones skip the copy; the prefix's packet is then negligible.
     */
    private static final int COALESCE_LIMIT = 64 * 1024;

    private MessageFraming() {}

    /**
     * Writes {@code message} as one message.
     *
     * @param out     the stream
     * @param message the message's bytes
     * @throws IOException as {@code out} throws it
     */
    public static void writeMessage(OutputStream out, byte[] message) throws IOException {
        writeMessage(out, message, 0, message.length);
    }

    /**
     * Writes {@code message[off, off + len)} as one message.
     *
     * @param out     the stream
     * @param message holds the message's bytes
     * @param off     where they start
     * @param len     how many there are
     * @throws IOException as {@code out} throws it
     */
    public static void writeMessage(OutputStream out, byte[] message, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, message.length);
        if (len <= COALESCE_LIMIT) {
            byte[] framed = new byte[PREFIX_BYTES + len];
            putLength(framed, len);
            System.arraycopy(message, off, framed, PREFIX_BYTES, len);
            out.write(framed);
        } else {
            byte[] prefix = new byte[PREFIX_BYTES];
            putLength(prefix, len);
            out.write(prefix);
            out.write(message, off, len);
        }
    }

    /**
     * Reads one message of at most {@link #DEFAULT_MAX_LENGTH} bytes; see {@link #readMessage(InputStream, int)}.
     *
     * @param in the stream
     * @return the message, or null if the stream ended cleanly between messages
     * @throws IOException as {@link #readMessage(InputStream, int)} throws it
     */
    public static byte[] readMessage(InputStream in) throws IOException {
        return readMessage(in, DEFAULT_MAX_LENGTH);
    }

    /**
     * Reads one message.
     *
     * @param in        the stream
     * @param maxLength the longest message accepted, in bytes
     * @return the message, or null if the stream ended cleanly between messages
     * @throws EOFException      if the stream ended inside a message (prefix or body)
     * @throws ProtocolException if the prefix announces more than {@code maxLength} bytes
     * @throws IOException       as {@code in} throws it
     */
    public static byte[] readMessage(InputStream in, int maxLength) throws IOException {
        if (maxLength < 0) throw new IllegalArgumentException("maxLength must not be negative: " + maxLength);
        int first = in.read();
        if (first < 0) return null;
        byte[] prefix = new byte[PREFIX_BYTES];
        prefix[0] = (byte) first;
        int got = in.readNBytes(prefix, 1, PREFIX_BYTES - 1);
        if (got < PREFIX_BYTES - 1) {
            throw new EOFException("stream ended inside a message's length prefix (" + (1 + got) + " of 4 bytes)");
        }
        long length = ((prefix[0] & 0xffL) << 24) | ((prefix[1] & 0xff) << 16) | ((prefix[2] & 0xff) << 8) | (prefix[3] & 0xff);
        if (length > maxLength) {
            throw new ProtocolException("message length " + length + " exceeds the maximum of " + maxLength + " bytes");
        }
        byte[] message = new byte[(int) length];
        int read = in.readNBytes(message, 0, message.length);
        if (read < message.length) {
            throw new EOFException("stream ended inside a message: " + read + " of " + length + " bytes");
        }
        return message;
    }

    private static void putLength(byte[] into, int length) {
        into[0] = (byte) (length >>> 24);
        into[1] = (byte) (length >>> 16);
        into[2] = (byte) (length >>> 8);
        into[3] = (byte) length;
    }
}
