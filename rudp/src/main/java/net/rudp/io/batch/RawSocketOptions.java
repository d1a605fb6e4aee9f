package net.rudp.io.batch;

import java.io.IOException;

/**
 * Sets a socket option by its kernel number, on the fast path's own socket (cast a fast-path
 * {@link BatchedUdpSocket} to it): for tests that make
 * the kernel refuse an offload for real (checksums off: the kernel then refuses GSO with EINVAL)
 * instead of pretending it did.
 */
public interface RawSocketOptions {
    void setIntOption(int level, int option, int value) throws IOException;
}
