package net.rudp.demo.testbed;

/**
 * One direction of an emulated link, as a deterministic queue of packets: what goes in, and when
 * (and whether) it comes out. Time is passed in; implementations read no clock and start no
 * thread, so the same model serves the live test bed and simulations. Not thread-safe: the
 * test bed calls it under a lock.
 */
public interface PacketLink {

    /**
     * A packet entered the link at {@code nowNanos}. The link takes ownership of {@code packet}
     * (the caller passes a fresh array and does not touch it again); it may drop, delay,
     * duplicate or reorder it.
     *
     * @param length how many bytes of {@code packet} are the packet
     */
    void offer(long nowNanos, byte[] packet, int length);

    /** When the next packet is due to leave the link, or {@link Long#MAX_VALUE} if none is queued. */
    long nextDeliveryNanos();

    /** Hands every packet due at or before {@code nowNanos} to {@code out}, in delivery order. */
    void poll(long nowNanos, PacketConsumer out);

    /** Receives the packets a link delivers. */
    @FunctionalInterface
    interface PacketConsumer {
        /** {@code packet[0..length)} leaves the link; the consumer must not keep {@code packet}. */
        void accept(byte[] packet, int length);
    }
}
