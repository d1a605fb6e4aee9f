package net.rudp.io.batch;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The datagrams the last {@link BatchedUdpSocket#receive()} returned, read in place from the
 * direct buffer the socket received them into, one after another with a cursor.
 *
 * <p>The socket fills message slots: a slot holds one datagram, or, with UDP GRO, a train of
 * datagrams from one source that the kernel coalesced, all of one segment size but the last,
 * which may be shorter. The cursor splits trains, so the caller sees datagrams only:
 * <pre>{@code
 * socket.receive();
 * IncomingBatch in = socket.incoming();
 * while (in.next()) {
 *     endpoint.receive(in.source(), in.datagram(), now);
 * }
 * }</pre>
 * Nothing is allocated per datagram: {@link #datagram()} returns the same buffer object each
 * time, its position and limit around the current datagram (big-endian; the caller may move its
 * position and limit, which the next call resets). A source address is the same object for as
 * long as the socket keeps seeing that source.
 */
public final class IncomingBatch {
    private final ByteBuffer buffer;
    private final ByteBuffer view;
    private final int slotBytes;
    /** Per message: the slot it was received into, its length and its datagrams' size. */
    private final int[] slots;
    private final int[] lengths;
    private final int[] segmentSizes;
    private final InetSocketAddress[] sources;
    private int messages;
    // The cursor: the message it is in and the current datagram's bounds within the buffer.
    private int message;
    private int datagramStart;
    private int datagramEnd;

    /** Slots one byte longer than the longest accepted message, so a longer datagram shows as overlong, not silently cut. */
    IncomingBatch(int maxMessages, int maxMessageBytes) {
        slotBytes = maxMessageBytes + 1;
        buffer = ByteBuffer.allocateDirect(Math.multiplyExact(maxMessages, slotBytes));
        view = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        slots = new int[maxMessages];
        lengths = new int[maxMessages];
        segmentSizes = new int[maxMessages];
        sources = new InetSocketAddress[maxMessages];
        rewind();
    }

    /**
     * Moves to the next datagram: the next segment of the current train, or the first of the next
     * message. False once every datagram was visited.
     */
    public boolean next() {
        if (message >= 0 && message < messages && datagramEnd < messageEnd(message)) {
            datagramStart = datagramEnd;
            datagramEnd = Math.min(datagramStart + segmentSizes[message], messageEnd(message));
            return true;
        }
        if (message + 1 >= messages) {
            message = messages;
            return false;
        }
        message++;
        datagramStart = slotStart(slots[message]);
        datagramEnd = datagramStart + Math.min(segmentSizes[message], lengths[message]);
        return true;
    }

    /** The current datagram (see the class comment for how the buffer may be used). */
    public ByteBuffer datagram() {
        requireCurrent();
        view.clear().position(datagramStart).limit(datagramEnd);
        return view;
    }

    /** Where the current datagram came from. */
    public InetSocketAddress source() {
        requireCurrent();
        return sources[message];
    }

    /** Puts the cursor before the first datagram again. */
    public void rewind() {
        message = -1;
        datagramStart = 0;
        datagramEnd = 0;
    }

    /** How many messages a receive reads at most: a receive that filled them all may have left more waiting. */
    public int capacity() {
        return lengths.length;
    }

    /** How many messages the last receive read (fewer than its datagrams where GRO coalesced trains). */
    public int messageCount() {
        return messages;
    }

    private void requireCurrent() {
        if (message < 0 || message >= messages) {
            throw new IllegalStateException("no current datagram: call next() and use the datagram while it returns true");
        }
    }

    private int slotStart(int slot) {
        return slot * slotBytes;
    }

    private int messageEnd(int m) {
        return slotStart(slots[m]) + lengths[m];
    }

    // ---------------------------------------------------------------- for the socket implementations

    /** Empties the batch before a receive fills it. */
    void reset() {
        Arrays.fill(sources, 0, messages, null);
        messages = 0;
        rewind();
    }


    /** The longest message a slot accepts; a longer one reads as {@code maxMessageBytes() + 1} bytes and is dropped. */
    int maxMessageBytes() {
        return slotBytes - 1;
    }

    ByteBuffer buffer() {
        return buffer;
    }

    /** Where slot {@code slot} starts in {@link #buffer()}; it is {@code maxMessageBytes() + 1} bytes long. */
    int slotOffset(int slot) {
        return slotStart(slot);
    }

    int slotBytes() {
        return slotBytes;
    }

    /**
     * Records the next message: {@code length} bytes in slot {@code slot} from {@code source},
     * datagrams of {@code segmentSize} bytes (a message of one datagram has its own length as
     * segment size). Returns how many datagrams it carries.
     */
    int addMessage(int slot, int length, int segmentSize, InetSocketAddress source) {
        if (segmentSize <= 0 || segmentSize > length) segmentSize = Math.max(length, 1);
        slots[messages] = slot;
        lengths[messages] = length;
        segmentSizes[messages] = segmentSize;
        sources[messages] = source;
        messages++;
        return length == 0 ? 1 : Math.ceilDiv(length, segmentSize);
    }
}
