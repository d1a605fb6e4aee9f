package net.rudp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a test-vector file of spec/vectors (format: spec/vectors/README.md): blocks of
 * {@code key: value} lines separated by blank lines; {@code #} starts a comment line.
 */
public final class VectorFile {
    private VectorFile() {}

    /** One block: its fields in file order, and the line it starts on (for failure messages). */
    public record Vector(String name, int line, Map<String, String> fields) {
        /** The value of {@code key}; fails naming the vector if it is missing. */
        public String get(String key) {
            String value = fields.get(key);
            if (value == null) throw new IllegalArgumentException("vector " + name + " (line " + line + ") has no " + key);
            return value;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The vectors of the class-path resource {@code spec/vectors/<fileName>}. */
    public static List<Vector> read(String fileName) {
        String resource = "/spec/vectors/" + fileName;
        try (InputStream in = VectorFile.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the test class path (rudp/pom.xml copies it)");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Vector> parse(String text) {
        List<Vector> vectors = new ArrayList<>();
        Map<String, String> fields = new LinkedHashMap<>();
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i].strip() : "";
            if (line.startsWith("#")) continue;
            if (line.isEmpty()) {
                if (!fields.isEmpty()) vectors.add(vector(fields, start));
                fields = new LinkedHashMap<>();
                continue;
            }
            if (fields.isEmpty()) start = i + 1;
            int colon = line.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException("line " + (i + 1) + " is not 'key: value': " + line);
            String key = line.substring(0, colon).strip();
            if (fields.put(key, line.substring(colon + 1).strip()) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + " repeats key " + key);
            }
        }
        return vectors;
    }

    private static Vector vector(Map<String, String> fields, int line) {
        String name = fields.get("name");
        if (name == null) throw new IllegalArgumentException("block at line " + line + " has no name");
        return new Vector(name, line, Map.copyOf(fields));
    }
}
