package net.rudp.attack;

import java.net.InetSocketAddress;
import net.rudp.ConnectionConfig;
import net.rudp.api.RudpSocket;

/**
 * A server with a connection limit (spec 8.2) filled by an attacker's completed handshakes: one
 * more SYN must draw RST(CONNECTION_LIMIT), and a real client must be told why connect() failed.
 *
 * @param limit     the server's connection limit
 * @param opened    attacker connections that completed their handshake
 * @param reason    the RST reason code the SYN beyond the limit drew; -1 if no RST came
 * @param error     what the real client's connect() threw (null if it connected)
 */
record ConnectionLimitProbe(int limit, int opened, int reason, Exception error) {

    static ConnectionLimitProbe run(int limit) throws Exception {
        ConnectionConfig config = ConnectionConfig.builder().maxConnections(limit).build();
        try (Target target = new Target(Target.Mode.DIGEST, 1_000, config); AttackSocket attacker = new AttackSocket(220)) {
            InetSocketAddress server = target.address();
            int opened = 0;
            for (int i = 0; i < limit; i++) {
                if (RawConnection.open(attacker, server, 1 + i, 7_000 * i, 2_000) != null) opened++;
            }
            return new ConnectionLimitProbe(limit, opened, refusalReason(attacker, server, limit + 1), realClient(server));
        }
    }

    /** The reason of the RST that answers a SYN from {@code clientId}; -1 if none came. */
    private static int refusalReason(AttackSocket attacker, InetSocketAddress server, int clientId) {
        attacker.send(server, Wire.syn(clientId, 42, RawConnection.OUR_MAX_PAYLOAD, RawConnection.OUR_WINDOW, 0));
        for (byte[] d; (d = attacker.receive(2_000)) != null; ) {
            if (Wire.type(d) == Wire.RST && Wire.u32(d, Wire.OFF_DST) == clientId) return d[Wire.HEADER] & 0xFF;
        }
        return -1;
    }

    private static Exception realClient(InetSocketAddress server) {
        try (RudpSocket client = new RudpSocket()) {
            client.connect(server, 5_000);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    String line() {
        return String.format("connection limit %d: %d attacker connections opened, the next SYN drew %s, a real client's connect %s",
            limit, opened, reason < 0 ? "no RST" : "RST reason " + reason, error == null ? "succeeded" : "threw " + error);
    }
}
