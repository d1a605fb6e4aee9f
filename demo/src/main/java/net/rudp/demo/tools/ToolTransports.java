package net.rudp.demo.tools;

import java.util.List;
import net.rudp.demo.DemoException;
import net.rudp.demo.transport.Transport;
import net.rudp.demo.transport.Transports;

/**
 * The transports the tools offer, each by its {@code --transport} name.
 *
 * @param all every transport, in the order side-by-side output lists them (TCP first)
 */
record ToolTransports(List<Transport> all) {

    /** What the demo jar has: {@link Transports#all()}. */
    static ToolTransports builtIn() {
        return new ToolTransports(Transports.all());
    }

    /** The transport called {@code name}; a usage error naming {@code option} if there is none. */
    Transport named(String name, String option) {
        return all.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> DemoException.usage(
            "unknown transport '" + name + "' in " + option + ": use one of " + names()));
    }

    List<String> names() {
        return all.stream().map(Transport::name).toList();
    }
}
