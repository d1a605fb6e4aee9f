package net.rudp.demo.tools;

import net.rudp.demo.transport.Transport;
import picocli.CommandLine.Option;

/** The {@code --transport NAME} option of the tools that run over one transport (default rudp). */
final class TransportOption {
    @Option(names = "--transport", defaultValue = "rudp", paramLabel = "NAME",
        description = "tcp or rudp (default ${DEFAULT-VALUE}).")
    String name;

    Transport resolve(ToolTransports transports) {
        return transports.named(name, "--transport");
    }
}
