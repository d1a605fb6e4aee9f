package net.rudp.demo.tools;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import net.rudp.demo.DemoException;

/**
 * Where {@code receive} writes the file: {@code --out FILE} (overwritten if it exists),
 * {@code --out DIR} (the sender's file name inside it), or without {@code --out} the sender's
 * file name in the current directory. Only an explicit {@code --out FILE} overwrites: a file the
 * sender names never replaces one already there.
 */
record FileDestination(Optional<Path> out) {

    /**
     * Checks what can be checked before a sender connects: the directory that will hold the
     * file exists and is writable. Fails with a one-line reason.
     */
    void checkWritable() {
        Path dir = out.map(p -> Files.isDirectory(p) ? p : parentOf(p)).orElse(Path.of("."));
        if (!Files.isDirectory(dir)) {
            throw DemoException.failure("cannot write " + out.orElseThrow() + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw DemoException.failure("cannot write into " + dir + ": permission denied");
        }
    }

    /** The path for the file the sender calls {@code senderName}, or the reason why none will do. */
    Resolved resolve(String senderName) {
        if (out.isPresent() && !Files.isDirectory(out.get())) {
            return new Resolved.To(out.get());
        }
        Path name = plainName(senderName);
        if (name == null) {
            return new Resolved.Refused("'" + senderName + "' is not a plain file name");
        }
        Path target = out.orElse(Path.of("")).resolve(name);
        if (Files.exists(target)) {
            return new Resolved.Refused(target + " exists at the receiver (receive --out FILE overwrites)");
        }
        return new Resolved.To(target);
    }

    /** A path to write to, or a refusal to send the sender. */
    sealed interface Resolved {
        record To(Path path) implements Resolved {}

        record Refused(String reason) implements Resolved {}
    }

    /** {@code name} as a path if it names a file without directories, else null. */
    private static Path plainName(String name) {
        try {
            Path path = Path.of(name);
            boolean plain = path.getNameCount() == 1 && path.toString().equals(name)
                && !name.equals(".") && !name.equals("..") && !name.isBlank();
            return plain ? path : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Path parentOf(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? file.toAbsolutePath().getRoot() : parent;
    }
}
