package net.rudp.demo.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import net.rudp.io.batch.BatchedUdpSocket;
import net.rudp.io.batch.BatchedUdpSockets;
import net.rudp.io.batch.IncomingBatch;
import net.rudp.io.batch.OutgoingBatch;
import net.rudp.io.batch.UdpSocketConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The datagram layer's cost per batch of 64 datagrams of 1200 bytes, sent and received on
 * loopback by one thread (loopback delivers during the send, so the receive finds them all): the
 * plain path, sendmmsg/recvmmsg, and GSO runs received as GRO trains. Run with {@code -prof gc}:
 * the steady path allocates nothing per datagram, so B/op should read 0 (or a few bytes of
 * JMH's own).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DatagramIoBenchmark {
    static final int DATAGRAMS = 64;
    static final int DATAGRAM = 1200;

    @Param({"plain", "sendmmsg", "gso-gro"})
    public String path;

    private BatchedUdpSocket sender;
    private BatchedUdpSocket receiver;
    private InetSocketAddress to;

    @Setup
    public void open() throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        UdpSocketConfig none = UdpSocketConfig.DEFAULT.withOffloads(false, false).withReceiveBatch(DATAGRAMS, 2048);
        switch (path) {
            case "plain" -> {
                sender = BatchedUdpSockets.openPlain(loopback, UdpSocketConfig.DEFAULT);
                receiver = BatchedUdpSockets.openPlain(loopback, none);
            }
            case "sendmmsg" -> {
                sender = BatchedUdpSockets.openFast(loopback, none);
                receiver = BatchedUdpSockets.openFast(loopback, none);
            }
            case "gso-gro" -> {
                sender = BatchedUdpSockets.openFast(loopback, UdpSocketConfig.DEFAULT);
                receiver = BatchedUdpSockets.openFast(loopback, UdpSocketConfig.DEFAULT);
            }
            default -> throw new IllegalArgumentException("no such path: " + path);
        }
        to = receiver.localAddress();
    }

    @TearDown
    public void close() throws IOException {
        sender.close();
        receiver.close();
    }

    /** One batch out and back in; returns the bytes received. */
    @Benchmark
    public long sendAndReceiveBatch() throws IOException {
        OutgoingBatch batch = sender.outgoing();
        for (int i = 0; i < DATAGRAMS; i++) {
            ByteBuffer into = batch.begin(to, DATAGRAM);
            into.putInt(into.position(), i);
            into.position(into.position() + DATAGRAM);
            batch.commit();
        }
        sender.send();
        long bytes = 0;
        int received = 0;
        IncomingBatch in = receiver.incoming();
        while (received < DATAGRAMS && (receiver.receive() > 0 || receiver.awaitReadable(1_000_000_000L))) {
            while (in.next()) {
                received++;
                bytes += in.datagram().remaining();
            }
        }
        return bytes;
    }
}
