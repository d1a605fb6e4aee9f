package net.rudp.io.batch;

/**
 * What one {@link BatchedUdpSocket} has done: system calls, datagrams and messages each way, and
 * what it dropped and why. The socket's I/O thread updates them without synchronization: read
 * them on that thread, or accept values a little stale.
 */
public final class UdpCounters {
    long sendCalls;
    long datagramsSent;
    long messagesSent;
    long datagramsDropped;
    long datagramsRefused;
    long segmentationFallbacks;
    long receiveCalls;
    long messagesReceived;
    long datagramsReceived;
    long datagramsOverlong;
    long deliveryErrors;
    long deliveryErrorsForgotten;

    UdpCounters() {}

    /** System calls that sent (one per datagram on the plain path, one per batch with sendmmsg). */
    public long sendCalls() {
        return sendCalls;
    }

    /** Datagrams the kernel accepted. */
    public long datagramsSent() {
        return datagramsSent;
    }

    /** Messages the kernel accepted: datagrams, or GSO runs of them sent as one. */
    public long messagesSent() {
        return messagesSent;
    }

    /** Datagrams not sent because the socket's send buffer was full (the kernel said EAGAIN). */
    public long datagramsDropped() {
        return datagramsDropped;
    }

    /** Datagrams the kernel refused to send (too long, no route, an address the socket cannot reach). */
    public long datagramsRefused() {
        return datagramsRefused;
    }

    /** GSO runs the kernel refused and the socket resent as single datagrams. */
    public long segmentationFallbacks() {
        return segmentationFallbacks;
    }

    /** System calls that received (including those that found nothing). */
    public long receiveCalls() {
        return receiveCalls;
    }

    /** Messages received: datagrams, or GRO trains of them. */
    public long messagesReceived() {
        return messagesReceived;
    }

    /** Datagrams received, trains split. */
    public long datagramsReceived() {
        return datagramsReceived;
    }

    /** Datagrams dropped on receipt because they were longer than {@link UdpSocketConfig#receiveMessageBytes()}. */
    public long datagramsOverlong() {
        return datagramsOverlong;
    }

    /** {@link DeliveryError}s learned of. */
    public long deliveryErrors() {
        return deliveryErrors;
    }

    /** {@link DeliveryError}s forgotten because the caller did not take them before more arrived. */
    public long deliveryErrorsForgotten() {
        return deliveryErrorsForgotten;
    }

    @Override
    public String toString() {
        return "UdpCounters[sent " + datagramsSent + " datagrams in " + messagesSent + " messages, " + sendCalls
            + " calls; dropped " + datagramsDropped + ", refused " + datagramsRefused + ", GSO fallbacks "
            + segmentationFallbacks + "; received " + datagramsReceived + " datagrams in " + messagesReceived
            + " messages, " + receiveCalls + " calls; overlong " + datagramsOverlong + "; delivery errors "
            + deliveryErrors + " (" + deliveryErrorsForgotten + " forgotten)]";
    }
}
