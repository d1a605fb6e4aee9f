package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import net.rudp.Authentication;
import net.rudp.ConnectionConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's examples run as written, but for the port (the server takes any free one, the
 * client that one) and System.out (captured): a test compares each with the README's text, so
 * neither can rot.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadmeExampleTest {

    private static final Path SOURCE = Path.of("src/test/java/net/rudp/api/ReadmeExampleTest.java");
    private static final Path README = Path.of("../README.md");
    private static final Pattern EXAMPLE = Pattern.compile(
        "        // ---- README example (\\d) begins[^\\n]*\\n(.*?)        // ---- README example \\1 ends", Pattern.DOTALL);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true);

    @Test
    void theEchoExampleEchoes() throws Exception {
        // ---- README example 1 begins (out is System.out; 0 and server.getLocalPort() are 9000) ----
        ServerSocketFactory servers = new RudpServerSocketFactory();    // what servers take
        SocketFactory sockets = new RudpSocketFactory();                // what OkHttp, JDBC drivers... take
        try (ServerSocket server = servers.createServerSocket(0)) {  // bind + listen, backlog 50
            Thread.startVirtualThread(() -> {
                try (Socket s = server.accept()) {                      // a new connected socket
                    s.getInputStream().transferTo(s.getOutputStream()); // echo until the peer's FIN
                } catch (IOException e) { e.printStackTrace(); }
            });
            // Joins a shared client endpoint (a UDP port of this JVM), then connects:
            try (Socket client = sockets.createSocket("localhost", server.getLocalPort())) {
                client.getOutputStream().write("hello".getBytes());
                client.shutdownOutput();                                // half-close: FIN
                out.println(new String(client.getInputStream().readAllBytes()));
            }
        }
        // ---- README example 1 ends ----
        assertEquals("hello" + System.lineSeparator(), printed.toString());
    }

    @Test
    void theTlsExampleEchoesOverTls() throws Exception {
        SSLContext context = SelfSignedTls.create().context;
        // ---- README example 2 begins (out is System.out; 0 and server.getLocalPort() are 9443) ----
        SSLSocketFactory tls = context.getSocketFactory();              // your certificates, as for TCP
        try (ServerSocket server = new RudpServerSocketFactory().createServerSocket(0)) {
            Thread.startVirtualThread(() -> {
                try (Socket s = tls.createSocket(server.accept(), null, true)) { // TLS server side
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException e) { e.printStackTrace(); }
            });
            // TLS client side, layered on a connected rudp socket:
            Socket rudp = new RudpSocketFactory().createSocket("localhost", server.getLocalPort());
            try (Socket s = tls.createSocket(rudp, "localhost", server.getLocalPort(), true)) {
                s.getOutputStream().write("hello".getBytes());
                s.shutdownOutput();                                     // close_notify, then FIN
                out.println(new String(s.getInputStream().readAllBytes()));
            }
        }
        // ---- README example 2 ends ----
        assertEquals("hello" + System.lineSeparator(), printed.toString());
    }

    @Test
    void theAuthenticatedExampleEchoesSealed() throws Exception {
        // ---- README example 3 begins (out is System.out; 0 and server.getLocalPort() are 9000) ----
        byte[] serverKey = Authentication.newPrivateKey();                 // the server's secret
        byte[] serverPublicKey = Authentication.publicKey(serverKey);      // clients pin it, out of band
        ConnectionConfig serverConfig = ConnectionConfig.DEFAULT.withAuthentication(Authentication.serverKey(serverKey));
        ConnectionConfig clientConfig = ConnectionConfig.DEFAULT.withAuthentication(
            Authentication.pinnedServerKey(serverPublicKey));               // or Authentication.preShared(psk) on both
        try (ServerSocket server = new RudpServerSocketFactory(serverConfig).createServerSocket(0)) {
            Thread.startVirtualThread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException e) { e.printStackTrace(); }
            });
            try (Socket client = new RudpSocketFactory(clientConfig).createSocket("localhost", server.getLocalPort())) {
                client.getOutputStream().write("sealed hello".getBytes()); // every packet sealed with ChaCha20-Poly1305
                client.shutdownOutput();
                out.println(new String(client.getInputStream().readAllBytes()));
            }
        }
        // ---- README example 3 ends ----
        assertEquals("sealed hello" + System.lineSeparator(), printed.toString());
    }

    @Test
    void theReadmeShowsTheseExamples() throws Exception {
        String readme = Files.readString(README);
        List<String> examples = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(Files.readString(SOURCE));
        while (m.find()) examples.add(asInReadme(m.group(2), m.group(1).equals("2") ? "9443" : "9000"));
        assertEquals(3, examples.size());
        for (String example : examples) {
            assertTrue(readme.contains("```java\n" + example + "```"), "README.md lacks this example:\n" + example);
        }
    }

    /** A test's example as the README prints it: unindented, System.out, the fixed port. */
    private static String asInReadme(String code, String port) {
        StringBuilder b = new StringBuilder();
        for (String line : code.split("\n")) b.append(line.substring(Math.min(8, line.length())).stripTrailing()).append('\n');
        return b.toString().replace("createServerSocket(0)", "createServerSocket(" + port + ")")
            .replace("server.getLocalPort()", port).replace("out.println", "System.out.println");
    }
}
