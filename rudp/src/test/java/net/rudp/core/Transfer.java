package net.rudp.core;

import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import net.rudp.ConnectionConfig;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.sim.SimNetwork;

/**
 * One simulated transfer between a client and a server endpoint: each side sends its payload,
 * half-closes, reads the other's to the end and closes. The building block of the transfer
 * properties and of the named scenarios.
 */
final class Transfer {
    static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 40000);
    static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.2", 4000);

    final SimNetwork net;
    final EndpointNode<StreamApp> client;
    final EndpointNode<StreamApp> server;
    final StreamApp clientApp;
    final byte[] clientPayload;
    final byte[] serverPayload;
    private StreamApp serverApp;

    /**
     * @param spec what to send and how the applications behave
     * @param config both endpoints' configuration
     * @param forward the client-to-server link, {@code reverse} the other way
     */
    Transfer(Spec spec, ConnectionConfig config, ImpairmentProfile forward, ImpairmentProfile reverse, long seed,
             InitialSequenceNumbers isns) {
        SplittableRandom r = new SplittableRandom(seed);
        clientPayload = bytes(r, spec.clientBytes());
        serverPayload = bytes(r, spec.serverBytes());
        net = new SimNetwork(r.nextLong());
        Endpoint ce = isns == null ? new Endpoint(CLIENT, config, r.split()) : new Endpoint(CLIENT, config, r.split(), isns);
        Endpoint se = isns == null ? new Endpoint(SERVER, config, r.split()) : new Endpoint(SERVER, config, r.split(), isns);
        se.listen(8);
        long appSeed = r.nextLong();
        client = new EndpointNode<>(ce, null);
        server = new EndpointNode<>(se, () -> serverApp = new StreamApp(serverPayload, appSeed + 1, spec.writeChunkMax(),
            spec.readChunkMax(), spec.serverReadStallNanos()));
        net.add(client).add(server);
        net.setProfile(CLIENT, SERVER, forward);
        net.setProfile(SERVER, CLIENT, reverse);
        clientApp = client.connect(SERVER, new StreamApp(clientPayload, appSeed, spec.writeChunkMax(), spec.readChunkMax(), 0), net.now());
    }

    /** What the applications do. */
    record Spec(int clientBytes, int serverBytes, int writeChunkMax, int readChunkMax, long serverReadStallNanos) {}

    StreamApp serverApp() {
        return serverApp;
    }

    /** Runs until both applications are done and both connections closed, or {@code maxNanos} of virtual time. */
    SimNetwork.StopReason run(long maxNanos) {
        return net.run(this::finished, maxNanos);
    }

    boolean finished() {
        return clientApp.isDone() && serverApp != null && serverApp.isDone();
    }

    private static byte[] bytes(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt();
        return b;
    }
}
