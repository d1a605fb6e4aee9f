package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.rudp.sim.SimNode;

/**
 * An {@link Endpoint} on the simulated network running {@link EvalApp}s: the ones it connects,
 * and a new one for every connection it accepts. (As {@link EndpointNode} does for
 * {@link StreamApp}s.)
 */
final class EvalHost implements SimNode {
    private final Endpoint endpoint;
    private final Supplier<? extends EvalApp> onAccept;
    private final List<EvalApp> apps = new ArrayList<>();

    /** @param onAccept the application for each accepted connection, or null for a host that does not listen */
    EvalHost(Endpoint endpoint, Supplier<? extends EvalApp> onAccept) {
        this.endpoint = endpoint;
        this.onAccept = onAccept;
    }

    /** Opens a connection to {@code remote} for {@code app}. */
    <A extends EvalApp> A connect(InetSocketAddress remote, A app, long nowNanos) {
        app.attach(endpoint.connect(remote, nowNanos));
        apps.add(app);
        return app;
    }

    List<EvalApp> apps() {
        return apps;
    }

    @Override
    public InetSocketAddress address() {
        return endpoint.localAddress();
    }

    @Override
    public void receive(InetSocketAddress from, ByteBuffer datagram, long nowNanos) {
        endpoint.receive(from, datagram, nowNanos);
    }

    @Override
    public void timeout(long nowNanos) {
        endpoint.timeout(nowNanos);
    }

    @Override
    public long nextDeadline() {
        return endpoint.nextDeadline();
    }

    @Override
    public void flush(long nowNanos, DatagramSink sink) {
        Connection accepted;
        while (onAccept != null && (accepted = endpoint.accept()) != null) {
            EvalApp app = onAccept.get();
            app.attach(accepted);
            apps.add(app);
        }
        for (EvalApp app : apps) app.step(nowNanos);
        endpoint.flush(nowNanos, sink);
        endpoint.drainEvents((c, e) -> { });
    }
}
