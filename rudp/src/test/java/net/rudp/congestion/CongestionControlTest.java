package net.rudp.congestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.rudp.CongestionControl;
import org.junit.jupiter.api.Test;

class CongestionControlTest {

    @Test
    void namesFindTheirControllers() {
        assertEquals(CongestionControl.NEW_RENO, CongestionControl.fromName("newreno"));
        assertEquals(CongestionControl.CUBIC, CongestionControl.fromName("cubic"));
        assertEquals(CongestionControl.BBR, CongestionControl.fromName(" BBR "));
        assertEquals(CongestionControl.BBR, CongestionControl.DEFAULT, "the default follows spec/EVALUATION.md");
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CongestionControl.fromName("vegas"));
        assertEquals("unknown congestion control \"vegas\"; known names: newreno, cubic, bbr", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CongestionControl.fromName(null));
    }

    @Test
    void eachCreatesAFreshControllerNamedAsItIs() {
        for (CongestionControl c : CongestionControl.values()) {
            CongestionController controller = CongestionControllers.create(c, 1200, 42);
            assertEquals(c.id(), controller.name());
        }
        assertInstanceOf(NewReno.class, CongestionControllers.create(CongestionControl.NEW_RENO, 1200, 0));
        assertInstanceOf(Cubic.class, CongestionControllers.create(CongestionControl.CUBIC, 1200, 0));
        assertInstanceOf(Bbr.class, CongestionControllers.create(CongestionControl.BBR, 1200, 0));
        assertThrows(IllegalArgumentException.class, () -> CongestionControllers.create(CongestionControl.CUBIC, -1, 0));
    }
}
