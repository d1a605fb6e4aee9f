package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Dns;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.TlsVersion;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * OkHttp's client and its MockWebServer, neither written for rudp, talking over rudp: the client
 * through {@link RudpSocketFactory} (OkHttp asks it for an unconnected socket and connects it
 * itself), the server through {@link RudpServerSocketFactory}. HTTP/1.1 in clear, then HTTPS
 * (OkHttp layers its TLS on the rudp socket; ALPN picks HTTP/2).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OkHttpOverRudpTest {

    private static final MediaType OCTETS = MediaType.get("application/octet-stream");
    private final MockWebServer server = new MockWebServer();
    /** "localhost" is the loopback address only: nothing listens for rudp on ::1. */
    private final Dns loopback = host -> List.of(InetAddress.getLoopbackAddress());
    private OkHttpClient client;

    @BeforeEach
    void start() {
        server.setServerSocketFactory(new RudpServerSocketFactory());
        client = new OkHttpClient.Builder().socketFactory(new RudpSocketFactory()).dns(loopback).build();
    }

    @AfterEach
    void stop() {
        server.close();
        client.connectionPool().evictAll();
    }

    @Test
    void http11RequestsAndResponsesShareOneConnection() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Answer", i).body("hello " + i).build());
        }
        for (int i = 0; i < 3; i++) {
            try (Response r = call(new Request.Builder().url(server.url("/greeting/" + i)).header("X-Asked", "q" + i).build())) {
                assertEquals(200, r.code());
                assertEquals(Protocol.HTTP_1_1, r.protocol());
                assertEquals(String.valueOf(i), r.header("X-Answer"));
                assertEquals("hello " + i, r.body().string());
            }
            RecordedRequest seen = server.takeRequest();
            assertEquals("GET", seen.getMethod());
            assertEquals("/greeting/" + i, seen.getTarget());
            assertEquals("q" + i, seen.getHeaders().get("X-Asked"));
            assertEquals(0, seen.getConnectionIndex(), "keep-alive: every request on the first connection");
            assertEquals(i, seen.getExchangeIndex());
        }
    }

    @Test
    void largeBodiesArriveByteForByteBothWays() throws Exception {
        server.start(InetAddress.getLoopbackAddress(), 0);
        byte[] upload = randomBytes(1, 6 << 20);
        byte[] download = randomBytes(2, 6 << 20);
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(download)).build());
        Request post = new Request.Builder().url(server.url("/upload")).post(RequestBody.create(upload, OCTETS)).build();
        try (Response r = call(post)) {
            assertArrayEquals(download, r.body().bytes());
        }
        assertArrayEquals(upload, server.takeRequest().getBody().toByteArray());
    }

    @Test
    void httpsOverRudpNegotiatesTls13AndHttp2() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create();
        server.useHttps(tls.context.getSocketFactory());
        server.start(InetAddress.getLoopbackAddress(), 0);
        client = client.newBuilder().sslSocketFactory(tls.context.getSocketFactory(), tls.trustManager).build();
        byte[] download = randomBytes(3, 6 << 20);
        server.enqueue(new MockResponse.Builder().body("small").build());
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(download)).build());
        try (Response r = call(new Request.Builder().url(server.url("/small")).build())) {
            assertEquals("https", r.request().url().scheme());
            assertEquals(TlsVersion.TLS_1_3, r.handshake().tlsVersion());
            assertEquals(Protocol.HTTP_2, r.protocol());
            assertEquals("small", r.body().string());
        }
        try (Response r = call(new Request.Builder().url(server.url("/large")).build())) {
            assertArrayEquals(download, r.body().bytes());
        }
        assertEquals("/small", server.takeRequest().getTarget());
        assertEquals("/large", server.takeRequest().getTarget());
    }

    private Response call(Request request) throws IOException {
        return client.newCall(request).execute();
    }

    private static byte[] randomBytes(long seed, int length) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }
}
