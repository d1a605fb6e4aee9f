package net.rudp.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
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

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aClientFindingTheBacklogFullIsRefusedRatherThanLeftWaiting() throws Exception {
        FullBacklogProbe p = FullBacklogProbe.run(2);
        System.out.println(p.line());
        assertInstanceOf(ConnectException.class, p.error(), p::line);
    }
}
