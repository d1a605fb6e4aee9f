package net.rudp.seal;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import net.rudp.AeadSuite;

/**
 * Opens the sealed packets of one direction (spec/AUTHENTICATED.md 5): checks the CRC32C, expands
 * the packet number, refuses replays, authenticates and decrypts in place, and only then
 * records the number as seen. What fails is dropped by the caller before the state machine
 * sees it. One opener per direction, not thread-safe.
 */
public final class PacketOpener extends Sealing {

    /** Why a datagram did not open; the codes are the negative results of {@link #open}. */
    public enum Failure {
        /** Shorter than its cleartext part and the sealing trailer. */
        TRUNCATED,
        /** The CRC32C does not match: noise, not (necessarily) an attacker (spec 6.2). */
        BAD_CHECKSUM,
        /** The packet number was accepted before, or is older than the replay window. */
        REPLAYED,
        /** The tag does not authenticate the packet: forged or altered, or another key. */
        FORGED;

        public int code() {
            return -1 - ordinal();
        }

        /** The failure a negative {@link #open} result stands for. */
        public static Failure of(int code) {
            return values()[-1 - code];
        }
    }

    private final ReplayWindow window = new ReplayWindow();
    private long lastPacketNumber = -1;

    public PacketOpener(AeadSuite suite, byte[] key, byte[] iv) {
        super(suite, key, iv);
    }

    /**
     * Opens {@code d[0, length)}, whose first {@code clearEnd} bytes are the header and any
     * cleartext body (as the packet type says).
     *
     * @return the end of the plaintext body, now decrypted in place at {@code [clearEnd, result)};
     *         or a negative {@link Failure#code()}
     */
    public int open(byte[] d, int length, int clearEnd) {
        int sealedEnd = length - CRC_BYTES - 4;
        if (sealedEnd - AeadSuite.TAG_BYTES < clearEnd) return Failure.TRUNCATED.code();
        if (crc32c(d, length - CRC_BYTES) != getInt(d, length - CRC_BYTES)) return Failure.BAD_CHECKSUM.code();
        long pn = window.expand(getInt(d, sealedEnd));
        if (!window.isFresh(pn)) return Failure.REPLAYED.code();
        try {
            init(Cipher.DECRYPT_MODE, pn);
            cipher.updateAAD(d, 0, clearEnd);
            cipher.updateAAD(d, sealedEnd, 4);
            int plainEnd = clearEnd + cipher.doFinal(d, clearEnd, sealedEnd - clearEnd, d, clearEnd);
            window.accept(pn);
            lastPacketNumber = pn;
            return plainEnd;
        } catch (AEADBadTagException forged) {
            return Failure.FORGED.code();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("opening with " + suite + " failed", e);
        }
    }

    /** The full number of the packet {@link #open} last opened; -1 before the first. */
    public long lastPacketNumber() {
        return lastPacketNumber;
    }

    /** The largest packet number opened so far (the replay window's edge). */
    public long largestPacketNumber() {
        return window.largest();
    }
}
