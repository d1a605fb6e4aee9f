package net.rudp.demo.cli;

import java.net.InetSocketAddress;

/** Parses {@code host:port} (IPv6 as {@code [addr]:port}) into a resolved socket address. */
public final class HostPort {
    private HostPort() {}

    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("invalid address '" + text + "': use host:port, e.g. 127.0.0.1:9000");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid port in '" + text + "': use a number from 0 to 65535");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("invalid address '" + text + "': unknown host " + host);
        }
        return address;
    }

    /**
     * Parses {@code host:port}, or a bare {@code host} (IPv6 as {@code [addr]}) meaning {@code defaultPort},
     * as ping and iperf3 take a host alone.
     */
    public static InetSocketAddress parse(String text, int defaultPort) {
        boolean bare = text.startsWith("[") ? text.endsWith("]") : !text.contains(":");
        return parse(bare ? text + ":" + defaultPort : text);
    }

    /** Prints {@code address} the way {@link #parse} reads it. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
