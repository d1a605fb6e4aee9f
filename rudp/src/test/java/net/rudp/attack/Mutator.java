package net.rudp.attack;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Makes hostile datagrams: mutations of real packets (bit flips, overwritten bytes, header fields
 * set to edge values, wrong type or length bytes, truncation, trailing garbage), structured
 * packets with random fields, and plain random bytes. {@link #fixCrc} decides whether the
 * checksum is recomputed, so mutations get past rule 2 of spec 6.1 and reach the parser and the
 * state machine.
 */
final class Mutator {
    private static final int[] EDGE_VALUES = {0, 1, -1, 0x7FFFFFFF, 0x80000000, 0x80000001, 0x3FFFFFFF, 0x40000000, 0xFFFF, 0x10000};
    private static final int[] FIELD_OFFSETS = {Wire.OFF_DST, Wire.OFF_SRC, Wire.OFF_SEQ, Wire.OFF_ACK, Wire.OFF_WINDOW, Wire.OFF_TSVAL, Wire.OFF_TSECR};

    private final SplittableRandom random;

    Mutator(long seed) {
        random = new SplittableRandom(seed);
    }

    /** A mutated copy of {@code real}; its checksum is recomputed if {@code fixCrc}. */
    byte[] mutate(byte[] real, boolean fixCrc) {
        byte[] d = real.clone();
        int rounds = 1 + random.nextInt(3);
        for (int i = 0; i < rounds; i++) d = mutateOnce(d);
        if (fixCrc && d.length >= Wire.CRC) Wire.fixCrc(d, d.length);
        return d;
    }

    private byte[] mutateOnce(byte[] d) {
        if (d.length == 0) return randomBytes(Wire.MIN);
        switch (random.nextInt(8)) {
            case 0 -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> d[random.nextInt(d.length)] = (byte) random.nextInt(256);
            case 2 -> {
                if (d.length >= Wire.HEADER) Wire.putInt(d, FIELD_OFFSETS[random.nextInt(FIELD_OFFSETS.length)], edgeOrNear(d));
            }
            case 3 -> {
                if (d.length > Wire.OFF_TYPE) d[Wire.OFF_TYPE] = (byte) random.nextInt(10);
            }
            case 4 -> {
                if (d.length > Wire.HEADER + 1) d[Wire.HEADER + random.nextInt(2)] = (byte) random.nextInt(256);
            }
            case 5 -> d = Arrays.copyOf(d, random.nextInt(d.length + 1));
            case 6 -> {
                byte[] longer = Arrays.copyOf(d, d.length + 1 + random.nextInt(64));
                for (int i = d.length; i < longer.length; i++) longer[i] = (byte) random.nextInt(256);
                d = longer;
            }
            default -> {
                if (d.length > Wire.OFF_FLAGS) d[Wire.OFF_FLAGS] = (byte) random.nextInt(256);
            }
        }
        return d;
    }

    /** An edge value, or a small step from the field's current value (in-window guesses). */
    private int edgeOrNear(byte[] d) {
        if (random.nextBoolean()) return EDGE_VALUES[random.nextInt(EDGE_VALUES.length)];
        int base = Wire.u32(d, FIELD_OFFSETS[random.nextInt(FIELD_OFFSETS.length)]);
        return base + random.nextInt(-70_000, 70_000);
    }

    /** A packet with a valid CRC whose type (0 to 9), fields and body shape are random. */
    byte[] structured() {
        int type = random.nextInt(10);
        var f = new Wire.Fields(type, random.nextInt(4), random.nextInt(4) == 0 ? 0 : random.nextInt(),
            random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt());
        byte[] body = switch (type) {
            case Wire.SYN, Wire.SYN_ACK -> new byte[] {(byte) random.nextInt(256), (byte) random.nextInt(256)};
            case Wire.ACK, Wire.NACK -> ranges();
            case Wire.DATA -> dataBody();
            case Wire.RST -> new byte[] {(byte) random.nextInt(7)};
            default -> randomBytes(random.nextInt(4));
        };
        return Wire.packet(f, body);
    }

    private byte[] ranges() {
        int count = random.nextInt(256);
        int present = random.nextInt(4) == 0 ? random.nextInt(count + 1) : count;
        byte[] body = new byte[1 + 8 * present];
        body[0] = (byte) count;
        int start = random.nextInt();
        for (int i = 0; i < present; i++) {
            Wire.putInt(body, 1 + 8 * i, start);
            start += random.nextInt(-3, 3_000);
            Wire.putInt(body, 5 + 8 * i, start);
            start += random.nextInt(1, 3_000);
        }
        return body;
    }

    private byte[] dataBody() {
        int length = random.nextInt(1_200);
        int claimed = random.nextInt(4) == 0 ? random.nextInt(65_536) : length;
        byte[] body = randomBytes(2 + length);
        body[0] = (byte) (claimed >>> 8);
        body[1] = (byte) claimed;
        return body;
    }

    byte[] randomBytes(int length) {
        byte[] d = new byte[length];
        random.nextBytes(d);
        return d;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
