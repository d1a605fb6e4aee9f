package net.rudp.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.macs.SipHash;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Initial sequence numbers as RFC 6528 section 3 computes them:
 * "ISN = M + F(localip, localport, remoteip, remoteport, secretkey)", where "M is the 4
 * microsecond timer" and F is a keyed hash; here F is SipHash-2-4 and also covers the connection
 * id, so two connections between the same ports get unrelated sequence spaces. The server's ISN
 * is also its handshake cookie (spec: "Initial sequence numbers").
 */
final class IsnGenerator implements InitialSequenceNumbers {
    private final SipHash mac = new SipHash(2, 4);
    private final ByteBuffer input = ByteBuffer.allocate(2 * (16 + 2) + 4);

    /** @param random the source of the 128-bit secret key, drawn once */
    IsnGenerator(RandomGenerator random) {
        byte[] key = new byte[16];
        for (int i = 0; i < key.length; i += 8) {
            long v = random.nextLong();
            for (int b = 0; b < 8; b++) key[i + b] = (byte) (v >>> (8 * b));
        }
        mac.init(new KeyParameter(key));
    }

    @Override
    public int isn(InetSocketAddress local, InetSocketAddress remote, int connId, long nowNanos) {
        input.clear();
        putAddress(local);
        putAddress(remote);
        input.putInt(connId);
        mac.update(input.array(), 0, input.position());
        long f = mac.doFinal();
        long m = nowNanos / 4_000;
        return (int) (m + f);
    }

    private void putAddress(InetSocketAddress a) {
        byte[] ip = a.getAddress() == null ? new byte[0] : a.getAddress().getAddress();
        // 16 bytes whatever the family, so IPv4 and IPv6 inputs never collide in length.
        for (int i = 0; i < 16; i++) input.put(i < ip.length ? ip[i] : 0);
        input.putShort((short) a.getPort());
    }
}
