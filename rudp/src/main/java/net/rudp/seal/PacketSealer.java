package net.rudp.seal;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import net.rudp.AeadSuite;

/**
 * Seals the packets of one direction of a connection (spec/AUTHENTICATED.md 4): encrypts the
 * body in place, appends the tag and the packet number, and writes the CRC32C last. Numbers go
 * up by one per packet from the first; one sealer per direction, not thread-safe.
 */
public final class PacketSealer extends Sealing {
    private final byte[] pnBytes = new byte[4];
    private long next;

    /** @param firstPacketNumber 0, or 1 for the server, whose SYN_ACK was number 0 */
    public PacketSealer(AeadSuite suite, byte[] key, byte[] iv, long firstPacketNumber) {
        super(suite, key, iv);
        this.next = firstPacketNumber;
    }

    /** The number the next sealed packet gets. */
    public long nextPacketNumber() {
        return next;
    }

    /**
     * Seals the packet in {@code d}: {@code [0, clearEnd)} is the header and any cleartext body,
     * {@code [clearEnd, end)} the body to encrypt. {@code d} must have {@link #OVERHEAD} + 4
     * bytes of room after {@code end}.
     *
     * @return the length of the sealed datagram: end + {@link #OVERHEAD} + 4
     */
    public int seal(byte[] d, int clearEnd, int end) {
        long pn = next;
        if (pn >= 1L << 62) throw new IllegalStateException("packet numbers exhausted: the connection must end");
        putInt(pnBytes, 0, (int) pn);
        try {
            init(Cipher.ENCRYPT_MODE, pn);
            cipher.updateAAD(d, 0, clearEnd);
            cipher.updateAAD(pnBytes);
            int sealedEnd = clearEnd + cipher.doFinal(d, clearEnd, end - clearEnd, d, clearEnd);
            System.arraycopy(pnBytes, 0, d, sealedEnd, 4);
            int length = sealedEnd + 4 + CRC_BYTES;
            putInt(d, length - CRC_BYTES, crc32c(d, length - CRC_BYTES));
            next++;
            return length;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing with " + suite + " failed", e);
        }
    }
}
