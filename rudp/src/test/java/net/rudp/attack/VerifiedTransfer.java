package net.rudp.attack;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.rudp.ConnectionConfig;
import net.rudp.api.RudpSocket;

/**
 * A real client's transfer to a {@link Target.Mode#DIGEST} server, checked end to end: it sends
 * seeded random bytes and compares the server's SHA-256 of what arrived with its own.
 *
 * @param intact         the digests matched
 * @param connectMillis  how long connect() took; -1 if it failed
 * @param millis         from connect() to the digest, or until the failure
 * @param failure  what went wrong (the exception's text, or "digest differs"); null if intact
 * @param clientUnauthenticated what the client's endpoint dropped in the authenticated mode, in all, at the end
 */
record VerifiedTransfer(boolean intact, long connectMillis, long millis, String failure, long clientUnauthenticated) {

    static VerifiedTransfer run(InetSocketAddress server, int bytes, long seed, int connectTimeoutMillis) {
        return run(server, bytes, seed, connectTimeoutMillis, ConnectionConfig.DEFAULT, false);
    }

    /**
     * As {@link #run(InetSocketAddress, int, long, int)}, the client's socket configured with
     * {@code config} and on an endpoint of its own, so that its counts are this transfer's.
     */
    static VerifiedTransfer run(InetSocketAddress server, int bytes, long seed, int connectTimeoutMillis, ConnectionConfig config) {
        return run(server, bytes, seed, connectTimeoutMillis, config, true);
    }

    private static VerifiedTransfer run(InetSocketAddress server, int bytes, long seed, int connectTimeoutMillis,
                                        ConnectionConfig config, boolean ownEndpoint) {
        byte[] data = new byte[bytes];
        new SplittableRandom(seed).nextBytes(data);
        long start = System.nanoTime();
        long connectMillis = -1;
        try (RudpSocket socket = new RudpSocket(config)) {
            if (ownEndpoint) socket.bind(new InetSocketAddress(server.getAddress(), 0));
            socket.connect(server, connectTimeoutMillis);
            connectMillis = elapsedMillis(start);
            OutputStream out = socket.getOutputStream();
            out.write(data);
            socket.shutdownOutput();
            byte[] digest = socket.getInputStream().readAllBytes();
            boolean same = Arrays.equals(MessageDigest.getInstance("SHA-256").digest(data), digest);
            return new VerifiedTransfer(same, connectMillis, elapsedMillis(start), same ? null : "digest differs",
                socket.endpointStats().unauthenticated());
        } catch (Exception e) {
            return new VerifiedTransfer(false, connectMillis, elapsedMillis(start), e.toString(), 0);
        }
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
