package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.rudp.ConnectionConfig;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

/** The id table agrees with a HashMap under any mix of puts and removes, colliding ids included. */
class ConnectionTableTest {
    record Ops(long seed, int count, int idRange) {}

    @Test
    void behavesLikeAMap() {
        Endpoint owner = new Endpoint(new InetSocketAddress("192.0.2.1", 1), ConnectionConfig.DEFAULT, new SplittableRandom(1));
        Connection[] pool = new Connection[8];
        for (int i = 0; i < pool.length; i++) pool[i] = owner.connect(new InetSocketAddress("192.0.2.2", 1000 + i), 0);
        Property.of("ConnectionTable == HashMap", r -> new Ops(r.nextLong(), r.nextInt(1, 400), r.nextBoolean() ? 50 : Integer.MAX_VALUE))
            .tries(300)
            .check(ops -> {
                SplittableRandom r = new SplittableRandom(ops.seed());
                ConnectionTable table = new ConnectionTable();
                Map<Integer, Connection> model = new HashMap<>();
                for (int i = 0; i < ops.count(); i++) {
                    int id = 1 + r.nextInt(ops.idRange() - 1);
                    Connection c = pool[r.nextInt(pool.length)];
                    if (r.nextInt(3) == 0) {
                        table.remove(id, c);
                        model.remove(id, c);
                    } else {
                        table.put(id, c);
                        model.put(id, c);
                    }
                    assertEquals(model.size(), table.size());
                }
                for (int id : model.keySet()) assertEquals(model.get(id), table.get(id));
                for (int k = 0; k < 200; k++) {
                    int id = 1 + r.nextInt(ops.idRange() - 1);
                    assertEquals(model.get(id), table.get(id), "id " + id);
                }
            });
    }
}
