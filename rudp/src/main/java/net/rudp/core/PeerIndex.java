package net.rudp.core;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The endpoint's connections by peer address, so that a datagram that cannot be trusted beyond
 * its source address and, for a SYN, its src id (a bad checksum, spec 6.2; a SYN, spec 5 rule 1; an ICMP error) finds its
 * connections in O(1), whatever the number of connections: scanning them all let a flood of
 * garbage cost more the busier the server was (spec/SECURITY.md). Most addresses have one
 * connection, kept as itself; only an address with several gets a set.
 */
final class PeerIndex {
    /** A {@link Connection}, or a {@code Set<Connection>} of two or more. */
    private final Map<InetSocketAddress, Object> byPeer = new HashMap<>();

    void add(Connection c) {
        byPeer.merge(c.remoteAddress(), c, (old, added) -> {
            Set<Connection> set = old instanceof Connection one ? newSet(one) : asSet(old);
            set.add((Connection) added);
            return set;
        });
    }

    void remove(Connection c) {
        byPeer.computeIfPresent(c.remoteAddress(), (peer, old) -> {
            if (old == c) return null;
            if (old instanceof Connection) return old;
            Set<Connection> set = asSet(old);
            set.remove(c);
            return set.size() == 1 ? set.iterator().next() : set;
        });
    }

    /** The connection with {@code peer}, if it has exactly one (spec 6.2); else null. */
    Connection only(InetSocketAddress peer) {
        return byPeer.get(peer) instanceof Connection c ? c : null;
    }

    /** The connection with {@code peer} whose peer id is {@code peerId} (not 0), or null. */
    Connection find(InetSocketAddress peer, int peerId) {
        Object o = byPeer.get(peer);
        if (peerId == 0 || o == null) return null;
        if (o instanceof Connection c) return c.peerId() == peerId ? c : null;
        for (Connection c : asSet(o)) if (c.peerId() == peerId) return c;
        return null;
    }

    /** Calls {@code action} for each connection with {@code peer} (the action must not add or remove connections). */
    void forEach(InetSocketAddress peer, Consumer<Connection> action) {
        Object o = byPeer.get(peer);
        if (o instanceof Connection c) action.accept(c);
        else if (o != null) asSet(o).forEach(action);
    }

    private static Set<Connection> newSet(Connection first) {
        Set<Connection> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.add(first);
        return set;
    }

    @SuppressWarnings("unchecked")
    private static Set<Connection> asSet(Object o) {
        return (Set<Connection>) o;
    }
}
