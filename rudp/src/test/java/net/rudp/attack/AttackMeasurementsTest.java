package net.rudp.attack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measurements of the attacks issue 13 hardens against that {@link AttackSuiteTest} does not
 * assert yet (memory and out-of-order ranges: issue 13's other parts; on-path forgery: the
 * authenticated mode), printed one line each. Run by hand:
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
    void outOfOrderRanges() throws Exception {
        System.out.println(OutOfOrderRangesAttack.sized().run().line());
    }

    @Test
    void onPathForgery() throws Exception {
        System.out.println(OnPathForgeryAttack.sized().run().line());
    }
}
