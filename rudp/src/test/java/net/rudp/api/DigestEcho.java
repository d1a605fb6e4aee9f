package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.InputStream;
import java.net.SocketAddress;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Both ends of a transfer checked by digest: the server answers with the SHA-256 of what it read, the client compares. */
final class DigestEcho {
    private DigestEcho() {}

    /** Server side: accepts {@code count} connections and answers each on a thread of {@code threads}; the count accepted. */
    static Future<Integer> answerEach(RudpServerSocket server, int count, ExecutorService threads) {
        return threads.submit(() -> {
            for (int i = 0; i < count; i++) {
                RudpSocket accepted = server.accept();
                threads.submit(() -> answer(accepted));
            }
            return count;
        });
    }

    /** Server side: reads to end of stream, answers with the SHA-256 of what arrived, closes. */
    static Void answer(RudpSocket socket) throws Exception {
        try (socket) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) sha.update(buffer, 0, n);
            socket.getOutputStream().write(sha.digest());
        }
        return null;
    }

    /** Client side: connects {@code socket} to {@code server}, sends {@code bytes} bytes made from {@code seed}, checks the digest back. */
    static Void sendAndCheck(RudpSocket socket, SocketAddress server, long seed, int bytes) throws Exception {
        byte[] data = new byte[bytes];
        new SplittableRandom(seed).nextBytes(data);
        try (socket) {
            socket.connect(server, 10_000);
            socket.getOutputStream().write(data);
            socket.shutdownOutput();
            assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), socket.getInputStream().readAllBytes(),
                "connection " + seed + " delivered other bytes than it was given");
        }
        return null;
    }
}
