package net.rudp.demo.transport;

import java.util.List;
import java.util.Optional;

/** The transports the demo knows, in the order reports list them. */
public final class Transports {
    private Transports() {}

    /** Every transport with its default settings, kernel TCP first (the baseline the others are compared with). */
    public static List<Transport> all() {
        return all(new RudpTransport());
    }

    /** Every transport, kernel TCP first, with {@code rudp} as rudp. */
    public static List<Transport> all(RudpTransport rudp) {
        return List.of(new TcpTransport(), rudp);
    }

    /** The transport called {@code name} with its default settings, if there is one. */
    public static Optional<Transport> byName(String name) {
        return byName(name, new RudpTransport());
    }

    /** The transport called {@code name}, with {@code rudp} as rudp, if there is one. */
    public static Optional<Transport> byName(String name, RudpTransport rudp) {
        return all(rudp).stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The names, for help texts and error messages. */
    public static List<String> names() {
        return all().stream().map(Transport::name).toList();
    }
}
