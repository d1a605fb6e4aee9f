package net.rudp.demo.tools;

import net.rudp.ConnectionConfig;
import net.rudp.demo.cli.RudpOptions;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code --transport NAME} option of the tools that run over one transport (default rudp),
 * with rudp's own options ({@link RudpOptions}) beside it.
 */
public final class TransportOption {
    @Option(names = "--transport", defaultValue = "rudp", paramLabel = "NAME",
        description = "tcp or rudp (default ${DEFAULT-VALUE}).")
    String name;

    @Mixin
    RudpOptions rudp;

    /** The chosen transport; rudp as {@link RudpOptions} configure it. */
    public Transport resolve() {
        return resolve(ToolTransports.builtIn());
    }

    /** The chosen transport among {@code transports}; rudp as {@link RudpOptions} configure it. */
    Transport resolve(ToolTransports transports) {
        Transport named = transports.named(name, "--transport");
        return named.name().equals("rudp") ? transports.rudp(rudp.config()) : named;
    }

    /** rudp's configuration as the options say (for tools that change more of it, such as timeouts). */
    public ConnectionConfig rudpConfig() {
        return rudp.config();
    }

    /** The transport's name as given. */
    public String name() {
        return name;
    }
}
