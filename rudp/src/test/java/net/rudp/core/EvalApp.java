package net.rudp.core;

/** A bulk application of the congestion evaluation. */
abstract sealed class EvalApp implements SimApp permits EvalSender, EvalReceiver {
    private Connection connection;

    @Override
    public final void attach(Connection c) {
        connection = c;
    }

    @Override
    public final Connection connection() {
        return connection;
    }

}
