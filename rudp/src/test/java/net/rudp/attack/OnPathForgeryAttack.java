package net.rudp.attack;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import net.rudp.Authentication;
import net.rudp.ConnectionConfig;
import net.rudp.api.RudpServerSocket;

/**
 * An on-path attacker, who sees the packets, against a transfer (spec 18: plain rudp does not
 * defend against it; the authenticated mode does). Each round runs one verified transfer through
 * a relay the attacker watches, waits until data flows, and forges one kind of packet from what
 * it saw: an RST to the client "from the server" at the client's RCV.NXT, or two DATA segments to
 * the server "from the client" just ahead of the bytes in flight. The figure is how many
 * transfers the forgeries broke. In plain rudp a round whose forgery stalls the stream lasts until
 * the sender's retransmission limit gives up (minutes): a hand-run measurement. In the
 * authenticated mode (spec/AUTHENTICATED.md) the forgeries, made from the same cleartext headers,
 * are dropped unopened and counted, and every transfer completes: CI asserts it.
 *
 * @param rounds transfers per kind of forgery
 * @param client the clients' configuration; {@code server} the server's
 */
record OnPathForgeryAttack(int rounds, int transferBytes, ConnectionConfig client, ConnectionConfig server) {

    static OnPathForgeryAttack sized() {
        return new OnPathForgeryAttack(AttackScale.size("onPathRounds", 5, 20), 4 << 20, ConnectionConfig.DEFAULT,
            ConnectionConfig.DEFAULT);
    }

    /** The same forgeries against the authenticated mode, the server's key pinned by the clients. */
    static OnPathForgeryAttack authenticated() {
        byte[] serverKey = Authentication.newPrivateKey();
        return new OnPathForgeryAttack(AttackScale.size("onPathRounds", 3, 20), 4 << 20,
            ConnectionConfig.DEFAULT.withAuthentication(Authentication.pinnedServerKey(Authentication.publicKey(serverKey))),
            ConnectionConfig.DEFAULT.withAuthentication(Authentication.serverKey(serverKey)));
    }

    enum Forgery { RST, DATA }

    /**
     * @param outcomes    each round's result, "intact" or the failure, with its duration
     * @param unauthenticated datagrams the authenticated mode dropped unopened, at the clients and the server
     */
    record Result(int rounds, long resetsBroken, long dataBroken, long unauthenticated, String outcomes) {
        String line() {
            return String.format("on-path forgery%s: one forged RST broke %d/%d transfers; two forged DATA broke %d/%d; "
                + "%d forged datagrams dropped unopened {%s}", unauthenticated > 0 ? " (authenticated mode)" : "",
                resetsBroken, rounds, dataBroken, rounds, unauthenticated, outcomes);
        }
    }

    Result run() throws Exception {
        try (Target target = new Target(Target.Mode.DIGEST, RudpServerSocket.DEFAULT_BACKLOG, server);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long resets = 0, data = 0, clientDrops = 0;
            StringBuilder outcomes = new StringBuilder();
            for (Forgery kind : Forgery.values()) {
                for (int i = 0; i < rounds; i++) {
                    VerifiedTransfer t = round(target.address(), kind, i, threads);
                    clientDrops += t.clientUnauthenticated();
                    outcomes.append(outcomes.isEmpty() ? "" : "; ").append(kind).append(": ")
                        .append(t.intact() ? "intact" : t.failure()).append(" after ").append(t.millis()).append(" ms");
                    if (t.intact()) continue;
                    if (kind == Forgery.RST) resets++;
                    else data++;
                }
            }
            return new Result(rounds, resets, data, clientDrops + target.stats().unauthenticated(), outcomes.toString());
        }
    }

    private VerifiedTransfer round(InetSocketAddress server, Forgery kind, int seed, ExecutorService threads) throws Exception {
        try (SpoofingRelay relay = new SpoofingRelay(server)) {
            Future<VerifiedTransfer> transfer = threads.submit(() -> VerifiedTransfer.run(relay.address(), transferBytes, seed, 10_000, client));
            byte[] seen = awaitData(relay);
            if (seen != null) forge(relay, kind, seen);
            return transfer.get();
        }
    }

    /** The first DATA the client sends once the handshake is done; null if none came within 5 s. */
    private static byte[] awaitData(SpoofingRelay relay) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            byte[] d = relay.lastFromClient();
            if (d != null && Wire.type(d) == Wire.DATA && relay.lastFromServer() != null) return d;
            LockSupport.parkNanos(100_000);
        }
        return null;
    }

    private static void forge(SpoofingRelay relay, Forgery kind, byte[] clientData) {
        int clientId = Wire.u32(clientData, Wire.OFF_SRC), serverId = Wire.u32(clientData, Wire.OFF_DST);
        int clientSeq = Wire.u32(clientData, Wire.OFF_SEQ), clientAck = Wire.u32(clientData, Wire.OFF_ACK);
        if (kind == Forgery.RST) {
            // The client's RCV.NXT is the ack the server keeps sending, i.e. the ack the client expects: the
            // server has sent no data yet, so its seq, which the client's ack names, is what the client awaits.
            relay.injectToClient(Wire.rst(new Wire.Fields(0, 0, clientId, serverId, clientAck, clientSeq, 0, 0, 0), Wire.RST_ABORT));
            return;
        }
        // DATA far enough ahead of what the client has sent that the real bytes have not reached it yet.
        byte[] garbage = new byte[1_000];
        java.util.Arrays.fill(garbage, (byte) 0x5A);
        for (int k = 1; k <= 2; k++) {
            int seq = clientSeq + k * 200_000;
            relay.injectToServer(Wire.data(new Wire.Fields(0, 0, serverId, clientId, seq, clientAck, 1 << 22, 0, 0), garbage));
        }
    }
}
