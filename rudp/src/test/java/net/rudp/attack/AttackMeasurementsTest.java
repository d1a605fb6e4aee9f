package net.rudp.attack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements of the attacks issue 13 hardens against, printed one line each; they assert
 * nothing yet (today's figures are spec/SECURITY.md's "before" numbers). Run by hand:
 * {@code ./mvnw -B -pl rudp test -Dtest=AttackMeasurementsTest -Drudp.attack.measure=true}
 * (add {@code -Drudp.attack.long=true} for the long sizes, {@code #method} for one).
 */
@EnabledIfSystemProperty(named = "rudp.attack.measure", matches = "true")
class AttackMeasurementsTest {

    @Test
    void farEdgeMemory() throws Exception {
        System.out.println(ConnectionMemoryAttack.atFarEdge().run().line());
    }

    @Test
    void farEdgeMemoryWithABudgetOf1MiB() throws Exception {
        System.out.println(ConnectionMemoryAttack.atFarEdgeWithBudget(1 << 20).run().line());
    }

    @Test
    void idleConnectionsPerEndpoint() throws Exception {
        System.out.println(ConnectionMemoryAttack.inOrder().run().line());
    }

    @Test
    void synFlood() throws Exception {
        System.out.println(SynFloodAttack.sized().run().line());
    }

    @Test
    void badChecksumFloodCost() throws Exception {
        System.out.println(CorruptFloodCost.sized().run().line());
    }

    @Test
    void outOfOrderRanges() throws Exception {
        System.out.println(OutOfOrderRangesAttack.sized().run().line());
    }

    @Test
    void reflection() throws Exception {
        System.out.println(ReflectionAttack.synAck(20).line());
        System.out.println(ReflectionAttack.noConnectionReset(2_000, 500).line());
        System.out.println(ReflectionAttack.noConnectionReset(20_000, 20_000).line());
        System.out.println(ReflectionAttack.corruptSeenNack(300, 200, 5).line());
    }

    @Test
    void onPathForgery() throws Exception {
        System.out.println(OnPathForgeryAttack.sized().run().line());
    }

    @Test
    void fullBacklogMessage() throws Exception {
        System.out.println(FullBacklogProbe.run(2).line());
    }
}
