package net.rudp.capture;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an endpoint's capture goes and how large it may grow: the value of the socket option
 * {@code RudpSocketOptions.CAPTURE}. The endpoint opens a {@link DatagramCapture} with it when
 * its socket opens.
 *
 * @param path   the file, or with rotation the name the ring's files are derived from (see {@link DatagramCapture})
 * @param limits how much may be written
 */
public record CaptureFile(Path path, CaptureLimits limits) {

    /** What {@link #at} bounds a capture to: ten files of 64 MiB, so a capture left on cannot fill a disk. */
    public static final CaptureLimits DEFAULT_LIMITS = CaptureLimits.rotating(64L << 20, 10);

    /**
     * Checks that both are given.
     *
     * @throws NullPointerException if the path or the limits are null
     */
    public CaptureFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
    }

    /**
     * A capture named after {@code path}, bounded by {@link #DEFAULT_LIMITS}.
     *
     * @param path the name the ring's files are derived from, e.g. {@code /tmp/server.pcapng}
     * @return the capture's settings
     */
    public static CaptureFile at(Path path) {
        return new CaptureFile(path, DEFAULT_LIMITS);
    }

    /**
     * A capture into exactly the file {@code path}, without a size limit: for short runs.
     *
     * @param path the file (replaced if it exists)
     * @return the capture's settings
     */
    public static CaptureFile unlimited(Path path) {
        return new CaptureFile(path, CaptureLimits.UNLIMITED);
    }
}
