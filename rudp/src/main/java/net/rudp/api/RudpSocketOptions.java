package net.rudp.api;

import java.net.SocketOption;
import net.rudp.Authentication;
import net.rudp.CongestionControl;
import net.rudp.capture.CaptureFile;

/**
 * The socket options rudp has beyond {@link java.net.StandardSocketOptions}, for
 * {@link java.net.Socket#setOption} and {@link java.net.ServerSocket#setOption} on rudp sockets.
 * Each sets one field of the connection's {@link net.rudp.ConnectionConfig}: set them before
 * {@code connect} (or, on a server socket, before {@code bind}); once the connection is open its
 * configuration is fixed and setting a different value throws {@link java.net.SocketException}.
 *
 * <pre>{@code
 * Socket s = new RudpSocketFactory().createSocket();
 * s.setOption(RudpSocketOptions.CONGESTION_CONTROL, CongestionControl.CUBIC);
 * s.connect(new InetSocketAddress("example.net", 9000));
 * }</pre>
 */
public final class RudpSocketOptions {

    /**
     * The largest datagram the connection sends or accepts, in bytes ({@code maxDatagramSize}):
     * 1200 by default, which fits any path, as QUIC's; up to 65,507 where the path allows.
     */
    public static final SocketOption<Integer> MAX_DATAGRAM_SIZE = new RudpOption<>("RUDP_MAX_DATAGRAM_SIZE", Integer.class);

    /** The congestion controller the connection uses ({@code congestionControl}). */
    public static final SocketOption<CongestionControl> CONGESTION_CONTROL =
        new RudpOption<>("RUDP_CONGESTION_CONTROL", CongestionControl.class);

    /** Whether sends are spread over the round trip instead of leaving in bursts ({@code pacing}, on by default). */
    public static final SocketOption<Boolean> PACING = new RudpOption<>("RUDP_PACING", Boolean.class);

    /**
     * Writes every datagram the socket's endpoint sends and receives to a pcapng file, for
     * Wireshark or tshark with rudp's dissector ({@code spec/wireshark/}); null (the default): no
     * capture. Read when the socket opens: a socket's at {@code connect}, which then gives the
     * connection an endpoint of its own (on any free port unless the socket was bound), so the
     * capture holds this connection only; a server socket's at {@code bind}, and the capture holds
     * all its connections. Setting it later changes nothing. The file is bounded as the
     * {@link CaptureFile}'s limits say; it is complete once the endpoint retires (a socket's after
     * its connection ends, TIME_WAIT included), and flushed after each of the endpoint's wake-ups,
     * so it can be read while the endpoint runs.
     *
     * <pre>{@code
     * s.setOption(RudpSocketOptions.CAPTURE, CaptureFile.at(Path.of("/tmp/client.pcapng")));
     * }</pre>
     */
    public static final SocketOption<CaptureFile> CAPTURE = new RudpOption<>("RUDP_CAPTURE", CaptureFile.class);

    /**
     * How many loops serve a server socket, each a thread with its own UDP socket on the
     * listening port ({@code SO_REUSEPORT}; Linux spreads clients over them by a hash of their
     * addresses and ports), so that a server with several busy clients uses several cores. Server
     * sockets only, set before {@code bind}; 0 (the default): as {@code -Drudp.serverLoops=N}
     * says, 1 if unset. More than 1 pays only with several busy clients and a spare core per loop
     * (the hash may also put two busy clients on one loop); where the system cannot spread a port
     * (not Linux) and with a {@link #CAPTURE}, the listener gets one loop, said once in the log.
     * Each loop admits calls up to the whole backlog.
     *
     * <pre>{@code
     * ServerSocket server = new RudpServerSocket();
     * server.setOption(RudpSocketOptions.SERVER_LOOPS, Runtime.getRuntime().availableProcessors());
     * server.bind(new InetSocketAddress(9000));
     * }</pre>
     */
    public static final SocketOption<Integer> SERVER_LOOPS = new RudpOption<>("RUDP_SERVER_LOOPS", Integer.class);

    /**
     * The authenticated mode ({@code authentication}, spec/AUTHENTICATED.md): every packet after
     * the handshake sealed with an AEAD, so that an on-path attacker's forged, altered or replayed
     * packets are dropped. Null (the default): plain rudp. A client pins the server's public key or
     * holds a pre-shared key; a server socket holds its private key or the pre-shared key. A client
     * never falls back to plain rudp: a server that does not authenticate fails the connect with
     * "Connection refused: the server did not authenticate".
     *
     * <pre>{@code
     * client.setOption(RudpSocketOptions.AUTHENTICATION, Authentication.pinnedServerKey(serverPublicKey));
     * server.setOption(RudpSocketOptions.AUTHENTICATION, Authentication.serverKey(serverPrivateKey));
     * }</pre>
     */
    public static final SocketOption<Authentication> AUTHENTICATION = new RudpOption<>("RUDP_AUTHENTICATION", Authentication.class);

    private RudpSocketOptions() {}

    /** One rudp option: a name and a value type, as the JDK's own options are. */
    private record RudpOption<T>(String name, Class<T> type) implements SocketOption<T> {
        @Override
        public String toString() {
            return name;
        }
    }
}
