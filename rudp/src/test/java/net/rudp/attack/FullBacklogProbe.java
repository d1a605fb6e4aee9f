package net.rudp.attack;

import net.rudp.api.RudpSocket;

/**
 * What a real client is told when the listener's backlog is full: {@code backlog} spoofed SYNs
 * fill it with half-open calls, then the client connects.
 *
 * @param error the exception connect() threw (null if it connected)
 */
record FullBacklogProbe(int backlog, Exception error, long millis) {

    static FullBacklogProbe run(int backlog) throws Exception {
        try (Target target = new Target(Target.Mode.DIGEST, backlog); AttackSocket spoofed = new AttackSocket(210)) {
            for (int i = 0; i < backlog; i++) spoofed.send(target.address(), Wire.syn(1 + i, 1_000 * i, 1162, 1 << 22, 0));
            for (int answered = 0; answered < backlog && spoofed.receive(2_000) != null; ) answered++;
            long start = System.nanoTime();
            try (RudpSocket client = new RudpSocket()) {
                client.connect(target.address(), 5_000);
                return new FullBacklogProbe(backlog, null, (System.nanoTime() - start) / 1_000_000);
            } catch (Exception e) {
                return new FullBacklogProbe(backlog, e, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    String line() {
        return String.format("full backlog (%d half-open spoofed calls): the client's connect %s after %d ms", backlog,
            error == null ? "succeeded" : "threw " + error, millis);
    }
}
