package net.rudp.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/** Loopback addresses for the driver's tests. */
final class Loopback {
    /** Any free port on the loopback address. */
    static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private Loopback() {}

    /** A loopback port nothing is bound to (it was a moment ago). */
    static InetSocketAddress unboundPort() throws IOException {
        try (DatagramChannel c = DatagramChannel.open().bind(ANY_PORT)) {
            return (InetSocketAddress) c.getLocalAddress();
        }
    }

    /** Whether the event-loop thread of the endpoint on {@code port} runs. */
    static boolean loopThreadRuns(int port) {
        String name = "rudp-endpoint-" + port;
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name));
    }
}
