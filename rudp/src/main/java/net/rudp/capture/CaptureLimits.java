package net.rudp.capture;

/**
 * How much a {@link DatagramCapture} may write: at most {@code maxFiles} files of at most
 * {@code maxFileBytes} each, the oldest deleted when a new one would exceed the count (as
 * {@code tcpdump -C M -W N} or {@code dumpcap -b filesize:K -b files:N}).
 *
 * @param maxFileBytes the size at which a file is closed and the next begun; a file holds at least
 *                     one packet, so a single packet larger than this still gets written
 * @param maxFiles     the files kept; the oldest one this capture wrote is deleted beyond that
 */
public record CaptureLimits(long maxFileBytes, int maxFiles) {

    /** One file, never rotated: for short runs and tests. */
    public static final CaptureLimits UNLIMITED = new CaptureLimits(Long.MAX_VALUE, 1);

    /** The smallest file size accepted: room for the section and interface headers and a few packets. */
    public static final long MIN_FILE_BYTES = 4096;

    /**
     * Checks the limits.
     *
     * @throws IllegalArgumentException if a file could hold less than {@link #MIN_FILE_BYTES} or no file is kept
     */
    public CaptureLimits {
        if (maxFileBytes < MIN_FILE_BYTES) {
            throw new IllegalArgumentException("maxFileBytes must be at least " + MIN_FILE_BYTES + ": " + maxFileBytes);
        }
        if (maxFiles < 1) throw new IllegalArgumentException("maxFiles must be at least 1: " + maxFiles);
    }

    /**
     * At most {@code maxFiles} files of {@code maxFileBytes} each.
     *
     * @param maxFileBytes the size at which a file is closed and the next begun
     * @param maxFiles     the files kept
     * @return the limits
     */
    public static CaptureLimits rotating(long maxFileBytes, int maxFiles) {
        return new CaptureLimits(maxFileBytes, maxFiles);
    }

    /**
     * Whether files rotate.
     *
     * @return true for a ring of files, false for one file written at the path the capture was given
     */
    public boolean rotates() {
        return maxFileBytes != Long.MAX_VALUE;
    }
}
