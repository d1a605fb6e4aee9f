package net.rudp.core;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionState;
import net.rudp.CongestionControl;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.impair.LinkStats;
import net.rudp.sim.SimNetwork;
import net.rudp.sim.SimTrace;

/**
 * The evaluation's network: n bulk senders, each with its own congestion controller, sharing one
 * bottleneck link towards one receiving server.
 *
 * <pre>
 *   client 0 ──┐                     bottleneck (profile)
 *   client 1 ──┼── router ══════════════════════════════ server
 *   ...      ──┘         ═════════════════════════════
 *                         return link (same profile)
 * </pre>
 *
 * The clients' links to and from the {@link EvalRouter} are perfect (no delay, no rate limit);
 * the router-server link carries the profile in both directions, as the project's named scenarios
 * do. The server accepts every connection with an {@link EvalReceiver}. Everything derives from
 * one seed, so a run is exactly repeatable.
 */
final class EvalDumbbell {
    static final InetSocketAddress ROUTER = new InetSocketAddress("198.51.100.1", 4000);
    static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.2", 4000);

    private final SimNetwork net;
    private final EvalRouter router = new EvalRouter(ROUTER, SERVER);
    private final EndpointNode<EvalApp> server;
    private final List<EndpointNode<EvalApp>> clients = new ArrayList<>();
    private final List<CongestionControl> controllers;
    private final EvalSender[] senders;
    private final SplittableRandom random;

    /** @param controllers one per flow: flow {@code i} is client {@code i}'s, with controller {@code i} */
    EvalDumbbell(long seed, ImpairmentProfile link, List<CongestionControl> controllers) {
        this(seed, link, controllers, null);
    }

    /** As above, reporting every datagram to {@code trace} (null: none). */
    EvalDumbbell(long seed, ImpairmentProfile link, List<CongestionControl> controllers, SimTrace trace) {
        this.random = new SplittableRandom(seed);
        this.controllers = List.copyOf(controllers);
        this.senders = new EvalSender[controllers.size()];
        this.net = new SimNetwork(random.nextLong());
        Endpoint listener = new Endpoint(SERVER, ConnectionConfig.DEFAULT, random.split());
        listener.listen(controllers.size());
        server = new EndpointNode<>(listener, EvalReceiver::new);
        net.add(router).add(server);
        for (int i = 0; i < controllers.size(); i++) {
            InetSocketAddress address = new InetSocketAddress("192.0.2." + (1 + i), 40000);
            ConnectionConfig config = ConnectionConfig.builder().congestionControl(controllers.get(i)).build();
            EndpointNode<EvalApp> client = new EndpointNode<>(new Endpoint(address, config, random.split()), null);
            clients.add(client);
            net.add(client);
        }
        net.setProfiles(ROUTER, SERVER, link);
        net.setTrace(trace);
    }

    /** Flow {@code flow} connects now and sends until told to finish (see {@link EvalSender}). */
    EvalSender start(int flow, boolean traceWindow) {
        if (senders[flow] != null) throw new IllegalStateException("flow " + flow + " already started");
        senders[flow] = clients.get(flow).connect(ROUTER, new EvalSender(new EvalPattern(random.nextLong()),
            traceWindow), net.now());
        return senders[flow];
    }

    /** The connections of every endpoint, clients first, in the order they were opened or accepted. */
    List<Connection> connections() {
        List<Connection> all = new ArrayList<>();
        for (EndpointNode<EvalApp> client : clients) client.apps().forEach(app -> all.add(app.connection()));
        server.apps().forEach(app -> all.add(app.connection()));
        return all;
    }

    /** Runs the network until virtual time {@code nanos}. */
    void runUntil(long nanos) {
        net.run(() -> false, nanos - net.now());
    }

    /** Runs until {@code done} holds or the clock reaches {@code limitNanos}; whether {@code done} held. */
    boolean runUntil(BooleanSupplier done, long limitNanos) {
        return net.run(done, limitNanos - net.now()) == SimNetwork.StopReason.CONDITION_MET;
    }

    long now() {
        return net.now();
    }

    EvalRouter router() {
        return router;
    }

    int flows() {
        return senders.length;
    }

    CongestionControl controller(int flow) {
        return controllers.get(flow);
    }

    EvalSender sender(int flow) {
        return senders[flow];
    }

    /** The server's side of flow {@code flow}, once the server has read the flow's seed; else null. */
    EvalReceiver receiver(int flow) {
        if (senders[flow] == null) return null;
        for (EvalApp app : server.apps()) {
            if (app instanceof EvalReceiver r && r.pattern() != null && r.pattern().seed() == senders[flow].seed()) return r;
        }
        return null;
    }

    /** The bottleneck's counters (router to server). */
    LinkStats bottleneckStats() {
        return net.linkStats(ROUTER, SERVER);
    }

    /** What the counters say now. */
    EvalSnapshot snapshot() {
        long[] received = new long[senders.length];
        for (int i = 0; i < received.length; i++) {
            EvalReceiver r = receiver(i);
            received[i] = r == null ? 0 : r.received();
        }
        return new EvalSnapshot(net.now(), received, bottleneckStats().deliveredBytes());
    }

    /**
     * Every flow stops writing; runs until each receiver has read its stream to the end and every
     * connection is closed, or for at most {@code limitNanos} more. Whether all of that happened.
     */
    boolean finish(long limitNanos) {
        for (EvalSender s : senders) {
            if (s != null) s.finish();
        }
        return runUntil(this::allClosed, net.now() + limitNanos);
    }

    private boolean allClosed() {
        for (int i = 0; i < senders.length; i++) {
            if (senders[i] == null) continue;
            EvalReceiver r = receiver(i);
            if (r == null || r.endOfStreamNanos() < 0 || r.connection().state() != ConnectionState.CLOSED
                || senders[i].connection().state() != ConnectionState.CLOSED) {
                return false;
            }
        }
        return true;
    }

    /** What went wrong with the started flows' data or connections, one line each; empty when nothing did. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < senders.length; i++) {
            if (senders[i] == null) continue;
            String flow = "flow " + i + " (" + controllers.get(i) + "): ";
            EvalReceiver r = receiver(i);
            if (senders[i].connection().error() != null) problems.add(flow + "sender failed: " + senders[i].connection().error());
            if (r == null) {
                problems.add(flow + "no data reached the server");
            } else {
                if (r.connection().error() != null) problems.add(flow + "receiver failed: " + r.connection().error());
                if (r.firstMismatch() >= 0) problems.add(flow + "the byte at stream offset " + r.firstMismatch() + " is not the one sent");
                if (r.endOfStreamNanos() >= 0 && r.received() != senders[i].written()) {
                    problems.add(flow + "the stream ended after " + r.received() + " of " + senders[i].written() + " bytes");
                }
            }
        }
        return problems;
    }
}
