package net.rudp.core;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmokeTest {
    record InFlight(long at, long seq, InetSocketAddress from, InetSocketAddress to, byte[] bytes) {}

    @Test
    void transfersOneMegabyte() {
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 1000);
        InetSocketAddress b = new InetSocketAddress("127.0.0.1", 2000);
        Endpoint ea = new Endpoint(a, ConnectionConfig.DEFAULT, new SplittableRandom(1));
        Endpoint eb = new Endpoint(b, ConnectionConfig.DEFAULT, new SplittableRandom(2));
        eb.listen(10);
        PriorityQueue<InFlight> net = new PriorityQueue<>((x, y) -> x.at != y.at ? Long.compare(x.at, y.at) : Long.compare(x.seq, y.seq));
        long[] seq = {0};
        long delay = 10_000_000;
        Random rnd = new Random(5);
        double loss = Double.parseDouble(System.getProperty("loss", "0.05"));
        long now = 0;
        Connection client = ea.connect(b, now);
        byte[] data = new byte[1 << 20];
        new Random(3).nextBytes(data);
        ByteBuffer src = ByteBuffer.wrap(data);
        ByteBuffer dst = ByteBuffer.allocate(data.length + 10);
        Connection server = null;
        for (int step = 0; step < 2_000_000; step++) {
            long t = now;
            ea.flush(now, (to, d) -> { if (rnd.nextDouble() >= loss) net.add(new InFlight(t + delay, seq[0]++, a, to, copy(d))); });
            eb.flush(now, (to, d) -> { if (rnd.nextDouble() >= loss) net.add(new InFlight(t + delay, seq[0]++, b, to, copy(d))); });
            if (server == null) server = eb.accept();
            if (client.state() == ConnectionState.ESTABLISHED && src.hasRemaining()) {
                client.write(src);
                if (!src.hasRemaining()) client.shutdownOutput();
            }
            if (server != null) {
                int n;
                while ((n = server.read(dst)) > 0) { }
                if (server.isEndOfStream() && server.state() == ConnectionState.CLOSE_WAIT) server.close();
            }
            ea.flush(now, (to, d) -> { if (rnd.nextDouble() >= loss) net.add(new InFlight(t + delay, seq[0]++, a, to, copy(d))); });
            eb.flush(now, (to, d) -> { if (rnd.nextDouble() >= loss) net.add(new InFlight(t + delay, seq[0]++, b, to, copy(d))); });
            long next = Math.min(Math.min(ea.nextDeadline(), eb.nextDeadline()), net.isEmpty() ? Long.MAX_VALUE : net.peek().at);
            if (next == Long.MAX_VALUE) break;
            now = Math.max(now, next);
            while (!net.isEmpty() && net.peek().at <= now) {
                InFlight f = net.poll();
                (f.to.equals(a) ? ea : eb).receive(f.from, ByteBuffer.wrap(f.bytes), now);
            }
            ea.timeout(now);
            eb.timeout(now);
        }
        System.out.println("end: now=" + now + " client=" + client + " net=" + net.size() + " eb=" + eb.connectionCount());
        assertNotNull(server);
        System.out.println("virtual time " + now / 1e9 + " s, client " + client.stats() + "\nserver " + server.stats());
        assertEquals(data.length, dst.position());
        assertArrayEquals(data, Arrays.copyOf(dst.array(), data.length));
        assertEquals(ConnectionState.CLOSED, server.state());
    }

    static byte[] copy(ByteBuffer b) {
        byte[] x = new byte[b.remaining()];
        b.duplicate().get(x);
        return x;
    }
}
