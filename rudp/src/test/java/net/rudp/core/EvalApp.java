package net.rudp.core;

/** An application on one connection of an {@link EvalHost}; the host steps it whenever it flushes. */
abstract sealed class EvalApp permits EvalSender, EvalReceiver {
    private Connection connection;

    /** The connection this application uses, from now on. */
    final void attach(Connection c) {
        connection = c;
    }

    /** The connection, or null before {@link #attach}. */
    final Connection connection() {
        return connection;
    }

    /** Does whatever the application can do at {@code nowNanos}: write, read, close. */
    abstract void step(long nowNanos);
}
