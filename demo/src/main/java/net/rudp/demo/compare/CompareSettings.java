package net.rudp.demo.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.rudp.demo.transport.Transport;

/**
 * What a comparison runs.
 *
 * @param transports  one flow each, in this order (a transport may appear more than once when together)
 * @param together    all flows at the same time through the same link, rather than one after another
 * @param stagger     together: how long after one flow the next one starts
 * @param size        bytes each flow transfers (unless its time runs out first)
 * @param time        how long each sender writes at most before it ends its stream; empty for no limit
 * @param seed        seed of the byte pattern (the same for every flow)
 * @param timeout     how long one run (one flow, or all of them together) may take before it is abandoned
 * @param sampleEvery how often the receiver reports progress (the charts' resolution)
 */
public record CompareSettings(List<Transport> transports, boolean together, Duration stagger, long size,
                              Optional<Duration> time, long seed, Duration timeout, Duration sampleEvery) {
    public CompareSettings {
        transports = List.copyOf(transports);
        Objects.requireNonNull(stagger, "stagger");
        Objects.requireNonNull(time, "time");
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one transport");
        }
        if (together && transports.size() < 2) {
            throw new IllegalArgumentException("flows together need at least two of them, not " + transports.size());
        }
        if (!together && !stagger.isZero()) {
            throw new IllegalArgumentException("a stagger needs flows together");
        }
        if (stagger.isNegative()) {
            throw new IllegalArgumentException("the stagger must not be negative, not " + stagger);
        }
        if (size <= 0) {
            throw new IllegalArgumentException("the transfer size must be positive, not " + size);
        }
        if (time.isPresent() && !time.get().isPositive()) {
            throw new IllegalArgumentException("the time limit must be positive, not " + time.get());
        }
    }

    /** One transport after another, each with all of {@code size}, no time limit. */
    public static CompareSettings sequential(List<Transport> transports, long size, long seed, Duration timeout,
                                             Duration sampleEvery) {
        return new CompareSettings(transports, false, Duration.ZERO, size, Optional.empty(), seed, timeout, sampleEvery);
    }

    /**
     * The flows' names, in order: the transport's name, numbered ({@code rudp-1}, {@code rudp-2})
     * where a transport runs more than once.
     */
    public List<String> flowNames() {
        List<String> names = transports.stream().map(Transport::name).toList();
        List<String> flows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            boolean repeated = Collections.frequency(names, name) > 1;
            flows.add(repeated ? name + "-" + (Collections.frequency(names.subList(0, i), name) + 1) : name);
        }
        return flows;
    }
}
