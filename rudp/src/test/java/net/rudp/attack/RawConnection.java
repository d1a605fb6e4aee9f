package net.rudp.attack;

import java.net.InetSocketAddress;

/**
 * A connection the attacker opens itself, speaking the protocol by hand (spec 8.1): SYN, the
 * server's SYN_ACK, then an ACK that acknowledges the server's ISN + 1. From then on the
 * attacker is a connected, possibly malicious, peer and can send any segment it likes.
 *
 * @param socket     the attacker socket the connection belongs to (one socket may hold many)
 * @param server     the server's address
 * @param clientId   our conn id
 * @param serverId   the server's conn id (the SYN_ACK's src)
 * @param clientIsn  our ISN: our stream byte k has sequence number clientIsn + 1 + k
 * @param serverIsn  the server's ISN (the cookie we acknowledged)
 * @param window     the receive window the server announced in its SYN_ACK
 */
record RawConnection(AttackSocket socket, InetSocketAddress server, int clientId, int serverId,
                     int clientIsn, int serverIsn, int window) {

    /** Our receive window: large, so the server never stalls on us. */
    static final int OUR_WINDOW = 1 << 22;
    static final int OUR_MAX_PAYLOAD = 1162;

    /**
     * Runs the handshake; null if no SYN_ACK for {@code clientId} arrived within {@code millis}
     * (or the server refused). Datagrams for other connections of the same socket are skipped.
     */
    static RawConnection open(AttackSocket socket, InetSocketAddress server, int clientId, int isn, long millis) {
        socket.send(server, Wire.syn(clientId, isn, OUR_MAX_PAYLOAD, OUR_WINDOW, now()));
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (long left = millis; left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            byte[] d = socket.receive(left);
            if (d == null) break;
            if (d.length < Wire.MIN || Wire.u32(d, Wire.OFF_DST) != clientId || Wire.u32(d, Wire.OFF_ACK) != isn + 1) continue;
            if (Wire.type(d) == Wire.RST) return null;
            if (Wire.type(d) != Wire.SYN_ACK) continue;
            RawConnection c = new RawConnection(socket, server, clientId, Wire.u32(d, Wire.OFF_SRC), isn,
                Wire.u32(d, Wire.OFF_SEQ), Wire.u32(d, Wire.OFF_WINDOW));
            socket.send(server, Wire.ack(c.header(0, Wire.u32(d, Wire.OFF_TSVAL))));
            return c;
        }
        return null;
    }

    /** Header fields of a packet of ours whose seq is our stream offset {@code offset}. */
    Wire.Fields header(long offset, int tsecr) {
        return new Wire.Fields(0, 0, serverId, clientId, clientIsn + 1 + (int) offset, serverIsn + 1, OUR_WINDOW, now(), tsecr);
    }

    /** A DATA segment carrying {@code payload} at stream offset {@code offset}. */
    byte[] data(long offset, byte[] payload) {
        return Wire.data(header(offset, 0), payload);
    }

    void send(byte[] datagram) {
        socket.send(server, datagram);
    }

    /** A PROBE: the server answers it at once with an ACK (spec 9.3). */
    byte[] probe(long nextOffset) {
        return Wire.bare(header(nextOffset, 0).withType(Wire.PROBE));
    }

    /**
     * The server's SACK ranges now, as stream offsets {start, end}: sends a PROBE marked by its
     * TSval and waits for the ACK that echoes it (other datagrams for this connection are
     * skipped); null if none came within {@code millis}.
     */
    long[][] sackedRanges(long millis) {
        int marker = 0x5000_0000 | clientId & 0xFFFFFF;
        send(Wire.bare(header(0, 0).withType(Wire.PROBE).withTsval(marker)));
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (long left = millis; left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            byte[] d = socket.receive(left);
            if (d == null) return null;
            if (Wire.type(d) != Wire.ACK || Wire.u32(d, Wire.OFF_DST) != clientId || Wire.u32(d, Wire.OFF_TSECR) != marker) continue;
            int[][] wire = Wire.ranges(d);
            long[][] offsets = new long[wire.length][];
            for (int i = 0; i < wire.length; i++) {
                offsets[i] = new long[] {Integer.toUnsignedLong(wire[i][0] - clientIsn - 1), Integer.toUnsignedLong(wire[i][1] - clientIsn - 1)};
            }
            return offsets;
        }
        return null;
    }

    static int now() {
        return (int) (System.nanoTime() / 1_000);
    }
}
