package net.rudp.demo.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where compare's rudp endpoints write what they saw, one file per transfer and end: a pcapng
 * capture ({@code --capture DIR}) and a qlog trace ({@code --qlog DIR}), named after the flow and
 * the end, e.g. {@code rudp-sender.pcapng} and {@code rudp-receiver.sqlog}. Kernel TCP's packets
 * never pass through rudp's endpoint: on the test bed its runs are captured by the link emulator
 * instead ({@code tcp-link.pcapng}, both hosts' packets as they were sent); elsewhere they are not
 * captured.
 *
 * @param captureDir where the captures go, if anywhere
 * @param qlogDir    where the qlog traces go, if anywhere
 */
public record Observations(Optional<Path> captureDir, Optional<Path> qlogDir) {

    /** None. */
    public static final Observations NONE = new Observations(Optional.empty(), Optional.empty());

    /** The endpoint options that make flow {@code flow}'s {@code role} end write its files (none for TCP). */
    List<String> endpointArguments(String transport, String flow, EndpointProcess.Role role) {
        List<String> args = new ArrayList<>();
        if (!transport.equals("rudp")) {
            return args;
        }
        String stem = flow + "-" + role.name().toLowerCase(java.util.Locale.ROOT);
        captureDir.ifPresent(dir -> args.addAll(List.of("--capture", created(dir).resolve(stem + ".pcapng").toString())));
        qlogDir.ifPresent(dir -> args.addAll(List.of("--qlog", created(dir).resolve(stem + ".sqlog").toString())));
        return args;
    }

    /** The file a run of {@code label}'s flows captures its link to: for runs with kernel TCP, which only the link sees. */
    Optional<Path> linkCapture(String label, List<String> transports) {
        return captureDir.filter(dir -> transports.contains("tcp")).map(dir -> created(dir).resolve(label + "-link.pcapng"));
    }

    private static Path created(Path dir) {
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
