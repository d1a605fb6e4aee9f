package net.rudp.demo.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import net.rudp.AeadSuite;
import net.rudp.seal.PacketOpener;
import net.rudp.seal.PacketSealer;
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
 * The authenticated mode's cost per full 1200-byte DATA datagram (spec/AUTHENTICATED.md 4):
 * sealing alone, and sealing then opening (an opener refuses a packet number twice, so opening
 * is measured behind a fresh seal; open ≈ the difference), for each suite. Two baselines from the
 * same run, for ratios: CRC32C over the same bytes (the plain mode's per-packet integrity cost)
 * and one raw UDP send of the datagram on loopback (what a packet costs anyway). Run with {@code -prof gc}
 * for bytes allocated per packet: {@code ./demo.sh jmh -prof gc Seal}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SealBenchmark {
    static final int DATAGRAM = 1200;
    static final int HEADER = 32;
    /** Header and body of a DATA packet whose sealed datagram is exactly 1200 bytes. */
    static final int PLAIN = DATAGRAM - PacketSealer.OVERHEAD - 4;

    @Param({"CHACHA20_POLY1305", "AES_256_GCM"})
    public AeadSuite suite;

    private final byte[] template = new byte[DATAGRAM];
    private final byte[] buffer = new byte[DATAGRAM];
    private final CRC32C crc = new CRC32C();
    private PacketSealer sealer;
    private PacketOpener opener;
    private DatagramChannel sink;
    private DatagramChannel sender;
    private final ByteBuffer datagram = ByteBuffer.allocateDirect(DATAGRAM);

    @Setup
    public void setUp() {
        byte[] key = new byte[AeadSuite.KEY_BYTES], iv = new byte[AeadSuite.NONCE_BYTES];
        for (int i = 0; i < key.length; i++) key[i] = (byte) (i * 7 + 1);
        for (int i = 0; i < template.length; i++) template[i] = (byte) (i * 31);
        sealer = new PacketSealer(suite, key, iv, 0);
        opener = new PacketOpener(suite, key, iv);
        try {
            // Nobody reads the sink: once its queue is full the kernel drops, and a send costs what it costs.
            sink = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            sender = DatagramChannel.open().connect(sink.getLocalAddress());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        sender.close();
        sink.close();
    }

    @Benchmark
    public int seal() {
        System.arraycopy(template, 0, buffer, 0, PLAIN);
        return sealer.seal(buffer, HEADER, PLAIN);
    }

    @Benchmark
    public int sealThenOpen() {
        int length = seal();
        return opener.open(buffer, length, HEADER);
    }

    /** One raw UDP send of a 1200-byte datagram on loopback, for the ratio. */
    @Benchmark
    public int udpSend() throws IOException {
        datagram.clear();
        return sender.write(datagram);
    }

    /** The plain mode's integrity check over the same datagram, for the ratio. */
    @Benchmark
    public long crc32cOnly() {
        crc.reset();
        crc.update(template, 0, DATAGRAM - 4);
        return crc.getValue();
    }
}
