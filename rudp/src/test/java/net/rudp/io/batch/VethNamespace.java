package net.rudp.io.batch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace this test creates and deletes, joined to this one by a veth pair, each end
 * with one address of TEST-NET-3 (198.51.100.0/24) and a route to the other end only, both
 * picked by this JVM's process id, so test runs side by side neither share a device nor claim
 * the other's addresses. Needs root, iproute2 and ethtool; a test without them is skipped,
 * saying which is missing.
 */
final class VethNamespace implements AutoCloseable {
    private static final List<String> SYSTEM_DIRECTORIES = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    final String namespace;
    /** The veth end on this side: where this side's receive offloads are set. */
    final String hostDevice;
    /** This side's address, and the namespace side's. */
    final String hostAddress;
    final String namespaceAddress;

    private VethNamespace(long pid) {
        this.namespace = "rudp-batch-" + pid;
        this.hostDevice = "rbh" + pid % 100_000;
        int pair = (int) (pid % 100);
        this.hostAddress = "198.51.100." + (2 * pair + 1);
        this.namespaceAddress = "198.51.100." + (2 * pair + 2);
    }

    /** Creates the namespace and the pair, both ends up; skips the test where that cannot be done. */
    static VethNamespace create(String purpose) throws IOException {
        assumeTrue(tool("ip") != null, "iproute2's ip is not installed: " + purpose + " is skipped");
        assumeTrue(tool("ethtool") != null, "ethtool is not installed (apt-get install ethtool; .ci/run installs it): "
            + purpose + " is skipped");
        assumeTrue(isRoot(), "creating a network namespace needs root: " + purpose + " is skipped");
        long pid = ProcessHandle.current().pid();
        VethNamespace n = new VethNamespace(pid);
        String peer = "rbn" + pid % 100_000;
        run("ip", "netns", "add", n.namespace);
        try {
            run("ip", "link", "add", n.hostDevice, "type", "veth", "peer", "name", peer, "netns", n.namespace);
            run("ip", "addr", "add", n.hostAddress + "/32", "peer", n.namespaceAddress + "/32", "dev", n.hostDevice);
            run("ip", "link", "set", n.hostDevice, "up");
            n.inside("ip", "addr", "add", n.namespaceAddress + "/32", "peer", n.hostAddress + "/32", "dev", peer);
            n.inside("ip", "link", "set", peer, "up");
            return n;
        } catch (IOException | RuntimeException e) {
            n.close();
            throw e;
        }
    }

    /** Runs a command inside the namespace; returns its output. */
    String inside(String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return run(full.toArray(String[]::new));
    }

    /** Writes a value into one of the host device's sysfs files (e.g. gro_flush_timeout). */
    void setDeviceAttribute(String attribute, String value) throws IOException {
        Files.writeString(Path.of("/sys/class/net", hostDevice, attribute), value);
    }

    /** Deleting the namespace deletes its veth end, and with it the pair. */
    @Override
    public void close() throws IOException {
        run("ip", "netns", "del", namespace);
    }

    static String run(String... command) throws IOException {
        List<String> resolved = new ArrayList<>(List.of(command));
        resolved.set(0, tool(command[0]));
        Process p = new ProcessBuilder(resolved).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("'" + String.join(" ", command) + "' did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running '" + String.join(" ", command) + "'", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("'" + String.join(" ", command) + "' failed (exit " + p.exitValue() + "): " + err + out);
        }
        return out;
    }

    private static String tool(String name) {
        if (name.startsWith("/")) return name;
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(SYSTEM_DIRECTORIES);
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
            .map(Path::toString).findFirst().orElse(null);
    }

    private static boolean isRoot() {
        try {
            return run("id", "-u").strip().equals("0");
        } catch (IOException e) {
            return false;
        }
    }
}
