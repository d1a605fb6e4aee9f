package net.rudp.demo.tools;

import net.rudp.demo.cli.Converters;
import java.net.InetSocketAddress;
import java.util.Optional;
import net.rudp.demo.DemoException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where echo clients go: an echo server at {@code HOST:PORT}, or ({@code --self}) servers the tool starts itself on loopback. */
final class EchoTarget {
    @Parameters(arity = "0..1", paramLabel = "HOST:PORT", converter = Converters.Address.class,
        description = "A running echo-server.")
    InetSocketAddress address;

    @Option(names = "--self", description = "Start the echo server(s) in this process on 127.0.0.1 instead.")
    boolean self;

    /**
     * The server's address, or empty for {@code --self}.
     *
     * @param selfByDefault whether no address means {@code --self} (else one of them is required)
     */
    Optional<InetSocketAddress> remote(boolean selfByDefault) {
        if (self && address != null) {
            throw DemoException.usage("give either HOST:PORT or --self, not both");
        }
        if (!self && address == null && !selfByDefault) {
            throw DemoException.usage("give the echo server's HOST:PORT, or --self to start servers in this process");
        }
        return Optional.ofNullable(address);
    }
}
