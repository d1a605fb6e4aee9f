package net.rudp.demo.cli;

import net.rudp.demo.DemoException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.rudp.demo.compare.EndpointEvent;
import net.rudp.demo.transfer.BulkTransfer;
import net.rudp.demo.transfer.CpuClock;
import net.rudp.demo.transfer.PatternStream;
import net.rudp.demo.transfer.Verdict;
import net.rudp.demo.transport.Conn;
import net.rudp.demo.transport.Listener;
import net.rudp.demo.transport.Transport;
import net.rudp.demo.transport.Transports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One end of a comparison's transfer, run by {@code compare} as a child process (inside a test
 * bed namespace, or plainly for loopback), so each end's CPU time is its own and measurable.
 * Prints {@link EndpointEvent}s as JSON lines on stdout. Not for people: hidden from --help.
 */
@Command(name = "internal-endpoint", hidden = true, mixinStandardHelpOptions = true,
    description = "One end of a compare transfer, run by compare itself; prints JSON lines.",
    subcommands = {EndpointCommand.Receive.class, EndpointCommand.Send.class})
final class EndpointCommand {

    /** Options both ends share. */
    static final class Common {
        @Option(names = "--transport", required = true, description = "Transport name.")
        String transport;

        @Option(names = "--seed", defaultValue = "1", description = "Seed of the byte pattern.")
        long seed;

        Transport transport() {
            return Transports.byName(transport).orElseThrow(() -> DemoException.usage(
                "unknown transport '" + transport + "': use one of " + Transports.names()));
        }
    }

    private static final PrintStream OUT = System.out;

    private static int emit(EndpointEvent event) {
        OUT.println(event.toJson());
        OUT.flush();
        return event instanceof EndpointEvent.Failed ? 1 : 0;
    }

    @Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Accept one connection, verify the pattern, answer with the verdict.")
    static final class Receive implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Common common;

        @Option(names = "--bind", required = true, converter = Converters.Address.class,
            description = "Address to listen on (port 0: any free port).")
        InetSocketAddress bind;

        @Option(names = "--sample-every", defaultValue = "100ms", converter = Converters.Time.class,
            description = "How often to report progress.")
        Duration sampleEvery;

        @Override
        public Integer call() {
            Transport transport = common.transport();
            Listener listener;
            try {
                listener = transport.listen(bind, 1);
            } catch (IOException e) {
                return emit(new EndpointEvent.Failed(NetworkErrors.describe(e, "listen on", HostPort.format(bind))));
            }
            try (listener) {
                emit(new EndpointEvent.Listening(listener.localAddress().getPort()));
                try (Conn conn = listener.accept()) {
                    long start = System.nanoTime();
                    long cpuStart = CpuClock.processCpuNanos();
                    long every = sampleEvery.toNanos();
                    long[] nextSample = {start + every};
                    Verdict verdict = BulkTransfer.receive(conn, new PatternStream(common.seed), bytes -> {
                        long now = System.nanoTime();
                        if (now >= nextSample[0]) {
                            emit(new EndpointEvent.Progress(now - start, bytes));
                            nextSample[0] = now + every;
                        }
                    });
                    long elapsed = System.nanoTime() - start;
                    emit(new EndpointEvent.Progress(elapsed, verdict.bytesReceived()));
                    return emit(new EndpointEvent.Received(verdict, elapsed, CpuClock.processCpuNanos() - cpuStart));
                }
            } catch (IOException e) {
                return emit(new EndpointEvent.Failed(transport.name() + " receiver: " + e.getMessage()));
            }
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
        description = "Connect, send the pattern, wait for the receiver's verdict.")
    static final class Send implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Common common;

        @Option(names = "--connect", required = true, converter = Converters.Address.class,
            description = "The receiver's address.")
        InetSocketAddress connect;

        @Option(names = "--size", required = true, converter = Converters.Size.class,
            description = "Bytes to send.")
        long size;

        @Option(names = "--connect-timeout", defaultValue = "10s", converter = Converters.Time.class,
            description = "How long to wait for the connection.")
        Duration connectTimeout;

        @Override
        public Integer call() {
            Transport transport = common.transport();
            long start = System.nanoTime();
            long cpuStart = CpuClock.processCpuNanos();
            Conn conn;
            try {
                conn = transport.connect(connect, connectTimeout);
            } catch (IOException e) {
                return emit(new EndpointEvent.Failed(NetworkErrors.describe(e, "connect to", HostPort.format(connect))));
            }
            try (conn) {
                Verdict verdict = BulkTransfer.send(conn, size, new PatternStream(common.seed));
                long elapsed = System.nanoTime() - start;
                return emit(new EndpointEvent.Sent(verdict, elapsed, CpuClock.processCpuNanos() - cpuStart, conn.stats()));
            } catch (IOException e) {
                return emit(new EndpointEvent.Failed(transport.name() + " sender: " + e.getMessage()));
            }
        }
    }
}
