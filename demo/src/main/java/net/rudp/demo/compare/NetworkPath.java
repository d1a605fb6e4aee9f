package net.rudp.demo.compare;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a comparison's two endpoint processes run and how they reach each other: plain loopback,
 * the test bed's two network namespaces joined by an emulated link, or loopback through the UDP
 * impairment relay.
 */
public interface NetworkPath extends AutoCloseable {

    /** One line for reports, e.g. "loopback (127.0.0.1)". */
    String description();

    /** The address the receiver listens on and the sender connects to. */
    InetAddress receiverAddress();

    /**
     * Where the sender connects to reach a receiver listening on {@code receiverPort}; called once
     * per flow of a run, and all of a run's flows cross the same emulated link.
     */
    default InetSocketAddress senderTarget(int receiverPort) {
        return new InetSocketAddress(receiverAddress(), receiverPort);
    }

    /** The command prefix that runs a program at the receiver's side (empty, the default: run it here). */
    default List<String> receiverLauncher() {
        return List.of();
    }

    /** The command prefix that runs a program at the sender's side (empty, the default: run it here). */
    default List<String> senderLauncher() {
        return List.of();
    }

    /**
     * Whether {@link #captureNextLink} works: only an emulated link between two hosts sees
     * kernel TCP's packets.
     */
    default boolean capturesLink() {
        return false;
    }

    /**
     * Makes the next {@link #resetLink()}'s link write every packet it carries to {@code file}
     * (pcapng, as {@link net.rudp.capture.CaptureFile#DEFAULT_LIMITS} bounds it).
     *
     * @throws UnsupportedOperationException on a path without such a link ({@link #capturesLink()} false)
     */
    default void captureNextLink(Path file) {
        throw new UnsupportedOperationException(description() + " has no emulated link to capture");
    }

    /**
     * Gives the next run (one flow, or several together) a fresh emulated link: the same
     * impairments and seed, zeroed counters, so that every run meets the same link. Nothing to do
     * without one.
     */
    void resetLink();

    /** What the emulated link did since {@link #resetLink()}, and how precisely, if there is one. */
    Optional<String> linkReport();

    /** Releases what the path set up (namespaces, devices, threads); safe to call twice. */
    @Override
    void close();
}
