package net.rudp.io.batch;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The Linux fast path as the Java 21 classes see it: implemented in {@code META-INF/versions/22}
 * ({@code LinuxFastPath}), found by name, so nothing compiled for Java 21 refers to the Foreign
 * Function &amp; Memory API.
 */
interface FastPathProvider {
    /** Binary name of the implementation in the jar's Java 22 classes. */
    String IMPLEMENTATION = "net.rudp.io.batch.LinuxFastPath";

    /** What the kernel offers, probed once when the provider was made. */
    UdpOffloads kernelOffers();

    /**
     * A socket bound to {@code local} (null: the wildcard address, any port); with
     * {@code sharePort}, with {@code SO_REUSEPORT} (see {@link BatchedUdpSockets#openSharingPort}).
     */
    BatchedUdpSocket open(InetSocketAddress local, UdpSocketConfig config, boolean sharePort) throws IOException;
}
