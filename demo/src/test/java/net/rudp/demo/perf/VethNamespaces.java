package net.rudp.demo.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, {@code 192.0.2.1/24} in the first and
 * {@code 192.0.2.2/24} in the second (TEST-NET-1), made for one test and deleted after it: two
 * "machines" with a wire between them. Their names carry this JVM's pid, so runs never collide.
 */
final class VethNamespaces implements AutoCloseable {
    static final String CLIENT_ADDRESS = "192.0.2.1";
    static final String SERVER_ADDRESS = "192.0.2.2";

    final String client;
    final String server;

    private VethNamespaces(String client, String server) {
        this.client = client;
        this.server = server;
    }

    /**
     * Creates the namespaces and the link; empty, with nothing left behind, if this process may
     * not (not root, or no {@code ip} command): the reason is then in {@code why}.
     */
    static Optional<VethNamespaces> create(String tag, List<String> why) {
        long pid = ProcessHandle.current().pid();
        VethNamespaces ns = new VethNamespaces("rudp-" + tag + "-" + pid + "-c", "rudp-" + tag + "-" + pid + "-s");
        try {
            ip("netns", "add", ns.client);
        } catch (IOException e) {
            why.add("cannot create a network namespace (needs root and iproute2): " + e.getMessage());
            return Optional.empty();
        }
        try {
            ip("netns", "add", ns.server);
            String veth = "rv" + pid;
            ip("link", "add", veth + "c", "netns", ns.client, "type", "veth", "peer", "name", veth + "s", "netns", ns.server);
            ns.up(ns.client, veth + "c", CLIENT_ADDRESS);
            ns.up(ns.server, veth + "s", SERVER_ADDRESS);
            return Optional.of(ns);
        } catch (IOException e) {
            ns.close();
            throw new IllegalStateException("setting up the namespaces failed: " + e.getMessage(), e);
        }
    }

    private void up(String ns, String device, String address) throws IOException {
        ip("-n", ns, "addr", "add", address + "/24", "dev", device);
        ip("-n", ns, "link", "set", device, "up");
        ip("-n", ns, "link", "set", "lo", "up"); // the tools warm up on loopback
    }

    /** {@code command} to run inside namespace {@code ns}. */
    static List<String> inside(String ns, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return full;
    }

    /** Deletes both namespaces; the veth pair goes with them. */
    @Override
    public void close() {
        for (String ns : List.of(client, server)) {
            try {
                ip("netns", "del", ns);
            } catch (IOException e) {
                // not created, or gone already
            }
        }
    }

    /** Whether namespace {@code ns} exists. */
    static boolean exists(String ns) throws IOException {
        return List.of(ip("netns", "list").split("\\R")).stream().anyMatch(l -> l.split(" ")[0].equals(ns));
    }

    private static String ip(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + ": " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            p.destroyForcibly();
        }
    }
}
