package net.rudp.demo.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import net.rudp.core.DatagramSink;
import net.rudp.core.Endpoint;

/**
 * One direction of an in-memory wire with a fixed one-way delay: what an endpoint flushes into it
 * arrives at the other endpoint {@code delay} nanoseconds of virtual time later, in order.
 *
 * <p>Datagrams are copied into a ring of pooled buffers (the sink's buffer is only valid during
 * the call), so once the ring has grown to the most datagrams ever in flight, carrying one
 * allocates nothing: whatever a benchmark's allocation profile shows is the endpoints' own.
 */
final class InMemoryLink implements DatagramSink {
    private final long delayNanos;
    private final int slotBytes;
    private ByteBuffer[] slots = new ByteBuffer[0];
    private long[] arrivals = new long[0];
    private int head;
    private int count;
    private long sendTime;
    private long datagrams;

    InMemoryLink(long delayNanos, int maxDatagramSize) {
        if (delayNanos <= 0) throw new IllegalArgumentException("the one-way delay must be positive: " + delayNanos);
        this.delayNanos = delayNanos;
        this.slotBytes = maxDatagramSize;
    }

    /** This link as the sink of a flush at {@code nowNanos}: what it takes arrives {@code delay} later. */
    DatagramSink sendingAt(long nowNanos) {
        sendTime = nowNanos;
        return this;
    }

    @Override
    public void send(InetSocketAddress to, ByteBuffer datagram) {
        if (count == slots.length) grow();
        int i = (head + count) & (slots.length - 1);
        ByteBuffer slot = slots[i];
        int n = datagram.remaining();
        slot.clear().put(0, datagram, datagram.position(), n).limit(n);
        arrivals[i] = sendTime + delayNanos;
        count++;
        datagrams++;
    }

    /**
     * Hands up to {@code batch} datagrams that have arrived by {@code nowNanos} to {@code receiver},
     * as sent from {@code from}, oldest first; returns how many.
     */
    int deliverDue(long nowNanos, Endpoint receiver, InetSocketAddress from, int batch) {
        int delivered = 0;
        while (delivered < batch && count > 0 && arrivals[head] <= nowNanos) {
            ByteBuffer slot = slots[head];
            head = (head + 1) & (slots.length - 1);
            count--;
            delivered++;
            // The endpoint copies what it keeps before returning, so the slot may be reused at once.
            receiver.receive(from, slot, nowNanos);
        }
        return delivered;
    }

    /** When the oldest datagram on the wire arrives; {@code Long.MAX_VALUE} when the wire is empty. */
    long nextArrival() {
        return count == 0 ? Long.MAX_VALUE : arrivals[head];
    }

    /** Datagrams carried since this link was made. */
    long datagrams() {
        return datagrams;
    }

    private void grow() {
        int n = Math.max(16, slots.length * 2); // a power of two, so indices wrap with a mask
        ByteBuffer[] moreSlots = new ByteBuffer[n];
        long[] moreArrivals = new long[n];
        for (int k = 0; k < count; k++) {
            moreSlots[k] = slots[(head + k) & (slots.length - 1)];
            moreArrivals[k] = arrivals[(head + k) & (slots.length - 1)];
        }
        for (int k = count; k < n; k++) moreSlots[k] = ByteBuffer.allocate(slotBytes);
        slots = moreSlots;
        arrivals = moreArrivals;
        head = 0;
    }
}
