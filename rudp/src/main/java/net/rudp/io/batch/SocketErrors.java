package net.rudp.io.batch;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;

/** The exceptions both socket implementations throw alike, with the same messages. */
final class SocketErrors {
    private SocketErrors() {}

    /** EADDRINUSE: another socket holds {@code local}. */
    static BindException addressInUse(InetSocketAddress local, Throwable cause) {
        return bindFailed("Address already in use: UDP " + local + " is bound by another socket", cause);
    }

    /** EADDRNOTAVAIL: {@code local} is no address of this host. */
    static BindException addressNotAvailable(InetSocketAddress local, Throwable cause) {
        return bindFailed("Cannot assign requested address: " + local + " is not an address of this host", cause);
    }

    static BindException bindFailed(String message, Throwable cause) {
        BindException e = new BindException(message);
        if (cause != null) e.initCause(cause);
        return e;
    }

    static ClosedChannelException closed() {
        return new ClosedChannelException();
    }

    /** The socket was closed by another thread while this one waited in it. */
    static AsynchronousCloseException closedWhileWaiting() {
        return new AsynchronousCloseException();
    }

    /** The JDK's bind failure with this class's message, when it is one of those named here. */
    static BindException clarify(InetSocketAddress local, BindException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Address already in use")) return addressInUse(local, e);
        if (message.startsWith("Cannot assign requested address")) return addressNotAvailable(local, e);
        return e;
    }
}
