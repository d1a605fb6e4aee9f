package net.rudp.core;

import java.net.InetSocketAddress;

/** Chooses a connection's initial sequence number (spec 7); {@link IsnGenerator} is RFC 6528's choice. */
interface InitialSequenceNumbers {
    int isn(InetSocketAddress local, InetSocketAddress remote, int connId, long nowNanos);
}
