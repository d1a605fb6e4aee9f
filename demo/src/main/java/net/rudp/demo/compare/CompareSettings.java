package net.rudp.demo.compare;

import java.time.Duration;
import java.util.List;
import net.rudp.demo.transport.Transport;

/**
 * What a comparison runs.
 *
 * @param transports  run one after another, in this order
 * @param size        bytes each transport transfers
 * @param seed        seed of the byte pattern (the same for every transport)
 * @param timeout     how long one transport's transfer may take before it is abandoned
 * @param sampleEvery how often the receiver reports progress (the charts' resolution)
 */
public record CompareSettings(List<Transport> transports, long size, long seed, Duration timeout,
                              Duration sampleEvery) {
    public CompareSettings {
        transports = List.copyOf(transports);
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one transport");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("the transfer size must be positive, not " + size);
        }
    }
}
