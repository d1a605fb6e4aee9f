package net.rudp.io.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Datagram contents every byte of which says which datagram and position it is, and the loops that send and collect them. */
final class Datagrams {
    /** How long a test waits for datagrams on loopback before it fails (a bound, not a measurement). */
    static final long PATIENCE_NANOS = 10_000_000_000L;

    private Datagrams() {}

    static InetSocketAddress loopback4() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /** Datagram {@code tag} of {@code length} bytes: byte j is a function of (tag, j), so a byte out of place shows. */
    static byte[] content(int tag, int length) {
        byte[] bytes = new byte[length];
        for (int j = 0; j < length; j++) bytes[j] = (byte) (tag * 31 + j * 7 + (j >> 8));
        return bytes;
    }

    /** Encodes datagram {@code tag} in place into {@code socket}'s batch (as a driver would), failing if it has no room. */
    static void queue(BatchedUdpSocket socket, InetSocketAddress to, int tag, int length) {
        ByteBuffer into = socket.outgoing().begin(to, length);
        assertNotNull(into, "the batch has room for datagram " + tag);
        into.put(content(tag, length));
        socket.outgoing().commit();
    }

    /** A received datagram, copied out of the batch. */
    record Received(InetSocketAddress source, byte[] bytes) {}

    /** Receives until {@code count} datagrams arrived (failing after {@link #PATIENCE_NANOS}). */
    static List<Received> receive(BatchedUdpSocket socket, int count) throws IOException {
        List<Received> got = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (got.size() < count) {
            if (System.nanoTime() > deadline) fail("only " + got.size() + " of " + count + " datagrams arrived");
            socket.awaitReadable(100_000_000L);
            socket.receive();
            IncomingBatch in = socket.incoming();
            while (in.next()) {
                ByteBuffer d = in.datagram();
                byte[] bytes = new byte[d.remaining()];
                d.get(bytes);
                got.add(new Received(in.source(), bytes));
            }
        }
        return got;
    }

    /** Asserts datagram i of {@code got} is {@code content(tags[i], lengths[i])}, byte for byte. */
    static void assertContents(List<Received> got, int[] tags, int[] lengths) {
        assertEquals(tags.length, got.size(), "datagrams received");
        for (int i = 0; i < tags.length; i++) {
            byte[] expected = content(tags[i], lengths[i]);
            assertEquals(expected.length, got.get(i).bytes().length, "length of datagram " + i);
            for (int j = 0; j < expected.length; j++) {
                if (expected[j] != got.get(i).bytes()[j]) fail("datagram " + i + " differs at byte " + j);
            }
        }
    }
}
