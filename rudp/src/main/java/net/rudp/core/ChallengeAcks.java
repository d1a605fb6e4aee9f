package net.rudp.core;

import net.rudp.wire.Header;

/**
 * Challenge ACKs after RFC 5961 (spec 13.3): an RST acts only at exactly RCV.NXT; one elsewhere
 * in the receive window, or a SYN for a synchronized connection, draws a challenge ACK instead,
 * which tells a real peer where we are, so that its next RST (its endpoint's RST(NO_CONNECTION)
 * answering our ACK, seq = our ack) lands exactly; an RST outside the window is dropped. A blind
 * attacker must then hit one number in 2^32 instead of one window's worth.
 *
 * <p>At most one challenge ACK per {@value #INTERVAL_MILLIS} ms per connection (RFC 5961 7, as
 * Linux's {@code tcp_invalid_ratelimit}), so forged packets cannot make a connection flood its
 * peer. The limit is per connection, never shared: Linux's global one let an off-path attacker
 * count the ACKs and infer the sequence numbers (CVE-2016-5696).
 */
final class ChallengeAcks {
    static final long INTERVAL_MILLIS = 500;
    private static final long INTERVAL_NANOS = INTERVAL_MILLIS * 1_000_000;

    private final Receiver receiver;
    private final AckPolicy acks;
    private long lastSent = Long.MIN_VALUE / 2;
    private long sent;

    ChallengeAcks(Receiver receiver, AckPolicy acks) {
        this.receiver = receiver;
        this.acks = acks;
    }

    /**
     * Whether the RST {@code h} is to be acted on: only at exactly RCV.NXT (RFC 5961 3.2: "If the
     * RST bit is set and the sequence number exactly matches the next expected sequence number
     * (RCV.NXT), then TCP MUST reset the connection"). In the window but not exact, "TCP MUST send
     * an ACK (challenge ACK)", rate permitting.
     */
    boolean actsOnReset(Header h, long now) {
        if (receiver.offset(h.seq()) == receiver.stream().rcvNxt()) return true;
        if (receiver.believesReset(h)) challenge(now);
        return false;
    }

    /**
     * A SYN for this synchronized connection (its peer's address and id) at {@code now}: RFC 5961
     * 4.2, "the TCP MUST send an ACK (challenge ACK) to the remote peer", rate permitting. The
     * connection goes on; a peer that really restarted answers with an RST at RCV.NXT.
     */
    void onSyn(long now) {
        challenge(now);
    }

    /** Challenge ACKs sent. */
    long sent() {
        return sent;
    }

    private void challenge(long now) {
        if (now - lastSent < INTERVAL_NANOS) return;
        lastSent = now;
        sent++;
        acks.ackNow(AckReason.CHALLENGE);
    }
}
