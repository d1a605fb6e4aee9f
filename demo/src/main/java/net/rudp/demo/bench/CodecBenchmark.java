package net.rudp.demo.bench;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import net.rudp.ConnectionConfig;
import net.rudp.wire.DecodeResult;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;
import net.rudp.wire.PacketCodec;
import net.rudp.wire.SeqRange;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The wire codec per packet: a full-size DATA packet encoded into a reused buffer and decoded,
 * an ACK with three SACK ranges through both, and CRC32C alone over the bytes a full DATA
 * datagram checksums (at 1200 and at 65507 bytes), to show the checksum's share. Run with {@code -prof gc} for bytes
 * allocated per operation. Results and their reading: demo/BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
    /** The default datagram size, and the largest DATA payload that fits it. */
    static final int DATAGRAM = 1200;
    static final int PAYLOAD = DATAGRAM - PacketCodec.DATA_OVERHEAD;

    private final ByteBuffer payload = ByteBuffer.allocate(PAYLOAD);
    private final ByteBuffer out = ByteBuffer.allocate(DATAGRAM);
    private final ByteBuffer dataDatagram = ByteBuffer.allocate(DATAGRAM);
    private final ByteBuffer ackOut = ByteBuffer.allocate(DATAGRAM);
    private final ByteBuffer checksummed = ByteBuffer.allocate(DATAGRAM - PacketCodec.CHECKSUM_BYTES);
    private final ByteBuffer checksummedLargest = ByteBuffer.allocate(ConnectionConfig.MAX_DATAGRAM - PacketCodec.CHECKSUM_BYTES);
    private final CRC32C crc = new CRC32C();
    private final Header header = new Header(0, 0x0A0B0C0D, 0x01020304, 0x7000_0000, 0x2000_0000, 4 << 20, 123_456, 123_000);
    private final Packet.Ack ack = new Packet.Ack(header, List.of(
        new SeqRange(0x2000_1000, 0x2000_2000), new SeqRange(0x2000_3000, 0x2000_4000), new SeqRange(0x2000_5000, 0x2000_6000)));

    @Setup
    public void setUp() {
        for (int i = 0; i < PAYLOAD; i++) payload.put(i, (byte) (i * 31));
        for (int i = 0; i < checksummedLargest.capacity(); i++) checksummedLargest.put(i, (byte) (i * 17));
        checksummed.put(0, checksummedLargest, 0, checksummed.capacity());
        encodeData(dataDatagram);
        dataDatagram.flip();
    }

    /** What the send path does per DATA packet: header fields and a payload slice straight into the datagram. */
    @Benchmark
    public int encodeData() {
        out.clear();
        return encodeData(out);
    }

    /** What the receive path does per DATA datagram: checksum, header, a read-only view of the payload. */
    @Benchmark
    public DecodeResult decodeData() {
        return PacketCodec.decode(dataDatagram);
    }

    /** An ACK with three SACK ranges, from record to bytes and back. */
    @Benchmark
    public DecodeResult ackEncodeDecode() {
        ackOut.clear();
        PacketCodec.encode(ack, ackOut);
        ackOut.flip();
        return PacketCodec.decode(ackOut);
    }

    /** The JDK's CRC32C over the 1196 bytes a 1200-byte datagram's trailer covers: the checksum's share of the above. */
    @Benchmark
    public long crc32c() {
        return crc32c(checksummed);
    }

    /** The same over the 65503 bytes a 65507-byte datagram's trailer covers (the core benchmark's other size). */
    @Benchmark
    public long crc32cLargestDatagram() {
        return crc32c(checksummedLargest);
    }

    private long crc32c(ByteBuffer bytes) {
        crc.reset();
        bytes.clear();
        crc.update(bytes);
        return crc.getValue();
    }

    private int encodeData(ByteBuffer into) {
        return PacketCodec.encodeData(into, 0, header.dstConnId(), header.srcConnId(), header.seq(), header.ack(),
            header.window(), header.timestamp(), header.timestampEcho(), payload, 0, PAYLOAD);
    }
}
