package net.rudp.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The attacks rudp withstands today, asserted: a live endpoint on loopback, attacked through
 * raw UDP from 127.0.0.x. CI runs them sized down; {@code -Drudp.attack.long=true} runs the
 * long version (spec/SECURITY.md). The attacks it does not withstand yet are measured by
 * {@link AttackMeasurementsTest}.
 */
class AttackSuiteTest {

    @Test
    @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fuzzedDatagramsNeitherCrashTheServerNorCorruptATransfer() throws Exception {
        FuzzAttack.Result r = FuzzAttack.sized().run();
        System.out.println(r.line());
        assertEquals(r.transfers().size(), r.intact(), () -> "transfers damaged by fuzzing: " + r.line());
        assertTrue(r.after().intact(), () -> "the server stopped serving after fuzzing: " + r.line());
    }

    @Test
    @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void blindlyInjectedPacketsAreNeverAccepted() throws Exception {
        BlindInjectionAttack.Result r = BlindInjectionAttack.sized().run();
        System.out.println(r.line());
        assertEquals(0, r.damaged(), r::line);
    }

    /** Spec 10.5: received data costs memory in chunks of one max payload. */
    private static final long CHUNK = ConnectionConfig.DEFAULT.maxPayload();
    /** Spec 10.5: out-of-order ranges a connection holds at most. */
    private static final int MAX_RANGES = 1_024;

    @Test
    @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aByteAtTheFarEdgeOfTheWindowCostsTheServerOneChunkNotTheWindow() throws Exception {
        ConnectionMemoryAttack.Result r = ConnectionMemoryAttack.atFarEdge().run();
        System.out.println(r.line());
        assertTrue(r.after().intact(), () -> "a real client was not served after the attack: " + r.line());
        assertEquals(null, r.stoppedAt(), r::line);
        assertTrue(r.opened() >= 0.95 * ConnectionMemoryAttack.atFarEdge().connections(), r::line);
        assertEquals(r.opened(), r.held(), () -> "within the budget every far-edge byte is held: " + r.line());
        // Before: 8.1 MB per connection (the ring spanned the window). The connection's own state
        // and the test server's thread are most of what is left.
        assertTrue(r.perConnection() < 64 * 1024, () -> "heap per far-edge connection: " + r.line());
    }

    @Test
    @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void farEdgeBytesBeyondTheBudgetAreRefusedAndRealClientsAreStillServed() throws Exception {
        long budget = 1 << 20;
        ConnectionMemoryAttack.Result r = ConnectionMemoryAttack.atFarEdgeWithBudget(budget).run();
        System.out.println(r.line());
        long outOfOrderChunks = (budget - budget / 4) / CHUNK;
        assertTrue(r.held() <= outOfOrderChunks, () -> "out-of-order data held beyond 3/4 of the budget (" + outOfOrderChunks
            + " chunks): " + r.line());
        assertTrue(r.held() >= outOfOrderChunks - 16, () -> "the budget should be used before refusing: " + r.line());
        assertTrue(r.opened() > r.held(), r::line);
        assertTrue(r.after().intact(), () -> "a real client was not served under memory pressure: " + r.line());
    }

    @Test
    @Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void outOfOrderRangesStopAtTheirBoundSoNoSegmentCostsMoreThanTheFirst() throws Exception {
        OutOfOrderRangesAttack.Result r = OutOfOrderRangesAttack.sized().run();
        System.out.println(r.line());
        // The highest range SACKed is the last one the server kept: the 1,024th segment, or a few
        // further if loopback lost some of the first (a batch is sized so that it should not).
        assertTrue(r.rangesHeld() >= MAX_RANGES && r.rangesHeld() <= MAX_RANGES + 8,
            () -> "the server keeps ranges up to its bound, and drops the rest: " + r.line());
        // Before: 60,000 ranges held (960 KB of bookkeeping, plus the ring); the bound keeps it to 16 KB.
        assertTrue(r.heapGrowth() < 1 << 20, () -> "heap grew during the attack: " + r.line());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void callsBeyondTheConnectionLimitAreRefusedWithTheReason() throws Exception {
        ConnectionLimitProbe p = ConnectionLimitProbe.run(50);
        System.out.println(p.line());
        assertEquals(50, p.opened(), p::line);
        assertEquals(6, p.reason(), () -> "spec 13.1: RST(CONNECTION_LIMIT): " + p.line());
        ConnectException refused = assertInstanceOf(ConnectException.class, p.error(), p::line);
        assertEquals("Connection refused: the server has reached its connection limit", refused.getMessage());
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aClientFindingTheBacklogFullIsRefusedRatherThanLeftWaiting() throws Exception {
        FullBacklogProbe p = FullBacklogProbe.run(2);
        System.out.println(p.line());
        assertInstanceOf(ConnectException.class, p.error(), p::line);
    }
}
