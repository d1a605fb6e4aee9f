package net.rudp.core;

import java.nio.ByteBuffer;

/**
 * The application's outgoing stream (spec 9.1, 10.1): the bytes written and not yet
 * acknowledged, held in a ring by offset, with the oldest unacknowledged offset (SND.UNA), the
 * next to send (SND.NXT), the FIN once output is shut down, and the right edge of the peer's
 * window. Offsets are our sequence space: byte {@code k} is offset {@code 1 + k}.
 */
final class SendBuffer {
    private final ByteRing ring;
    private final int capacity;
    private long sndUna = 1;
    private long sndNxt = 1;
    private long writeEnd = 1;
    private long finOffset = -1;
    private long peerWindowRight = 1;

    SendBuffer(int capacity) {
        this.ring = new ByteRing(capacity);
        this.capacity = capacity;
    }

    ByteRing ring() {
        return ring;
    }

    /** SND.UNA: the oldest offset not yet acknowledged. */
    long sndUna() {
        return sndUna;
    }

    /** SND.NXT: the next offset to send for the first time. */
    long sndNxt() {
        return sndNxt;
    }

    /** The FIN's offset (the one after the last data byte), or -1 while output is open. */
    long finOffset() {
        return finOffset;
    }

    boolean isShutDown() {
        return finOffset >= 0;
    }

    /** Room left for the application to write. */
    int writable() {
        return (int) (capacity - (writeEnd - sndUna));
    }

    /** Bytes written and not yet acknowledged. */
    long unacknowledged() {
        return writeEnd - sndUna;
    }

    /** Bytes written and not yet sent once. */
    long unsent() {
        return writeEnd - sndNxt;
    }

    /** Copies up to {@code n} bytes of {@code src} in; {@code n} is at most {@link #writable()}. */
    void write(ByteBuffer src, int n) {
        ring.ensureSpan(sndUna, writeEnd, (int) (writeEnd + n - sndUna));
        ring.write(writeEnd, src, n);
        writeEnd += n;
    }

    /** Gives the ring back if every byte written has been acknowledged; returns whether it did. */
    boolean releaseIfAcknowledged() {
        if (writeEnd != sndUna) return false;
        ring.release();
        return true;
    }

    /** Output is shut down: the FIN follows the data written so far. */
    void shutDown() {
        finOffset = writeEnd;
    }

    /** {@code length} new bytes (or the FIN) were sent. */
    void sent(int length) {
        sndNxt += length;
    }

    /** Whether the FIN is the next thing to send for the first time. */
    boolean finIsNext() {
        return finOffset >= 0 && sndNxt == finOffset;
    }

    /** The cumulative ACK reached {@code ack}. */
    void acknowledged(long ack) {
        sndUna = ack;
    }

    /** Whether the FIN was sent and everything up to it acknowledged. */
    boolean isDrained() {
        return finOffset >= 0 && sndUna > finOffset;
    }

    /** The peer's window reaches to {@code right}; the edge never moves left for the sender (spec 10.1). */
    void peerWindow(long right) {
        if (right > peerWindowRight) peerWindowRight = right;
    }

    /** The offset at which the peer's window ends: nothing at or beyond it may be sent. */
    long peerWindowRight() {
        return peerWindowRight;
    }

    /** The room left in the peer's window beyond SND.NXT. */
    long sendWindow() {
        return Math.max(0, peerWindowRight - sndNxt);
    }
}
