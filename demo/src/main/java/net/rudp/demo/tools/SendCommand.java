package net.rudp.demo.tools;

import net.rudp.demo.cli.Converters;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.rudp.demo.Units;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code send FILE HOST:PORT}: one file to a {@code receive}, checked by SHA-256 on both ends. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = {"Send a file to a waiting 'receive', like netcat, with a progress bar.",
        "",
        "Both ends print the SHA-256 of the bytes and check it against the other's."},
    footer = {"", "Examples:", "  receive --port 9000            (on the receiving machine, first)",
        "  send big.iso 192.0.2.2:9000"})
public final class SendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TransportOption transport;

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to send.")
    Path file;

    @Parameters(index = "1", paramLabel = "HOST:PORT", converter = Converters.Address.class,
        description = "Where 'receive' listens.")
    InetSocketAddress to;

    @Mixin
    ConnectTimeoutOption connectTimeout;

    private final ToolTransports transports;

    public SendCommand() {
        this(ToolTransports.builtIn());
    }

    SendCommand(ToolTransports transports) {
        this.transports = transports;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Transport t = transport.resolve(transports);
        long size = FileSender.readableSize(file);
        out.println("sending " + file + " (" + Units.formatSize(size) + ") to " + HostPort.format(to) + " over " + t.name());
        out.flush();
        FileSender.Sent sent = FileSender.send(t, file, to, connectTimeout.timeout(), TerminalProgress.ifTerminal());
        out.println("sent " + Units.formatSize(sent.size()) + " in " + Nanos.format(sent.elapsed()) + " ("
            + Units.formatRate(sent.size() * 8e9 / Math.max(1, sent.elapsed())) + ")");
        out.println(FileProtocol.hex(sent.sha256()) + "  " + file);
        out.println("the receiver's SHA-256 is the same");
        return 0;
    }
}
