package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.rudp.sim.SimNode;

/**
 * An {@link Endpoint} on the simulated network, with applications on its connections: the ones
 * it connects, and a new one for every connection it accepts. Checks on the way out that no
 * datagram exceeds the configured size.
 */
final class EndpointNode<A extends SimApp> implements SimNode {
    final Endpoint endpoint;
    private final List<A> apps = new ArrayList<>();
    private final Supplier<? extends A> onAccept;
    private long now;
    private long oversized;
    private Endpoint.EventHandler events = (c, e) -> { };

    /** @param onAccept the application for each accepted connection, or null for a node that does not listen */
    EndpointNode(Endpoint endpoint, Supplier<? extends A> onAccept) {
        this.endpoint = endpoint;
        this.onAccept = onAccept;
    }

    <B extends A> B connect(InetSocketAddress remote, B app, long nowNanos) {
        app.attach(endpoint.connect(remote, nowNanos));
        apps.add(app);
        return app;
    }

    List<A> apps() {
        return apps;
    }

    /** Hands every connection's events to {@code handler} from now on. */
    void onEvents(Endpoint.EventHandler handler) {
        events = handler;
    }

    /** Datagrams larger than the configured maximum that this node tried to send. */
    long oversized() {
        return oversized;
    }

    @Override
    public InetSocketAddress address() {
        return endpoint.localAddress();
    }

    @Override
    public void receive(InetSocketAddress from, ByteBuffer datagram, long nowNanos) {
        now = nowNanos;
        endpoint.receive(from, datagram, nowNanos);
    }

    @Override
    public void timeout(long nowNanos) {
        now = nowNanos;
        endpoint.timeout(nowNanos);
    }

    @Override
    public long nextDeadline() {
        long d = endpoint.nextDeadline();
        for (A app : apps) d = Math.min(d, app.wakeUp(now));
        return d;
    }

    @Override
    public void flush(long nowNanos, net.rudp.core.DatagramSink sink) {
        now = nowNanos;
        Connection accepted;
        while (onAccept != null && (accepted = endpoint.accept()) != null) {
            A app = onAccept.get();
            app.attach(accepted);
            apps.add(app);
        }
        for (A app : apps) app.step(nowNanos);
        int max = endpoint.config().maxDatagramSize();
        endpoint.flush(nowNanos, (to, d) -> {
            if (d.remaining() > max) oversized++;
            sink.send(to, d);
        });
        endpoint.drainEvents(events);
    }
}
