package net.rudp.core;

import java.net.InetSocketAddress;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;
import net.rudp.cookie.CallCookies;
import net.rudp.wire.Flags;
import net.rudp.wire.Header;
import net.rudp.wire.Packet;

/**
 * The listener's side of stateless calls (spec 7.1, 8.3): answers a SYN with a cookie SYN_ACK
 * and keeps nothing but the time of the last one, and recognises the first packet of a call it
 * answered that way, giving back the call request that packet stands for.
 */
final class CookieCalls {
    /** Spec 8.3 rule 3: packets for no connection are checked for 2 ticks after the last cookie. */
    private static final long CHECK_WINDOW_NANOS = 2 * (1_000L << CallCookies.TICK_LOG2_MICROS);

    private final InetSocketAddress local;
    private final RandomGenerator random;
    /** Keyed at the first cookie, so that an endpoint that never sends one draws nothing from its random source for it. */
    private CallCookies cookies;
    private final int maxPayload;
    private final int window;
    private long lastIssued = Long.MIN_VALUE / 2;

    /**
     * @param maxPayload the largest payload this endpoint's connections accept (the SYN_ACK's body)
     * @param window     the receive window a new connection advertises
     */
    CookieCalls(InetSocketAddress local, RandomGenerator random, int maxPayload, int window) {
        this.local = local;
        this.random = random;
        this.maxPayload = maxPayload;
        this.window = window;
    }

    /**
     * The cookie SYN_ACK for {@code syn} from {@code from} at {@code now} (spec 8.3 rule 2), or
     * null when the cookie's conn id is 0 or {@code idInUse}: the SYN is then dropped and the
     * client's next one, in a later tick, gets another id.
     */
    Packet.SynAck answer(InetSocketAddress from, Packet.Syn syn, long now, IntPredicate idInUse) {
        Header h = syn.header();
        if (cookies == null) cookies = CallCookies.withRandomKey(random);
        CallCookies.Cookie c = cookies.issue(local, from, h.srcConnId(), h.seq(), syn.maxPayload(), now);
        if (c.serverConnId() == 0 || idInUse.test(c.serverConnId())) return null;
        lastIssued = now;
        return new Packet.SynAck(new Header(Flags.COOKIE, h.srcConnId(), c.serverConnId(), c.serverIsn(), h.seq() + 1,
            window, WireTime.micros(now), h.timestamp()), maxPayload);
    }

    /** Whether a cookie went out recently enough that a packet for no connection may be a cookie call's first (8.3 rules 3, 4). */
    boolean recentlyIssued(long now) {
        return now - lastIssued <= CHECK_WINDOW_NANOS;
    }

    /**
     * If {@code p} from {@code from} carries a cookie this endpoint issued (spec 7.1, "Checking"),
     * the call request it stands for: the client's id and ISN, its first packet's window and
     * TSval, and the max payload the cookie remembers; else null.
     */
    Packet.Syn check(InetSocketAddress from, Packet p, long now) {
        if (cookies == null) return null;
        Header h = p.header();
        int clientIsn = h.seq() - 1;
        int peerMaxPayload = cookies.check(local, from, h.srcConnId(), h.dstConnId(), clientIsn, h.ack() - 1, now);
        if (peerMaxPayload == 0) return null;
        return new Packet.Syn(new Header(0, 0, h.srcConnId(), clientIsn, 0, h.window(), h.timestamp(), 0), peerMaxPayload);
    }
}
