package net.rudp.demo.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns the JDK's network exceptions into one-line messages that say what to do. */
public final class NetworkErrors {
    private NetworkErrors() {}

    /**
     * A message for {@code e}, which happened while doing {@code action} with {@code address}
     * (e.g. "listen on", "127.0.0.1:9000").
     */
    public static String describe(IOException e, String action, String address) {
        String what = "cannot " + action + " " + address + ": ";
        return what + switch (e) {
            case BindException b -> "the address is in use or not local (" + b.getMessage()
                + "); pick another port or stop the program using it";
            case ConnectException c -> "nothing accepts connections there (" + c.getMessage()
                + "); start the server first or check the address";
            case NoRouteToHostException n -> "no route to the host (" + n.getMessage() + ")";
            case SocketTimeoutException t -> "no answer in time (" + t.getMessage() + ")";
            case UnknownHostException u -> "unknown host " + u.getMessage();
            default -> e.getClass().getSimpleName() + ": " + e.getMessage();
        };
    }
}
