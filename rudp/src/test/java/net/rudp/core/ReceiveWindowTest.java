package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The advertised window and the receiver's silly-window rule (spec 10.3). */
class ReceiveWindowTest {
    private static final int BUFFER = 10_000;
    private static final int MSS = 1000;

    private final Reassembly stream = new Reassembly(TestMemory.ample());
    private final ReceiveWindow window = new ReceiveWindow(stream, TestMemory.ample(), BUFFER, MSS);

    private void receive(int n) {
        stream.accept(stream.rcvNxt(), ByteBuffer.allocate(n), window.right());
    }

    private void read(int n) {
        stream.read(ByteBuffer.allocate(n));
    }

    @Test
    void theWindowShrinksAsDataWaitsAndReopensOnlyInWholeSteps() {
        assertEquals(BUFFER, window.advertise());
        receive(BUFFER);
        assertEquals(0, window.advertise(), "a full buffer: zero window");
        read(1);
        assertEquals(0, window.advertise(), "one byte read: no one-byte window (the silly window)");
        assertFalse(window.updateWorthSending());
        read(MSS - 1);
        assertEquals(MSS, window.advertise(), "a segment's worth read: the window opens by it");
    }

    @Test
    void anUpdateGoesOutOnItsOwnOnlyBelowHalfTheBuffer() {
        receive(4000);
        read(4000);
        assertFalse(window.updateWorthSending(), "the peer still knows 6000 of 10000");
        receive(2000);
        read(2000);
        assertTrue(window.updateWorthSending(), "the peer knows 4000, below half, and 6000 were freed");
        window.advertise();
        assertEquals(BUFFER, window.known(), "advertised: the edge moved");
        assertFalse(window.updateWorthSending());
    }

    @Test
    void aSmallBufferStepsByHalfOfIt() {
        Reassembly s = new Reassembly(TestMemory.ample());
        ReceiveWindow w = new ReceiveWindow(s, TestMemory.ample(), 1000, 1400);
        s.accept(1, ByteBuffer.allocate(1000), w.right());
        s.read(ByteBuffer.allocate(499));
        assertEquals(0, w.advertise(), "the step is min(buffer / 2, MSS) = 500");
        s.read(ByteBuffer.allocate(1));
        assertEquals(500, w.advertise());
    }

    @Test
    void underMemoryPressureTheWindowOffersFourSegmentsPastTheReadPosition() {
        ReceiveMemory memory = new ReceiveMemory(8 * 1000, 1000);
        Reassembly other = new Reassembly(memory);
        for (int i = 0; i < 6; i++) other.accept(2001 + 2000L * i, ByteBuffer.allocate(1000), 1 << 20);
        assertTrue(memory.underPressure(), "another connection holds 3/4 of the budget out of order");
        Reassembly s = new Reassembly(memory);
        ReceiveWindow w = new ReceiveWindow(s, memory, 10_000, 1000);
        for (int i = 0; i < 9; i++) {
            s.accept(s.rcvNxt(), ByteBuffer.allocate(1000), w.right());
            s.read(ByteBuffer.allocate(1000));
        }
        assertEquals(4000, w.advertise(), "4 segments past the read position, not the 10000 of the buffer");
        other.retire();
        assertFalse(memory.underPressure());
        assertEquals(10_000, w.advertise(), "the pressure over, the whole buffer again");
    }

    @Test
    void aConnectionOpenedUnderPressureOffersFourSegmentsInItsHandshake() {
        ReceiveMemory memory = new ReceiveMemory(8 * 1000, 1000);
        Reassembly other = new Reassembly(memory);
        for (int i = 0; i < 6; i++) other.accept(2001 + 2000L * i, ByteBuffer.allocate(1000), 1 << 20);
        ReceiveWindow w = new ReceiveWindow(new Reassembly(memory), memory, 100_000, 1000);
        assertEquals(4000, w.known(), "the SYN_ACK's window, counted from the peer's ISN + 1");
    }
}
