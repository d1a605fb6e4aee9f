package net.rudp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The send buffer's pointers (spec 9.1) and the peer's window edge (spec 10.1). */
class SendBufferTest {

    @Test
    void pointersMoveAsDataIsWrittenSentAndAcknowledged() {
        SendBuffer b = new SendBuffer(1000);
        b.write(ByteBuffer.wrap(new byte[600]), 600);
        assertEquals(400, b.writable());
        assertEquals(600, b.unsent());
        b.sent(250);
        assertEquals(251, b.sndNxt());
        assertEquals(350, b.unsent());
        b.acknowledged(201);
        assertEquals(400, b.unacknowledged(), "600 written, 200 acknowledged");
        assertEquals(600, b.writable(), "acknowledged bytes free their room");
    }

    @Test
    void theFinFollowsTheLastByteAndDrainsWhenAcknowledged() {
        SendBuffer b = new SendBuffer(1000);
        b.write(ByteBuffer.wrap(new byte[10]), 10);
        b.shutDown();
        assertTrue(b.isShutDown());
        assertEquals(11, b.finOffset());
        assertFalse(b.finIsNext(), "data first");
        b.sent(10);
        assertTrue(b.finIsNext());
        b.sent(1);
        b.acknowledged(11);
        assertFalse(b.isDrained(), "the FIN itself is not acknowledged yet");
        b.acknowledged(12);
        assertTrue(b.isDrained());
    }

    @Test
    void thePeersWindowEdgeNeverMovesLeft() {
        SendBuffer b = new SendBuffer(1000);
        b.peerWindow(501);
        assertEquals(500, b.sendWindow());
        b.peerWindow(301);
        assertEquals(501, b.peerWindowRight(), "a shrunk window only stops new data (spec 10.1)");
        b.write(ByteBuffer.wrap(new byte[600]), 600);
        b.sent(600);
        assertEquals(0, b.sendWindow(), "past the edge: nothing more may go");
    }

    @Test
    void bytesSurviveTheRingGrowing() {
        SendBuffer b = new SendBuffer(1 << 20);
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i * 7);
        b.write(ByteBuffer.wrap(data, 0, 30_000), 30_000);
        b.write(ByteBuffer.wrap(data, 30_000, 70_000), 70_000);
        ByteBuffer out = ByteBuffer.allocate(100_000);
        b.ring().read(1, out, 100_000);
        assertEquals(ByteBuffer.wrap(data), out.flip());
    }
}
