package net.rudp.demo.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.rudp.demo.DemoJvm;
import org.junit.jupiter.api.Test;

/**
 * perf as a person runs it between two machines: {@code perf server} in one network namespace,
 * {@code perf client} in another, a veth pair between them; each a process of its own. Needs root
 * (skipped otherwise, as the test bed's tests are).
 */
class PerfAcrossNamespacesTest {

    @Test
    void aClientInOneNamespaceMeasuresAServerInAnotherOverBothTransports() throws Exception {
        List<String> why = new ArrayList<>();
        Optional<VethNamespaces> created = VethNamespaces.create("perf", why);
        assumeTrue(created.isPresent(), () -> "perf across namespaces skipped: " + why.getFirst());
        try (VethNamespaces ns = created.get()) {
            Process server = start(ns.server, "perf", "server", "--interval", "0");
            try (BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = serverOut.readLine()) != null && !line.startsWith("Server listening on 5201 (tcp and rudp)")) {
                    // the banner's first rule, or JVM warnings
                }
                assertTrue(line != null, "the server did not start");
                for (String transport : List.of("rudp", "tcp")) {
                    JsonObject end = runClient(ns, transport).getAsJsonObject("end");
                    assertEquals(8 << 20, end.getAsJsonObject("sum_sent").get("bytes").getAsLong(), transport);
                    assertEquals(8 << 20, end.getAsJsonObject("sum_received").get("bytes").getAsLong(), transport);
                }
            } finally {
                server.destroyForcibly();
                server.waitFor(10, TimeUnit.SECONDS);
            }
            String serverNamespace = ns.server;
            ns.close();
            assertFalse(VethNamespaces.exists(serverNamespace), "the test's namespaces survive it");
        }
    }

    /** Runs the client in its namespace against the server's address; its -J document. */
    private static JsonObject runClient(VethNamespaces ns, String transport) throws Exception {
        Process client = start(ns.client, "perf", "client", VethNamespaces.SERVER_ADDRESS, "-n", "8MiB", "-J",
            "--transport", transport);
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(client.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, client.exitValue(), transport + ": " + err);
        JsonObject doc = JsonParser.parseString(out).getAsJsonObject();
        assertEquals(VethNamespaces.SERVER_ADDRESS,
            doc.getAsJsonObject("start").getAsJsonObject("connecting_to").get("host").getAsString());
        assertEquals(transport, doc.getAsJsonObject("start").getAsJsonObject("test_start").get("protocol").getAsString());
        return doc;
    }

    private static Process start(String namespace, String... args) throws Exception {
        List<String> command = new ArrayList<>(DemoJvm.command());
        command.addAll(List.of(args));
        return new ProcessBuilder(VethNamespaces.inside(namespace, command)).start();
    }
}
