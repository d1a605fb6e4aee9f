package net.rudp.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Runs tshark with the rudp dissector of {@code spec/wireshark/} over a capture and gives back
 * each frame's dissection (tshark's PDML output, parsed). Tests that need it call
 * {@link #require()}, which skips them with a clear message where tshark is not installed
 * ({@code .ci/run} installs it).
 *
 * <p>tshark runs with {@code HOME} set to an empty directory, so neither the user's preferences
 * nor a copy of the dissector in their personal plugins folder takes part. Running as root needs
 * nothing special on Debian's Wireshark 4.0: its {@code init.lua} sets
 * {@code run_user_scripts_when_superuser = true}, and tshark only prints a warning.
 */
public final class Tshark {
    /** The dissector, relative to the library module's directory (the tests' working directory). */
    public static final Path DISSECTOR = Path.of("..", "spec", "wireshark", "rudp_dissector.lua");
    private static final long TIMEOUT_SECONDS = 120;

    private final String version;

    private Tshark(String version) {
        this.version = version;
    }

    /** The installed tshark, or the calling test is skipped (a JUnit assumption) saying why. */
    public static Tshark require() {
        String version = null;
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0) version = out.lines().findFirst().orElse("");
        } catch (IOException e) {
            // not installed: version stays null
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Assumptions.assumeTrue(version != null, "tshark is not installed (on Debian: apt-get install tshark; .ci/run "
            + "installs it): skipping the Wireshark dissector test");
        assertTrue(Files.isRegularFile(DISSECTOR), "the dissector is missing: " + DISSECTOR.toAbsolutePath());
        return new Tshark(version);
    }

    /** tshark's first {@code --version} line, e.g. "TShark (Wireshark) 4.0.17 ...". */
    public String version() {
        return version;
    }

    /**
     * Dissects {@code capture} with the rudp dissector loaded; {@code options} go to tshark as
     * they are (e.g. {@code "-d", "udp.port==9000,rudpj"}). Fails if tshark fails or the script
     * does not load.
     */
    public List<Frame> dissect(Path capture, String... options) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("rudp-tshark-home");
        Path pdml = home.resolve("out.pdml");
        Path err = home.resolve("err.txt");
        try {
            List<String> command = new ArrayList<>(List.of("tshark", "-n", "-X", "lua_script:" + DISSECTOR.toAbsolutePath(),
                "-r", capture.toAbsolutePath().toString(), "-T", "pdml"));
            command.addAll(List.of(options));
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(pdml.toFile()).redirectError(err.toFile());
            pb.environment().put("HOME", home.toString());
            pb.environment().remove("XDG_CONFIG_HOME");
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("tshark did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String stderr = Files.readString(err);
            assertEquals(0, p.exitValue(), "tshark failed: " + stderr);
            assertFalse(stderr.contains("Lua"), "the dissector did not load cleanly: " + stderr);
            return parse(pdml);
        } finally {
            try (Stream<Path> files = Files.list(home)) {
                for (Path file : files.toList()) Files.delete(file);
            }
            Files.delete(home);
        }
    }

    /** The dissector neither threw (Wireshark's "malformed" exception) nor failed in Lua ("Lua Error: ..."). */
    public static void assertWellFormed(Frame frame) {
        List<String> broken = frame.fields().stream().map(Field::name)
            .filter(n -> n.startsWith("_ws.malformed") || n.equals("_ws.lua.error")).toList();
        assertEquals(List.of(), broken, "the dissection broke off");
    }

    private static List<Frame> parse(Path pdml) throws IOException {
        Element root;
        try {
            root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pdml.toFile()).getDocumentElement();
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("tshark wrote PDML that does not parse", e);
        }
        List<Frame> frames = new ArrayList<>();
        for (Element packet : children(root, "packet")) {
            List<String> protocols = new ArrayList<>();
            List<Field> fields = new ArrayList<>();
            for (Element proto : children(packet, "proto")) {
                protocols.add(proto.getAttribute("name"));
                collect(proto, fields);
            }
            frames.add(new Frame(protocols, fields));
        }
        return frames;
    }

    private static void collect(Element parent, List<Field> into) {
        for (Element field : children(parent, "field")) {
            into.add(new Field(field.getAttribute("name"), field.getAttribute("show"), field.getAttribute("value")));
            collect(field, into);
        }
        // Expert infos and subtrees of a protocol sometimes sit in nested <proto> elements.
        for (Element proto : children(parent, "proto")) collect(proto, into);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && el.getTagName().equals(tag)) out.add(el);
        }
        return out;
    }

    /** One field of the dissection tree: its filter name, displayed value and raw bytes in hex. */
    public record Field(String name, String show, String value) {}

    /** One frame: the protocols tshark found in it, and every field, depth first. */
    public record Frame(List<String> protocols, List<Field> fields) {

        /** The displayed values of every occurrence of field {@code name}, in tree order. */
        public List<String> all(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).map(Field::show).toList();
        }

        /** The one value of field {@code name}; fails if it is absent or repeated. */
        public String one(String name) {
            List<String> values = all(name);
            assertEquals(1, values.size(), "field " + name + " in " + this);
            return values.getFirst();
        }

        /** The raw bytes (hex) of the first occurrence of field {@code name}. */
        public String bytes(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).map(Field::value).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + name + " in " + this));
        }

        /** The expert infos of this frame, each with the field it names ({@code rudpj.bad_checksum}, say). */
        public List<Expert> experts() {
            List<Expert> experts = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                if (!fields.get(i).name().equals("_ws.expert")) continue;
                String name = null;
                String message = "";
                long severity = 0;
                long group = 0;
                for (int j = i + 1; j < fields.size() && j <= i + 4; j++) {
                    Field f = fields.get(j);
                    switch (f.name()) {
                        case "_ws.expert.message" -> message = f.show();
                        case "_ws.expert.severity" -> severity = Long.decode(f.show());
                        case "_ws.expert.group" -> group = Long.decode(f.show());
                        default -> { if (name == null) name = f.name(); }
                    }
                }
                experts.add(new Expert(name, message, severity, group));
            }
            return experts;
        }
    }

    /**
     * An expert info. Severity and group are Wireshark's numbers (epan/proto.h):
     * {@link #ERROR} 0x00800000, {@link #WARN} 0x00600000; group {@link #MALFORMED} 0x07000000,
     * {@link #CHECKSUM} 0x01000000.
     */
    public record Expert(String name, String message, long severity, long group) {
        public static final long WARN = 0x00600000L;
        public static final long ERROR = 0x00800000L;
        public static final long CHECKSUM = 0x01000000L;
        public static final long MALFORMED = 0x07000000L;
    }
}
