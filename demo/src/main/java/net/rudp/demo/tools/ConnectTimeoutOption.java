package net.rudp.demo.tools;

import java.time.Duration;
import net.rudp.demo.cli.Converters;
import picocli.CommandLine.Option;

/** {@code --connect-timeout}, on every tool that connects to a server. */
public final class ConnectTimeoutOption {
    @Option(names = "--connect-timeout", defaultValue = "10s", converter = Converters.Time.class, paramLabel = "TIME",
        description = "Give up connecting after this long (default ${DEFAULT-VALUE}).")
    Duration timeout;

    public Duration timeout() {
        return timeout;
    }
}
