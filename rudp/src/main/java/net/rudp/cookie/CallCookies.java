package net.rudp.cookie;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Stateless call-request cookies (spec/PROTOCOL.md 7.1 and 8.3): the server answers a SYN with
 * a SYN_ACK whose conn id and ISN are both cut from one keyed hash of the call, and keeps
 * nothing; the client's first packet echoes both (dst = the conn id, ack = the ISN + 1) and
 * {@link #check} recomputes the hash to decide whether this endpoint issued them, recently, to
 * that address. As TCP's SYN cookies do (Linux {@code net/ipv4/syncookies.c}: a counter
 * ticking every 60 s and an index into an MSS table inside the ISN), the ISN carries a coarse
 * time and an index into {@link #MAX_PAYLOADS}; unlike them, 59 of its 64 bits are MAC, because
 * the server's conn id is part of the cookie too.
 *
 * <p>Pure: time comes in as {@code nowNanos}; not thread-safe (one per endpoint, used by its loop).
 * {@link #check} allocates nothing beyond the addresses' byte copies.
 */
public final class CallCookies {

    /** The tick of the cookie clock: 2^23 microseconds (8.39 s). */
    public static final int TICK_LOG2_MICROS = 23;
    /** A cookie is valid in the tick it was issued and the next one: 8.4 s to 16.8 s. */
    public static final int MAX_AGE_TICKS = 1;
    /**
     * The max payloads a cookie can carry (3 bits): the protocol minimum; 576-byte IPv4
     * datagrams; rudp's default 1200-byte datagram; Ethernet over IPv6 and IPv4; jumbo frames
     * over IPv6 and IPv4; the largest UDP payload (loopback). The server keeps the largest entry
     * not above the SYN's max payload.
     */
    public static final int[] MAX_PAYLOADS = {64, 510, 1162, 1414, 1434, 8914, 8934, 65469};

    static final int MAC_BITS_IN_ISN = 27;
    private static final int MAC_MASK = (1 << MAC_BITS_IN_ISN) - 1;
    static final int INPUT_BYTES = 2 * (16 + 2) + 4 + 4 + 4 + 1;

    private final SipHash mac = new SipHash(2, 4);
    private final byte[] input = new byte[INPUT_BYTES];

    /** @param key the 16-byte SipHash key, secret, drawn from a strong random source */
    public CallCookies(byte[] key) {
        if (key.length != 16) throw new IllegalArgumentException("a SipHash key has 16 bytes, not " + key.length);
        mac.init(new KeyParameter(key.clone()));
    }

    /** A fresh random key from {@code random} (which must be a strong source in production). */
    public static CallCookies withRandomKey(RandomGenerator random) {
        byte[] key = new byte[16];
        for (int i = 0; i < key.length; i++) key[i] = (byte) random.nextInt(256);
        return new CallCookies(key);
    }

    /**
     * The cookie for a SYN: the SYN_ACK's src conn id and seq, and the max payload the
     * connection will assume for the client. A {@link Cookie#serverConnId()} of 0, or one that
     * a live connection already uses, cannot be sent: the caller then drops the SYN (the client
     * retries; the next tick gives another id).
     */
    public Cookie issue(InetSocketAddress local, InetSocketAddress remote, int clientConnId, int clientIsn,
                        int clientMaxPayload, long nowNanos) {
        int index = payloadIndex(clientMaxPayload);
        int tick = tick(nowNanos);
        long h = hash(local, remote, clientConnId, clientIsn, tick, index);
        int isn = (tick & 3) << 30 | index << MAC_BITS_IN_ISN | ((int) h & MAC_MASK);
        return new Cookie((int) (h >>> 32), isn, MAX_PAYLOADS[index]);
    }

    /**
     * Checks the first packet of a call this endpoint may have answered with a cookie: {@code
     * serverConnId} is its dst, {@code clientIsn} its seq − 1, {@code serverIsn} its ack − 1.
     *
     * @return the max payload the cookie carries, or 0 if this endpoint did not issue that
     *         cookie to that address within {@link #MAX_AGE_TICKS} ticks
     */
    public int check(InetSocketAddress local, InetSocketAddress remote, int clientConnId, int serverConnId,
                     int clientIsn, int serverIsn, long nowNanos) {
        int now = tick(nowNanos);
        int age = (now - (serverIsn >>> 30)) & 3;
        if (age > MAX_AGE_TICKS) return 0;
        int index = (serverIsn >>> MAC_BITS_IN_ISN) & 7;
        long h = hash(local, remote, clientConnId, clientIsn, now - age, index);
        boolean genuine = (int) (h >>> 32) == serverConnId && ((int) h & MAC_MASK) == (serverIsn & MAC_MASK);
        return genuine ? MAX_PAYLOADS[index] : 0;
    }

    /** The cookie clock at {@code nowNanos}: microseconds / 2^23, mod 2^32. */
    static int tick(long nowNanos) {
        return (int) (Math.floorDiv(nowNanos, 1_000L) >> TICK_LOG2_MICROS);
    }

    /** The largest {@link #MAX_PAYLOADS} entry not above {@code maxPayload} (at least entry 0: 64 is the protocol's minimum). */
    static int payloadIndex(int maxPayload) {
        int i = MAX_PAYLOADS.length - 1;
        while (i > 0 && MAX_PAYLOADS[i] > maxPayload) i--;
        return i;
    }

    private long hash(InetSocketAddress local, InetSocketAddress remote, int clientConnId, int clientIsn, int tick, int index) {
        int at = putAddress(local, 0);
        at = putAddress(remote, at);
        at = putInt(clientConnId, at);
        at = putInt(clientIsn, at);
        at = putInt(tick, at);
        input[at] = (byte) index;
        mac.update(input, 0, INPUT_BYTES);
        return mac.doFinal();
    }

    /** 16 address bytes (IPv4 as IPv4-mapped IPv6, RFC 4291 2.5.5.2), then the port. */
    private int putAddress(InetSocketAddress a, int at) {
        InetAddress ip = a.getAddress();
        if (ip == null) throw new IllegalArgumentException("unresolved address " + a);
        byte[] raw = ip.getAddress();
        Arrays.fill(input, at, at + 16, (byte) 0);
        if (ip instanceof Inet4Address) {
            input[at + 10] = (byte) 0xFF;
            input[at + 11] = (byte) 0xFF;
            System.arraycopy(raw, 0, input, at + 12, 4);
        } else {
            System.arraycopy(raw, 0, input, at, 16);
        }
        input[at + 16] = (byte) (a.getPort() >>> 8);
        input[at + 17] = (byte) a.getPort();
        return at + 18;
    }

    private int putInt(int v, int at) {
        for (int i = 0; i < 4; i++) input[at + i] = (byte) (v >>> (24 - 8 * i));
        return at + 4;
    }

    /**
     * What a cookie SYN_ACK carries.
     *
     * @param serverConnId the SYN_ACK's src conn id (the server's id for this connection)
     * @param serverIsn    the SYN_ACK's seq
     * @param maxPayload   the client's max payload as the cookie remembers it (rounded down)
     */
    public record Cookie(int serverConnId, int serverIsn, int maxPayload) {}
}
