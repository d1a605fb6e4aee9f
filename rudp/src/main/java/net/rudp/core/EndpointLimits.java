package net.rudp.core;

import net.rudp.ConnectionConfig;

/**
 * What one endpoint may hold whatever its peers send (spec 8.2, 10.5): the receive memory all its
 * connections share, and how many connections it keeps; unset values derive from the heap.
 */
final class EndpointLimits {
    /** Heap per connection a default limit allows: an idle connection's state is a fraction of it, and what it sends and receives the rest. */
    static final long HEAP_PER_CONNECTION = 128 << 10;

    private final ReceiveMemory memory;
    private final int maxConnections;

    private EndpointLimits(ReceiveMemory memory, int maxConnections) {
        this.memory = memory;
        this.maxConnections = maxConnections;
    }

    /** The limits {@code config} sets, the unset ones derived from a heap of at most {@code maxHeap} bytes. */
    static EndpointLimits of(ConnectionConfig config, long maxHeap) {
        return of(config, maxHeap, 1);
    }

    /**
     * One of {@code shares} endpoints serving one address together (a listener's loops): each
     * gets a {@code 1/shares} part of the budget and of the connection limit (at least one), so
     * together they hold what one endpoint would.
     */
    static EndpointLimits of(ConnectionConfig config, long maxHeap, int shares) {
        int connections = config.maxConnections() > 0 ? config.maxConnections()
            : (int) Math.clamp(maxHeap / HEAP_PER_CONNECTION, 1, Integer.MAX_VALUE);
        return new EndpointLimits(ReceiveMemory.of(config, maxHeap, shares), Math.max(1, connections / shares));
    }

    ReceiveMemory memory() {
        return memory;
    }

    int maxConnections() {
        return maxConnections;
    }

    /** Whether a call request may create a connection while the endpoint keeps {@code live} (spec 8.2). */
    boolean admitsConnection(int live) {
        return live < maxConnections;
    }
}
