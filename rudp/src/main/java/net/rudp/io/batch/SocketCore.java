package net.rudp.io.batch;

import java.net.InetSocketAddress;

/**
 * What every {@link BatchedUdpSocket} implementation holds alike: its bound address, its two
 * batches, its counters and its undelivered-datagram reports.
 */
abstract class SocketCore implements BatchedUdpSocket {
    protected final InetSocketAddress localAddress;
    protected final OutgoingBatch outgoing;
    protected final IncomingBatch incoming;
    protected final UdpCounters counters = new UdpCounters();
    protected final DeliveryErrors deliveryErrors = new DeliveryErrors(counters);

    SocketCore(InetSocketAddress localAddress, UdpSocketConfig config) {
        this.localAddress = localAddress;
        this.outgoing = new OutgoingBatch(config.batchDatagrams(), config.batchBytes());
        this.incoming = new IncomingBatch(config.receiveMessages(), config.receiveMessageBytes());
    }

    @Override
    public final InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public final OutgoingBatch outgoing() {
        return outgoing;
    }

    @Override
    public final IncomingBatch incoming() {
        return incoming;
    }

    @Override
    public final DeliveryError pollDeliveryError() {
        return deliveryErrors.poll();
    }

    @Override
    public final UdpCounters counters() {
        return counters;
    }
}
