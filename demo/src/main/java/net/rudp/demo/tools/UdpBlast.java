package net.rudp.demo.tools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.rudp.demo.DemoException;
import net.rudp.demo.transfer.CpuClock;

/**
 * Raw UDP, the floor under rudp: one {@code send} per datagram as fast as the sender can, no
 * acknowledgements, no retransmission, no flow or congestion control. The receiver counts what
 * arrives; what the kernel drops because the receiver's socket buffer was full is simply gone,
 * so the result is the delivered bytes, and the fraction delivered is reported next to it.
 *
 * @param datagramSize payload bytes per datagram
 */
record UdpBlast(int datagramSize) implements BenchContender {
    /** Asked for as the receiver's SO_RCVBUF; the kernel caps it at net.core.rmem_max. */
    static final int RECEIVE_BUFFER = 8 << 20;
    /** The receiver ends when the sender is done and nothing arrived for this long. */
    private static final long QUIET_MILLIS = 100;

    @Override
    public String name() {
        return "udp (raw)";
    }

    @Override
    public String packets() {
        return datagramSize + " B datagrams";
    }

    /** The receive buffer the kernel actually granted (the sockets this contender uses would get). */
    static int grantedReceiveBuffer() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            return probe.getOption(StandardSocketOptions.SO_RCVBUF);
        }
    }

    @Override
    public BenchResult run(long payload, Duration timeout) throws IOException, InterruptedException {
        try (DatagramChannel receiver = DatagramChannel.open(); DatagramChannel sender = DatagramChannel.open();
             Selector selector = Selector.open()) {
            receiver.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            receiver.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            receiver.configureBlocking(false);
            receiver.register(selector, SelectionKey.OP_READ);
            InetSocketAddress to = (InetSocketAddress) receiver.getLocalAddress();
            long cpuStart = CpuClock.processCpuNanos();
            long start = System.nanoTime();
            CompletableFuture<Void> sent = new CompletableFuture<>();
            Thread.ofPlatform().name("bench-udp-sender").start(() -> {
                try {
                    blast(sender, to, payload);
                    sent.complete(null);
                } catch (IOException | RuntimeException e) {
                    sent.completeExceptionally(e);
                }
            });
            long deadline = start + timeout.toNanos();
            ByteBuffer datagram = ByteBuffer.allocateDirect(64 * 1024);
            long delivered = 0;
            long last = start;
            while (delivered < payload && System.nanoTime() < deadline) {
                if (selector.select(QUIET_MILLIS) == 0) {
                    if (sent.isDone()) {
                        break;
                    }
                    continue;
                }
                selector.selectedKeys().clear();
                while (true) {
                    datagram.clear();
                    if (receiver.receive(datagram) == null) {
                        break;
                    }
                    delivered += datagram.position();
                }
                last = System.nanoTime();
            }
            await(sent, deadline);
            long cpu = CpuClock.processCpuNanos() - cpuStart;
            if (delivered == 0) {
                throw DemoException.failure("raw UDP: not one datagram arrived on loopback");
            }
            return new BenchResult(name(), packets(), "none", payload, delivered, last - start, cpu);
        }
    }

    private void blast(DatagramChannel sender, InetSocketAddress to, long payload) throws IOException {
        ByteBuffer datagram = ByteBuffer.allocateDirect(datagramSize);
        for (long left = payload; left > 0; ) {
            int n = (int) Math.min(datagramSize, left);
            datagram.clear().limit(n);
            sender.send(datagram, to);
            left -= n;
        }
    }

    private static void await(CompletableFuture<Void> sent, long deadline) throws InterruptedException {
        try {
            sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw DemoException.failure("raw UDP: sending failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw DemoException.failure("raw UDP: the sender did not finish in time");
        }
    }
}
