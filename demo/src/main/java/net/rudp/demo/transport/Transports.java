package net.rudp.demo.transport;

import java.util.List;
import java.util.Optional;

/** The transports the demo knows, in the order reports list them. */
public final class Transports {
    private Transports() {}

    /** Every transport, kernel TCP first (the baseline the others are compared with). */
    public static List<Transport> all() {
        return List.of(new TcpTransport());
    }

    /** The transport called {@code name}, if there is one. */
    public static Optional<Transport> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The names, for help texts and error messages. */
    public static List<String> names() {
        return all().stream().map(Transport::name).toList();
    }
}
