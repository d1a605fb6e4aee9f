package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.ConnectionConfig;
import net.rudp.ConnectionTracer;
import net.rudp.JsonLinesTracer;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.sim.SimNetwork;
import org.junit.jupiter.api.Test;

/**
 * A tracer that throws (JsonLinesTracer on a full disk) is detached and reported once; its
 * connection and the endpoint's other connections carry on as if nothing happened.
 */
class TracerFailureTest {
    private static final long S = 1_000_000_000L;
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 40000);
    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.2", 4000);

    /** An Appendable whose disk fills up after {@code room} lines. */
    private static final class FillingDisk implements Appendable {
        int room;
        int attemptsAfterFull;

        FillingDisk(int room) {
            this.room = room;
        }

        @Override
        public Appendable append(CharSequence s) throws IOException {
            if (room-- <= 0) {
                attemptsAfterFull++;
                throw new IOException("No space left on device");
            }
            return this;
        }

        @Override
        public Appendable append(CharSequence s, int start, int end) throws IOException {
            return append(s.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) throws IOException {
            return append(String.valueOf(c));
        }
    }

    @Test
    void aTracerThatThrowsIsDetachedAndEveryConnectionCarriesOn() {
        SimNetwork net = new SimNetwork(7);
        SplittableRandom r = new SplittableRandom(7);
        byte[] first = new byte[300_000];
        byte[] second = new byte[200_000];
        r.nextBytes(first);
        r.nextBytes(second);
        Endpoint server = new Endpoint(SERVER, ConnectionConfig.DEFAULT, r.split());
        server.listen(4);
        List<StreamApp> accepted = new ArrayList<>();
        EndpointNode<StreamApp> serverNode = new EndpointNode<>(server, () -> {
            StreamApp app = new StreamApp(new byte[0], accepted.size(), 4096, 4096, 0);
            accepted.add(app);
            return app;
        });
        EndpointNode<StreamApp> clientNode = new EndpointNode<>(new Endpoint(CLIENT, ConnectionConfig.DEFAULT, r.split()), null);
        net.add(clientNode).add(serverNode);
        net.setProfiles(CLIENT, SERVER, ImpairmentProfile.parse("delay=10ms,loss=2%"));
        List<Integer> tracerEvents = new ArrayList<>();
        clientNode.onEvents((c, e) -> {
            if ((e & ConnectionEvents.TRACER_FAILED) != 0) tracerEvents.add(c.localId());
        });

        StreamApp traced = clientNode.connect(SERVER, new StreamApp(first, 1, 4096, 4096, 0), net.now());
        StreamApp other = clientNode.connect(SERVER, new StreamApp(second, 2, 4096, 4096, 0), net.now());
        FillingDisk disk = new FillingDisk(50);
        traced.connection().setTracer(new JsonLinesTracer(disk, "client"));

        net.run(() -> traced.isDone() && other.isDone() && accepted.size() == 2 && accepted.stream().allMatch(StreamApp::isDone),
            600 * S);

        assertEquals(List.of(traced.connection().localId()), tracerEvents, "TRACER_FAILED raised once, for the traced connection");
        UncheckedIOException failure = assertInstanceOf(UncheckedIOException.class, traced.connection().tracerFailure());
        assertEquals("No space left on device", failure.getCause().getMessage());
        assertEquals(1, disk.attemptsAfterFull, "the tracer was detached after it first threw");
        assertNull(other.connection().tracerFailure());
        for (StreamApp app : List.of(traced, other)) {
            assertTrue(app.isDone(), "closed: " + app.connection());
            assertNull(app.connection().error());
        }
        List<byte[]> received = accepted.stream().map(StreamApp::received).toList();
        assertTrue(received.stream().anyMatch(b -> java.util.Arrays.equals(b, first)), "the traced stream arrived whole");
        assertTrue(received.stream().anyMatch(b -> java.util.Arrays.equals(b, second)), "the other stream arrived whole");
    }

    @Test
    void theTraceForwardsUntilTheTracerThrowsThenReportsOnce() {
        int[] reports = {0};
        ConnectionTrace trace = new ConnectionTrace(() -> reports[0]++);
        List<String> seen = new ArrayList<>();
        RuntimeException boom = new IllegalStateException("boom");
        trace.set(new ConnectionTracer() {
            @Override
            public void packetSent(long now, String type, long offset, int length, boolean retransmission) {
                seen.add("sent " + type);
            }

            @Override
            public void packetReceived(long now, String type, long offset, int length) {
                throw boom;
            }

            @Override
            public void packetLost(long now, long offset, int length, LossTrigger trigger) {
                seen.add("lost");
            }

            @Override
            public void metricsUpdated(long now, long cwnd, long inFlight, long srtt, long pacingRate) {
                seen.add("metrics " + cwnd);
            }
        });
        trace.packetSent(0, "DATA", 1, 100, false);
        trace.metrics(0, 1000, 0, 0, 0);
        trace.metrics(1, 1000, 0, 0, 0);
        trace.packetReceived(2, new net.rudp.wire.Packet.Probe(new net.rudp.wire.Header(0, 1, 2, 3, 4, 5, 6, 7)), 0);
        trace.packetLost(3, 1, 100, ConnectionTracer.LossTrigger.RACK);
        trace.packetSent(4, "ACK", 1, 0, false);
        assertEquals(List.of("sent DATA", "metrics 1000"), seen, "metrics only when the window changed; nothing after the throw");
        assertSame(boom, trace.failure());
        assertEquals(1, reports[0]);
    }
}
