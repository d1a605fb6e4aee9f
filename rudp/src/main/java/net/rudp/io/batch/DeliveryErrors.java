package net.rudp.io.batch;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;

/**
 * The {@link DeliveryError}s a socket learned of and its caller has not taken yet, bounded: past
 * {@value #CAPACITY} the oldest are forgotten (and counted), so a flood of ICMP errors costs
 * bounded memory.
 */
final class DeliveryErrors {
    static final int CAPACITY = 64;
    private final ArrayDeque<DeliveryError> pending = new ArrayDeque<>(CAPACITY);
    private final UdpCounters counters;

    DeliveryErrors(UdpCounters counters) {
        this.counters = counters;
    }

    void add(InetSocketAddress destination, DeliveryError.Kind kind, int mtu) {
        counters.deliveryErrors++;
        if (pending.size() == CAPACITY) {
            pending.removeFirst();
            counters.deliveryErrorsForgotten++;
        }
        pending.addLast(new DeliveryError(destination, kind, mtu));
    }

    /** The oldest error not taken yet, or null. */
    DeliveryError poll() {
        return pending.pollFirst();
    }
}
