package net.rudp.demo.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.rudp.demo.DemoException;
import net.rudp.demo.Units;
import net.rudp.demo.cli.HostPort;
import net.rudp.demo.cli.NetworkErrors;
import net.rudp.demo.transport.Transport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code receive}: waits for one {@code send}, writes its file, checks the SHA-256 and ends. */
@Command(name = "receive", mixinStandardHelpOptions = true,
    description = {"Wait for one 'send' and write its file, like netcat -l, with a progress bar.",
        "",
        "Without --out the file keeps the sender's name, in the current directory, and an",
        "existing file of that name is not replaced. Both ends print the SHA-256."},
    footer = {"", "Examples:", "  receive --port 9000", "  receive --port 9000 --out /tmp/copy.iso"})
public final class ReceiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TransportOption transport;

    @Option(names = "--port", defaultValue = "9000", converter = ToolConverters.Port.class, paramLabel = "PORT",
        description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDR",
        description = "Local address to listen on (default ${DEFAULT-VALUE}: all).")
    InetAddress bind;

    @Option(names = "--out", paramLabel = "FILE|DIR",
        description = "Write to FILE (replacing it), or into DIR under the sender's file name.")
    Path out;

    private final ToolTransports transports;

    public ReceiveCommand() {
        this(ToolTransports.builtIn());
    }

    ReceiveCommand(ToolTransports transports) {
        this.transports = transports;
    }

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Transport t = transport.resolve(transports);
        FileDestination destination = new FileDestination(Optional.ofNullable(out));
        destination.checkWritable();
        InetSocketAddress local = new InetSocketAddress(bind, port);
        ServerSocket listener;
        try {
            listener = t.listen(local, 1);
        } catch (IOException e) {
            throw DemoException.failure(NetworkErrors.describe(e, "listen on", HostPort.format(local)));
        }
        FileReceiver.Received received;
        try (listener) {
            stdout.println("receive: listening on " + HostPort.format((InetSocketAddress) listener.getLocalSocketAddress())
                + " (" + t.name() + "), waiting for one file");
            stdout.flush();
            received = FileReceiver.receive(t, listener, destination, (header, from, path) -> {
                stdout.println("receiving " + header.name() + " (" + Units.formatSize(header.size()) + ") from "
                    + HostPort.format(from) + " into " + path);
                stdout.flush();
            }, TerminalProgress.ifTerminal());
        } catch (IOException e) {
            throw DemoException.failure("closing the listener failed: " + e.getMessage());
        }
        stdout.println("received " + Units.formatSize(received.size()) + " in " + Nanos.format(received.elapsed()) + " ("
            + Units.formatRate(received.size() * 8e9 / Math.max(1, received.elapsed())) + ")");
        stdout.println(FileProtocol.hex(received.sha256()) + "  " + received.path());
        stdout.println("the sender's SHA-256 is the same");
        return 0;
    }
}
