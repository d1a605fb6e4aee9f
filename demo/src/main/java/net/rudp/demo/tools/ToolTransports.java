package net.rudp.demo.tools;

import java.util.List;
import java.util.function.Function;
import net.rudp.ConnectionConfig;
import net.rudp.demo.DemoException;
import net.rudp.demo.transport.RudpTransport;
import net.rudp.demo.transport.Transport;
import net.rudp.demo.transport.Transports;

/**
 * The transports the tools offer: each by its {@code --transport} name, and rudp built with a
 * chosen {@link ConnectionConfig} ({@code bench} runs it at two datagram sizes, a knob
 * {@link Transport} does not have).
 *
 * @param all      every transport, in the order side-by-side output lists them (TCP first)
 * @param rudpWith rudp with the given configuration
 */
record ToolTransports(List<Transport> all, Function<ConnectionConfig, Transport> rudpWith) {

    /** What the demo jar has: {@link Transports#all()}, and rudp with any configuration. */
    static ToolTransports builtIn() {
        return new ToolTransports(Transports.all(), RudpTransport::new);
    }

    /** The transport called {@code name}; a usage error naming {@code option} if there is none. */
    Transport named(String name, String option) {
        return all.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> DemoException.usage(
            "unknown transport '" + name + "' in " + option + ": use one of " + names()));
    }

    List<String> names() {
        return all.stream().map(Transport::name).toList();
    }

    /** rudp with {@code config}. */
    Transport rudp(ConnectionConfig config) {
        return rudpWith.apply(config);
    }
}
