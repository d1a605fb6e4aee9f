package net.rudp.api;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Argument checks shared by the socket classes. */
final class Addresses {
    private Addresses() {}

    /** {@code a} as the only address type rudp runs on, as java.net's sockets check it. */
    static InetSocketAddress inet(SocketAddress a) {
        if (!(a instanceof InetSocketAddress isa)) throw new IllegalArgumentException("Unsupported address type: " + a.getClass().getName());
        return isa;
    }
}
