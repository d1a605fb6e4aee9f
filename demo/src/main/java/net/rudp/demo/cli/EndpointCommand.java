package net.rudp.demo.cli;

import net.rudp.demo.DemoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.rudp.demo.compare.EndpointEvent;
import net.rudp.demo.transfer.BulkTransfer;
import net.rudp.demo.transfer.CpuClock;
import net.rudp.demo.transfer.PatternStream;
import net.rudp.demo.transfer.Verdict;
import net.rudp.demo.transfer.WarmUp;
import net.rudp.demo.transport.RudpObservation;
import net.rudp.demo.transport.RudpTransport;
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

        @Option(names = "--size", required = true, converter = Converters.Size.class, description = "Bytes to transfer.")
        long size;

        @Option(names = "--sample-every", defaultValue = "100ms", converter = Converters.Time.class,
            description = "How often to report progress (receiver) or the connection's window and RTT (sender).")
        Duration sampleEvery;

        @picocli.CommandLine.Mixin
        RudpOptions rudp;

        @Option(names = "--capture", paramLabel = "FILE", description = "rudp: the endpoint's pcapng capture.")
        Path capture;

        @Option(names = "--qlog", paramLabel = "FILE", description = "rudp: the connection's qlog trace.")
        Path qlog;

        /** The transport, writing the capture and qlog asked for. */
        Transport transport() {
            return transport(new RudpObservation(Optional.ofNullable(capture), Optional.ofNullable(qlog)));
        }

        /** The transport for the warm-up, which writes neither: the files hold the measured transfer only. */
        Transport warmUpTransport() {
            return transport(RudpObservation.NONE);
        }

        private Transport transport(RudpObservation observation) {
            // compare always passes --cc: the default here does not matter.
            return Transports.byName(transport, new RudpTransport(rudp.config(), observation)).orElseThrow(() -> DemoException.usage(
                "unknown transport '" + transport + "': use one of " + Transports.names()));
        }
    }

    private static final PrintStream OUT = System.out;
    /** The demo's words to this process, one per line: "go" to a sender, "close" to a receiver. */
    private static final BufferedReader IN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    /**
     * Waits for the demo to say {@code word}; false if it never will (its end of stdin closed:
     * the demo is gone).
     */
    private static boolean awaitWord(String word) throws IOException {
        for (String line; (line = IN.readLine()) != null; ) {
            if (line.strip().equals(word)) {
                return true;
            }
        }
        return false;
    }

    private static int emit(EndpointEvent event) {
        synchronized (OUT) {
            OUT.println(event.toJson());
            OUT.flush();
        }
        return event instanceof EndpointEvent.Failed ? 1 : 0;
    }

    /**
     * Reports the sender's connection (window, RTT, retransmissions) every {@code every}, from a
     * thread of its own, until closed: the charts' view of how the transport drove the link.
     */
    private static final class WindowSampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;

        WindowSampler(Transport transport, Socket conn, Duration every) {
            long start = System.nanoTime();
            thread = Thread.ofPlatform().daemon().name("window-sampler").start(() -> {
                for (long next = start; running; next += every.toNanos()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                    if (running) {
                        transport.stats(conn).ifPresent(s -> emit(new EndpointEvent.Window(System.nanoTime() - start, s)));
                    }
                }
            });
        }

        @Override
        public void close() {
            running = false;
            java.util.concurrent.locks.LockSupport.unpark(thread);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Command(name = "receive", mixinStandardHelpOptions = true,
        description = "Accept one connection, verify the pattern, answer with the verdict.")
    static final class Receive implements Callable<Integer> {
        @picocli.CommandLine.Mixin
        Common common;

        @Option(names = "--bind", required = true, converter = Converters.Address.class,
            description = "Address to listen on (port 0: any free port).")
        InetSocketAddress bind;

        @Override
        public Integer call() {
            Transport transport = common.transport();
            ServerSocket listener;
            try {
                WarmUp.run(common.warmUpTransport());
                listener = transport.listen(bind, 1);
            } catch (IOException e) {
                return emit(new EndpointEvent.Failed(NetworkErrors.describe(e, "listen on", HostPort.format(bind))));
            }
            try (listener) {
                emit(new EndpointEvent.Listening(listener.getLocalPort()));
                try (Socket conn = transport.accept(listener)) {
                    long start = System.nanoTime();
                    long cpuStart = CpuClock.processCpuNanos();
                    long every = common.sampleEvery.toNanos();
                    long[] nextSample = {start + every};
                    Verdict verdict = BulkTransfer.receive(conn, common.size, new PatternStream(common.seed), bytes -> {
                        long now = System.nanoTime();
                        if (now >= nextSample[0]) {
                            emit(new EndpointEvent.Progress(now - start, bytes));
                            nextSample[0] = now + every;
                        }
                    });
                    long elapsed = System.nanoTime() - start;
                    long cpu = CpuClock.processCpuNanos() - cpuStart;
                    emit(new EndpointEvent.Progress(elapsed, verdict.bytesReceived()));
                    int code = emit(new EndpointEvent.Received(BulkTransfer.awaitEnd(conn, verdict), elapsed, cpu));
                    // Closing sends our FIN; a sender that ended its stream early (a time limit) would
                    // then lose its tcp_info before reading it. The demo says when the sender is done.
                    awaitWord("close");
                    return code;
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

        @Option(names = "--connect-timeout", defaultValue = "10s", converter = Converters.Time.class,
            description = "How long to wait for the connection.")
        Duration connectTimeout;

        @Option(names = "--time", converter = Converters.Time.class,
            description = "Stop writing after this long and end the stream there (default: write --size bytes).")
        Duration time;

        @Override
        public Integer call() {
            Transport transport = common.transport();
            try {
                WarmUp.run(common.warmUpTransport());
            } catch (IOException e) {
                return emit(new EndpointEvent.Failed(transport.name() + " sender's warm-up on loopback: " + e.getMessage()));
            }
            emit(new EndpointEvent.Ready());
            try {
                if (!awaitWord("go")) {
                    return 1; // the demo went away: nobody to report to
                }
            } catch (IOException e) {
                return emit(new EndpointEvent.Failed(transport.name() + " sender: reading the start signal: " + e.getMessage()));
            }
            long start = System.nanoTime();
            long cpuStart = CpuClock.processCpuNanos();
            Socket conn;
            try {
                conn = transport.connect(connect, connectTimeout);
            } catch (IOException e) {
                return emit(new EndpointEvent.Failed(NetworkErrors.describe(e, "connect to", HostPort.format(connect))));
            }
            try (conn; WindowSampler sampler = new WindowSampler(transport, conn, common.sampleEvery)) {
                BulkTransfer.Sent sent = BulkTransfer.send(conn, common.size, new PatternStream(common.seed),
                    time == null ? Long.MAX_VALUE : time.toNanos());
                long elapsed = System.nanoTime() - start;
                long cpu = CpuClock.processCpuNanos() - cpuStart;
                sampler.close(); // its last event before the result
                return emit(new EndpointEvent.Sent(sent.bytes(), sent.verdict(), elapsed, cpu, transport.stats(conn)));
            } catch (IOException e) {
                return emit(new EndpointEvent.Failed(transport.name() + " sender: " + e.getMessage()));
            }
        }
    }
}
