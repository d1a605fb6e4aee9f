package net.rudp.io.batch;

/**
 * How a {@link BatchedUdpSocket} is sized: its kernel buffers, its send batch, its receive batch,
 * and which offloads it may use where the kernel offers them.
 *
 * <p>The batches live in direct memory: {@code batchBytes + receiveMessages * (receiveMessageBytes + 1)}
 * bytes per socket (about 1.5 MiB with the defaults), plus a few KiB of message headers on the
 * fast path.
 *
 * @param sendBufferBytes     requested {@code SO_SNDBUF} (the kernel caps it at {@code net.core.wmem_max})
 * @param receiveBufferBytes  requested {@code SO_RCVBUF} (capped at {@code net.core.rmem_max})
 * @param batchDatagrams      how many datagrams one {@link OutgoingBatch} holds
 * @param batchBytes          how many payload bytes one {@link OutgoingBatch} holds
 * @param receiveMessages     how many messages one receive reads (datagrams, or GRO trains of them)
 * @param receiveMessageBytes the longest message a receive accepts; longer datagrams are dropped
 *                            and counted. GRO needs {@value #MAX_UDP_PAYLOAD} (a train may be that long).
 * @param segmentationOffload whether sends may use UDP GSO ({@code UDP_SEGMENT}) where the kernel has it
 * @param receiveOffload      whether receives may use UDP GRO ({@code UDP_GRO}) where the kernel has it
 */
public record UdpSocketConfig(int sendBufferBytes, int receiveBufferBytes,
                              int batchDatagrams, int batchBytes,
                              int receiveMessages, int receiveMessageBytes,
                              boolean segmentationOffload, boolean receiveOffload) {

    /** Room for any UDP payload (IPv4 carries at most 65,507 bytes, IPv6 65,527) and for any GRO train (at most 64 KiB). */
    public static final int MAX_UDP_PAYLOAD = 65_535;

    /** What the endpoint driver used before batching: 4 MiB socket buffers; batches for a loop's worth of output and input. */
    public static final UdpSocketConfig DEFAULT =
        new UdpSocketConfig(4 << 20, 4 << 20, 512, 512 << 10, 16, MAX_UDP_PAYLOAD, true, true);

    public UdpSocketConfig {
        requirePositive("sendBufferBytes", sendBufferBytes);
        requirePositive("receiveBufferBytes", receiveBufferBytes);
        requirePositive("batchDatagrams", batchDatagrams);
        requirePositive("receiveMessages", receiveMessages);
        requirePositive("receiveMessageBytes", receiveMessageBytes);
        if (batchBytes < MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("batchBytes must hold the largest datagram (" + MAX_UDP_PAYLOAD + "): " + batchBytes);
        }
        if (receiveMessageBytes > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("receiveMessageBytes beyond the largest UDP payload (" + MAX_UDP_PAYLOAD
                + ") can never be filled: " + receiveMessageBytes);
        }
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive: " + value);
    }

    /** This configuration with GSO and GRO allowed or not. */
    public UdpSocketConfig withOffloads(boolean segmentation, boolean receive) {
        return new UdpSocketConfig(sendBufferBytes, receiveBufferBytes, batchDatagrams, batchBytes,
            receiveMessages, receiveMessageBytes, segmentation, receive);
    }

    /** This configuration with another receive batch. */
    public UdpSocketConfig withReceiveBatch(int messages, int messageBytes) {
        return new UdpSocketConfig(sendBufferBytes, receiveBufferBytes, batchDatagrams, batchBytes,
            messages, messageBytes, segmentationOffload, receiveOffload);
    }

    /** This configuration with another send batch. */
    public UdpSocketConfig withSendBatch(int datagrams, int bytes) {
        return new UdpSocketConfig(sendBufferBytes, receiveBufferBytes, datagrams, bytes,
            receiveMessages, receiveMessageBytes, segmentationOffload, receiveOffload);
    }

    /** This configuration with other requested kernel buffer sizes. */
    public UdpSocketConfig withSocketBuffers(int sendBytes, int receiveBytes) {
        return new UdpSocketConfig(sendBytes, receiveBytes, batchDatagrams, batchBytes,
            receiveMessages, receiveMessageBytes, segmentationOffload, receiveOffload);
    }

    /** Whether a receive batch can hold any GRO train the kernel builds. */
    boolean receiveFitsGroTrains() {
        return receiveMessageBytes >= MAX_UDP_PAYLOAD;
    }
}
