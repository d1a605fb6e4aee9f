package net.rudp.attack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import net.rudp.api.RudpServerSocket;
import net.rudp.api.RudpSocket;

/**
 * What a real client is told when the listener's accept queue is full: {@code backlog}
 * connections from another address complete their handshakes and are never accepted (the
 * server application is busy), then the client connects. Half-open calls alone no longer fill
 * the queue: beyond the backlog the listener answers with cookies (spec 8.3), so only
 * established, unaccepted connections make it refuse.
 *
 * @param error the exception connect() threw (null if it connected)
 */
record FullBacklogProbe(int backlog, Exception error, long millis) {

    static FullBacklogProbe run(int backlog) throws Exception {
        try (RudpServerSocket server = new RudpServerSocket(0, backlog, InetAddress.getByName("127.0.0.1"));
             AttackSocket peer = new AttackSocket(210)) {
            InetSocketAddress address = (InetSocketAddress) server.getLocalSocketAddress();
            for (int i = 0; i < backlog; i++) {
                if (RawConnection.open(peer, address, 1 + i, 1_000 * i, 2_000) == null) {
                    throw new AssertionError("connection " + i + " of the backlog did not open");
                }
            }
            peer.drain(200);
            FullBacklogProbe p = connect(address);
            return new FullBacklogProbe(backlog, p.error(), p.millis());
        }
    }

    /**
     * What a client is told by a rudp endpoint that does not listen (the endpoint of a client
     * socket bound to its own port, connected elsewhere): RST(REFUSED) without QUEUE_FULL (spec
     * 8.2 rule 3). A port where nothing is bound says the same through ICMP, but hosts
     * rate-limit ICMP, so on a loaded machine that would be flaky.
     */
    static FullBacklogProbe nobodyListening() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (RudpServerSocket elsewhere = new RudpServerSocket(0, 1, loopback); RudpSocket bound = new RudpSocket()) {
            bound.bind(new InetSocketAddress(loopback, 0));
            bound.connect(elsewhere.getLocalSocketAddress(), 5_000);
            return connect((InetSocketAddress) bound.getLocalSocketAddress());
        }
    }

    private static FullBacklogProbe connect(InetSocketAddress address) {
        long start = System.nanoTime();
        try (RudpSocket client = new RudpSocket()) {
            client.connect(address, 5_000);
            return new FullBacklogProbe(-1, null, (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            return new FullBacklogProbe(-1, e, (System.nanoTime() - start) / 1_000_000);
        }
    }

    String line() {
        String what = backlog < 0 ? "nobody listening" : "full accept queue (" + backlog + " established, unaccepted connections)";
        return String.format("%s: the client's connect %s after %d ms", what,
            error == null ? "succeeded" : "threw " + error, millis);
    }
}
