package net.rudp.wire;

/** Packet type codes (the header's second byte). */
public enum PacketType {
    SYN(1), SYN_ACK(2), ACK(3), DATA(4), NACK(5), FIN(6), RST(7), PROBE(8);

    private static final PacketType[] BY_CODE = new PacketType[9];
    static {
        for (PacketType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    public final int code;

    PacketType(int code) {
        this.code = code;
    }

    /** The type with this code, or null if the code is unknown. */
    public static PacketType of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
