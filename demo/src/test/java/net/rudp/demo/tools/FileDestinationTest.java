package net.rudp.demo.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where receive puts a file, and what it refuses. */
class FileDestinationTest {
    @TempDir
    Path dir;

    private static FileDestination.Resolved resolve(Optional<Path> out, String name) {
        return new FileDestination(out).resolve(name);
    }

    @Test
    void anExplicitFileIsUsedAndMayBeReplaced() throws Exception {
        Path file = Files.writeString(dir.resolve("old.bin"), "old");
        assertEquals(new FileDestination.Resolved.To(file), resolve(Optional.of(file), "anything.iso"));
    }

    @Test
    void aDirectoryGetsTheSendersNameButNeverReplacesAFile() throws Exception {
        assertEquals(new FileDestination.Resolved.To(dir.resolve("a.iso")), resolve(Optional.of(dir), "a.iso"));
        Files.writeString(dir.resolve("a.iso"), "there");
        assertEquals(new FileDestination.Resolved.Refused(dir.resolve("a.iso") + " exists at the receiver "
            + "(receive --out FILE overwrites)"), resolve(Optional.of(dir), "a.iso"));
    }

    @Test
    void onlyPlainNamesFromTheSenderAreTaken() {
        for (String name : new String[] {"../evil", "/etc/passwd", "sub/file", "..", ".", "", "nul\0byte"}) {
            assertEquals(new FileDestination.Resolved.Refused("'" + name + "' is not a plain file name"),
                resolve(Optional.of(dir), name), name);
        }
    }
}
