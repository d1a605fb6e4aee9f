package net.rudp.cookie;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import net.rudp.wire.VectorFile;
import net.rudp.wire.VectorFile.Vector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

class CallCookiesTest {
    private static final long TICK_NANOS = (1L << CallCookies.TICK_LOG2_MICROS) * 1_000;
    private static final InetSocketAddress SERVER = address("192.0.2.1", 9000);
    private static final InetSocketAddress CLIENT = address("198.51.100.7", 40000);
    private static final int CLIENT_ID = 0x1a2b3c4d, CLIENT_ISN = 0x89abcdef;
    /** The middle of a tick, so "the next tick" is half a tick away. */
    private static final long ISSUED = 1_000 * TICK_NANOS + TICK_NANOS / 2;
    static final List<Vector> VECTORS = VectorFile.read("cookies.txt");

    private final CallCookies cookies = CallCookies.withRandomKey(new SplittableRandom(1));
    private final CallCookies.Cookie cookie = cookies.issue(SERVER, CLIENT, CLIENT_ID, CLIENT_ISN, 1162, ISSUED);

    private int check(InetSocketAddress client, int clientId, int serverId, int clientIsn, int serverIsn, long now) {
        return cookies.check(SERVER, client, clientId, serverId, clientIsn, serverIsn, now);
    }

    @Test
    void aCookieIsValidInItsTickAndTheNextAndCarriesTheMaxPayload() {
        long endOfNextTick = (ISSUED / TICK_NANOS + 2) * TICK_NANOS - 1_000;
        for (long now : new long[] {ISSUED, ISSUED + TICK_NANOS / 2, endOfNextTick}) {
            assertEquals(1162, check(CLIENT, CLIENT_ID, cookie.serverConnId(), CLIENT_ISN, cookie.serverIsn(), now), "at " + now);
        }
    }

    @Test
    void aCookieIsInvalidOnceTwoTicksHaveStartedAndBeforeItWasIssued() {
        long firstInvalid = (ISSUED / TICK_NANOS + 2) * TICK_NANOS;
        for (long now : new long[] {firstInvalid, firstInvalid + 5 * TICK_NANOS, ISSUED - TICK_NANOS, ISSUED - 3 * TICK_NANOS}) {
            assertEquals(0, check(CLIENT, CLIENT_ID, cookie.serverConnId(), CLIENT_ISN, cookie.serverIsn(), now), "at " + now);
        }
    }

    @Test
    void aCookieIsBoundToTheClientsAddressPortIdsAndIsn() {
        int s = cookie.serverConnId(), y = cookie.serverIsn();
        assertEquals(0, check(address("198.51.100.8", 40000), CLIENT_ID, s, CLIENT_ISN, y, ISSUED), "another address");
        assertEquals(0, check(address("198.51.100.7", 40001), CLIENT_ID, s, CLIENT_ISN, y, ISSUED), "another port");
        assertEquals(0, check(CLIENT, CLIENT_ID + 1, s, CLIENT_ISN, y, ISSUED), "another client id");
        assertEquals(0, check(CLIENT, CLIENT_ID, s + 1, CLIENT_ISN, y, ISSUED), "another server id");
        assertEquals(0, check(CLIENT, CLIENT_ID, s, CLIENT_ISN + 1, y, ISSUED), "another client ISN (not the first packet)");
        assertEquals(0, cookies.check(address("192.0.2.2", 9000), CLIENT, CLIENT_ID, s, CLIENT_ISN, y, ISSUED), "another server address");
    }

    @Test
    void flippingAnyBitOfTheServerIdOrIsnMakesItInvalid() {
        for (int bit = 0; bit < 32; bit++) {
            int flip = 1 << bit;
            assertEquals(0, check(CLIENT, CLIENT_ID, cookie.serverConnId() ^ flip, CLIENT_ISN, cookie.serverIsn(), ISSUED), "id bit " + bit);
            assertEquals(0, check(CLIENT, CLIENT_ID, cookie.serverConnId(), CLIENT_ISN, cookie.serverIsn() ^ flip, ISSUED), "isn bit " + bit);
        }
    }

    @Test
    void guessedCookiesAreRejectedAndAnotherKeyGivesAnotherCookie() {
        SplittableRandom guesses = new SplittableRandom(2);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            // A blind attacker knows the tick (the top bits) and guesses the rest.
            int isn = (cookie.serverIsn() & 0xF800_0000) | (guesses.nextInt() & 0x07FF_FFFF);
            if (check(CLIENT, CLIENT_ID, guesses.nextInt(), CLIENT_ISN, isn, ISSUED) != 0) accepted++;
        }
        assertEquals(0, accepted, "forged cookies accepted");
        CallCookies other = CallCookies.withRandomKey(new SplittableRandom(3));
        assertNotEquals(cookie, other.issue(SERVER, CLIENT, CLIENT_ID, CLIENT_ISN, 1162, ISSUED));
        assertEquals(0, other.check(SERVER, CLIENT, CLIENT_ID, cookie.serverConnId(), CLIENT_ISN, cookie.serverIsn(), ISSUED));
    }

    @Test
    void theMaxPayloadIsRoundedDownToItsClass() {
        int[][] expected = {{64, 64}, {509, 64}, {510, 510}, {1161, 510}, {1162, 1162}, {1200, 1162}, {1414, 1414},
            {1433, 1414}, {1434, 1434}, {9000, 8934}, {65469, 65469}, {65535, 65469}};
        for (int[] e : expected) {
            CallCookies.Cookie c = cookies.issue(SERVER, CLIENT, CLIENT_ID, CLIENT_ISN, e[0], ISSUED);
            assertEquals(e[1], c.maxPayload(), "SYN max payload " + e[0]);
            assertEquals(e[1], check(CLIENT, CLIENT_ID, c.serverConnId(), CLIENT_ISN, c.serverIsn(), ISSUED), "checked, " + e[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("VECTORS")
    void vectors(Vector v) {
        CallCookies fixed = new CallCookies(HexFormat.of().parseHex(v.get("key")));
        InetSocketAddress local = parse(v.get("local")), remote = parse(v.get("remote"));
        int clientId = u32(v, "client_conn_id"), clientIsn = u32(v, "client_isn");
        long now = Long.parseLong(v.get("now_micros")) * 1_000, expires = Long.parseLong(v.get("expires_micros")) * 1_000;
        CallCookies.Cookie c = fixed.issue(local, remote, clientId, clientIsn, Integer.parseInt(v.get("client_max_payload")), now);
        int maxPayload = Integer.parseInt(v.get("max_payload"));
        assertEquals(new CallCookies.Cookie(u32(v, "server_conn_id"), u32(v, "server_isn"), maxPayload), c);
        assertEquals(maxPayload, fixed.check(local, remote, clientId, c.serverConnId(), clientIsn, c.serverIsn(), expires - 1_000));
        assertEquals(0, fixed.check(local, remote, clientId, c.serverConnId(), clientIsn, c.serverIsn(), expires));
    }

    private static int u32(Vector v, String key) {
        return (int) Long.parseLong(v.get(key));
    }

    /** {@code a.b.c.d:port} or {@code [ipv6]:port}. */
    private static InetSocketAddress parse(String s) {
        int colon = s.lastIndexOf(':');
        String host = s.substring(0, colon).replace("[", "").replace("]", "");
        return address(host, Integer.parseInt(s.substring(colon + 1)));
    }

    private static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
