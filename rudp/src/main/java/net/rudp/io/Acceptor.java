package net.rudp.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.locks.Condition;
import net.rudp.EndpointStats;

/**
 * One {@code listen()}: hands out the connections whose handshake completed, from the one
 * endpoint that listens or from each endpoint of a {@link ListenerGroup} in turn, as one accept
 * queue. Closing it stops listening (calls not yet accepted are reset) but leaves accepted
 * connections alone; the endpoints and their port stay until the last of them ends.
 *
 * <p><b>Waiting.</b> A waiting thread sleeps on this acceptor's own lock, never holding it while
 * it takes an endpoint's lock to look for a connection; an endpoint that has one ready counts a
 * change here under its own lock (endpoint lock, then this one, never the other way round). A
 * thread that found nothing sleeps only if no change was counted since it began looking, so no
 * connection that became ready meanwhile is missed.
 */
public final class Acceptor {

    private final List<EndpointDriver> drivers;
    private final EndpointLock gate = new EndpointLock();
    private final Condition acceptable = gate.newCondition();
    // Guarded by gate.
    /** Counts connections made ready and failures, so that a waiter learns of one it might have missed. */
    private long changes;
    private boolean closed;
    /** Which endpoint a search begins with, so that one with many ready connections does not starve the others. */
    private int nextFirst;

    /** @param drivers the endpoints that listen for this acceptor: one, or a group's, all on one address */
    Acceptor(List<EndpointDriver> drivers) {
        this.drivers = List.copyOf(drivers);
    }

    /**
     * The next established connection, waiting up to {@code timeoutNanos}
     * ({@link BlockingConnection#FOREVER}: no limit).
     *
     * @throws SocketTimeoutException "Accept timed out"
     * @throws SocketException        "Socket closed" once this acceptor is closed (also for a
     *                                thread waiting here when another closes it)
     */
    public BlockingConnection accept(long timeoutNanos) throws IOException {
        long remaining = timeoutNanos;
        while (true) {
            Search search = gate.call(this::beginSearch);
            BlockingConnection c = pollAny(search.first());
            if (c != null) return c;
            if (remaining <= 0) throw new SocketTimeoutException("Accept timed out");
            remaining = awaitChange(search.seen(), remaining);
        }
    }

    /** Where a search for a ready connection begins, and the count of changes it may miss. */
    private record Search(long seen, int first) {}

    /** Under the gate: a search's start, the next search beginning with the next endpoint. */
    private Search beginSearch() throws SocketException {
        if (closed) throw new SocketException("Socket closed");
        Search search = new Search(changes, nextFirst);
        nextFirst = (nextFirst + 1) % drivers.size();
        return search;
    }

    /** A ready connection of any endpoint, searched from {@code first} on, or null. */
    private BlockingConnection pollAny(int first) throws SocketException {
        for (int i = 0; i < drivers.size(); i++) {
            EndpointDriver d = drivers.get((first + i) % drivers.size());
            BlockingConnection c = d.lock.call(() -> d.pollAccepted(this));
            if (c != null) return c;
        }
        return null;
    }

    /** Sleeps until a change after {@code seen}, a close, or the time is up; returns the time left. */
    private long awaitChange(long seen, long remaining) throws SocketException {
        try {
            return gate.call(() -> sleepUntilChange(seen, remaining));
        } catch (InterruptedException e) {
            close();
            throw Waiting.closedByInterrupt();
        }
    }

    /** Under the gate: {@link #awaitChange}'s wait. */
    private long sleepUntilChange(long seen, long remaining) throws InterruptedException {
        while (changes == seen && !closed && remaining > 0) remaining = Waiting.await(acceptable, remaining);
        return remaining;
    }

    /** Stops listening. Idempotent. */
    public void close() {
        boolean closing = gate.call(() -> {
            if (closed) return false;
            closed = true;
            acceptable.signalAll();
            return true;
        });
        if (!closing) return;
        for (EndpointDriver d : drivers) d.lock.run(() -> d.stopListening(this));
    }

    public InetSocketAddress localAddress() {
        return drivers.getFirst().localAddress();
    }

    /** The driver that runs the listening endpoint (the first, of a group). */
    public EndpointDriver driver() {
        return drivers.getFirst();
    }

    /** How many endpoints, each with its loop thread, listen for this acceptor. */
    public int loops() {
        return drivers.size();
    }

    /** The endpoints that listen for this acceptor, the first first (for tests). */
    List<EndpointDriver> drivers() {
        return drivers;
    }

    /** The listening endpoints' counts, summed. */
    public EndpointStats endpointStats() {
        EndpointStats sum = drivers.getFirst().endpointStats();
        for (int i = 1; i < drivers.size(); i++) sum = sum.plus(drivers.get(i).endpointStats());
        return sum;
    }

    /** A connection is ready to accept, or an endpoint failed: waiters look again. Any thread, under any endpoint lock. */
    void wakeWaiters() {
        gate.run(() -> {
            changes++;
            acceptable.signalAll();
        });
    }
}
