package net.rudp.demo.testbed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.rudp.demo.DemoException;

/** Runs iproute2's {@code ip} (and commands inside a namespace) and fails with its own message. */
final class Ip {
    private static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/usr/sbin"), Path.of("/sbin"), Path.of("/usr/bin"), Path.of("/bin"));

    private Ip() {}

    /** The ip executable: on PATH, or in the usual system directories (often not on a user's PATH). */
    static Path executable() {
        List<Path> dirs = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                dirs.add(Path.of(dir));
            }
        }
        dirs.addAll(SYSTEM_DIRECTORIES);
        return dirs.stream().map(d -> d.resolve("ip")).filter(Files::isExecutable).findFirst()
            .orElseThrow(() -> DemoException.failure("the test bed needs iproute2's ip command, which is not installed "
                + "(Debian/Ubuntu: apt-get install iproute2), or use --scenario loopback"));
    }

    /** Runs {@code ip ARGS}; returns its stdout. */
    static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        return exec(command);
    }

    /** Runs {@code command} inside network namespace {@code ns}; returns its stdout. */
    static String inNamespace(String ns, String... command) {
        List<String> full = new ArrayList<>(List.of(executable().toString(), "netns", "exec", ns));
        full.addAll(List.of(command));
        return exec(full);
    }

    private static String exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw DemoException.failure("'" + String.join(" ", command) + "' did not finish within 30 s");
            }
            if (p.exitValue() != 0) {
                throw DemoException.failure("'" + String.join(" ", command) + "' failed (exit " + p.exitValue() + "): " + err);
            }
            return out;
        } catch (IOException e) {
            throw DemoException.failure("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DemoException.failure("interrupted while running '" + String.join(" ", command) + "'", e);
        }
    }
}
