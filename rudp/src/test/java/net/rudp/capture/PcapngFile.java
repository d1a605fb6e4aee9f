package net.rudp.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a pcapng file back block by block, checking as it goes what every reader relies on: each
 * block's total length appears at both ends, is a multiple of 4, and the blocks fill the file.
 * Written from the format's description, independently of {@link PcapngWriter}.
 */
record PcapngFile(List<Block> blocks) {

    /** One block: its type and its body (between the leading and trailing length fields). */
    record Block(int type, int totalLength, ByteBuffer body) {
        /** The options that start at {@code offset} in the body: code, then value bytes. */
        List<Option> options(int offset) {
            List<Option> options = new ArrayList<>();
            ByteBuffer b = body;
            int at = offset;
            while (at < b.limit()) {
                int code = b.getShort(at) & 0xFFFF;
                int length = b.getShort(at + 2) & 0xFFFF;
                if (code == 0) break;
                byte[] value = new byte[length];
                b.get(at + 4, value);
                options.add(new Option(code, value));
                at += 4 + ((length + 3) & ~3);
            }
            return options;
        }
    }

    record Option(int code, byte[] value) {
        @Override
        public String toString() {
            return code + ":" + Arrays.toString(value);
        }
    }

    /** An Enhanced Packet Block, decoded. */
    record Packet(int interfaceId, long timestampMicros, int capturedLength, int originalLength, ByteBuffer data, int flags) {}

    static PcapngFile read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(PcapngWriter.SECTION_HEADER, b.getInt(0), "a pcapng file starts with a section header");
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        if (magic != PcapngWriter.BYTE_ORDER_MAGIC) b.order(ByteOrder.BIG_ENDIAN);
        assertEquals(PcapngWriter.BYTE_ORDER_MAGIC, b.getInt(8), "byte-order magic");
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        while (at < b.limit()) {
            int type = b.getInt(at);
            int total = b.getInt(at + 4);
            assertEquals(0, total % 4, "block at " + at + ": total length " + total + " is not a multiple of 4");
            assertTrue(total >= 12 && at + total <= b.limit(), "block at " + at + ": total length " + total + " overruns the file");
            assertEquals(total, b.getInt(at + total - 4), "block at " + at + ": trailing total length");
            blocks.add(new Block(type, total, b.slice(at + 8, total - 12).order(b.order())));
            at += total;
        }
        return new PcapngFile(blocks);
    }

    List<Packet> packets() {
        return blocks.stream().filter(bl -> bl.type() == PcapngWriter.ENHANCED_PACKET).map(PcapngFile::packet).toList();
    }

    private static Packet packet(Block block) {
        ByteBuffer b = block.body();
        int captured = b.getInt(12);
        int original = b.getInt(16);
        ByteBuffer data = b.slice(20, captured);
        int flags = block.options(20 + ((captured + 3) & ~3)).stream().filter(o -> o.code() == 2)
            .mapToInt(o -> ByteBuffer.wrap(o.value()).order(b.order()).getInt()).findFirst().orElse(-1);
        long timestamp = ((b.getInt(4) & 0xFFFFFFFFL) << 32) | (b.getInt(8) & 0xFFFFFFFFL);
        return new Packet(b.getInt(0), timestamp, captured, original, data, flags);
    }
}
