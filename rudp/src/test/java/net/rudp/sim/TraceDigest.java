package net.rudp.sim;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link SimTrace} that folds every datagram each node emits, in order, with its virtual send
 * time and destination, into one SHA-256 digest per node: two runs with equal digests sent the
 * same bytes at the same instants. The golden-trace test compares these with recorded ones.
 */
public final class TraceDigest implements SimTrace {
    private final Map<InetSocketAddress, Node> nodes = new LinkedHashMap<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64);

    private static final class Node {
        final MessageDigest digest = sha256();
        long datagrams;
    }

    @Override
    public void event(long nowNanos, SimEvent event, InetSocketAddress from, InetSocketAddress to, ByteBuffer datagram) {
        // Every fate of a sent datagram is one emission; arrivals are the links' doing, not the node's.
        if (event == SimEvent.DELIVERED || event == SimEvent.DROPPED_CRASHED) return;
        Node n = nodes.computeIfAbsent(from, a -> new Node());
        n.datagrams++;
        scratch.clear();
        scratch.putLong(nowNanos).put(to.getAddress().getAddress()).putInt(to.getPort()).putInt(datagram.remaining());
        n.digest.update(scratch.flip());
        n.digest.update(datagram.duplicate());
    }

    /**
     * One word per node that emitted anything, in the order they first did:
     * {@code address=datagrams/digest} (the digest's first 128 bits in hex).
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<InetSocketAddress, Node> e : nodes.entrySet()) {
            if (!sb.isEmpty()) sb.append(' ');
            InetSocketAddress a = e.getKey();
            byte[] d = e.getValue().digest.digest();
            sb.append(a.getAddress().getHostAddress()).append(':').append(a.getPort()).append('=')
                .append(e.getValue().datagrams).append('/').append(HexFormat.of().formatHex(d, 0, 16));
        }
        return sb.toString();
    }

    /** The first 64 bits of the SHA-256 of {@code text}, in hex. */
    public static String shortHash(String text) {
        byte[] d = sha256().digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
