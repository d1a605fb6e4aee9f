package net.rudp.attack;

import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * An on-path attacker, who sees the packets, against a transfer (spec 18: plain rudp does not
 * defend against it; the authenticated mode does). Each round runs one verified transfer through
 * a relay the attacker watches, waits until data flows, and forges one kind of packet from what
 * it saw: an RST to the client "from the server" at the client's RCV.NXT, or two DATA segments to
 * the server "from the client" just ahead of the bytes in flight. The figure is how many
 * transfers the forgeries broke. A round whose forgery stalls the stream lasts until the
 * sender's retransmission limit gives up (minutes): this is a hand-run measurement.
 *
 * @param rounds transfers per kind of forgery
 */
record OnPathForgeryAttack(int rounds, int transferBytes) {

    static OnPathForgeryAttack sized() {
        return new OnPathForgeryAttack(AttackScale.size("onPathRounds", 5, 20), 4 << 20);
    }

    enum Forgery { RST, DATA }

    /** @param outcomes each round's result, "intact" or the failure, with its duration */
    record Result(int rounds, long resetsBroken, long dataBroken, String outcomes) {
        String line() {
            return String.format("on-path forgery: one forged RST broke %d/%d transfers; two forged DATA broke %d/%d {%s}",
                resetsBroken, rounds, dataBroken, rounds, outcomes);
        }
    }

    Result run() throws Exception {
        try (Target target = new Target(Target.Mode.DIGEST); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long resets = 0, data = 0;
            StringBuilder outcomes = new StringBuilder();
            for (Forgery kind : Forgery.values()) {
                for (int i = 0; i < rounds; i++) {
                    VerifiedTransfer t = round(target.address(), kind, i, threads);
                    outcomes.append(outcomes.isEmpty() ? "" : "; ").append(kind).append(": ")
                        .append(t.intact() ? "intact" : t.failure()).append(" after ").append(t.millis()).append(" ms");
                    if (t.intact()) continue;
                    if (kind == Forgery.RST) resets++;
                    else data++;
                }
            }
            return new Result(rounds, resets, data, outcomes.toString());
        }
    }

    private VerifiedTransfer round(InetSocketAddress server, Forgery kind, int seed, ExecutorService threads) throws Exception {
        try (SpoofingRelay relay = new SpoofingRelay(server)) {
            Future<VerifiedTransfer> transfer = threads.submit(() -> VerifiedTransfer.run(relay.address(), transferBytes, seed, 10_000));
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
