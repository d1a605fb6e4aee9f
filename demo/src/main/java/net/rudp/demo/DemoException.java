package net.rudp.demo;

/**
 * A failure the user can act on, printed as one line without a stack trace. {@link #exitCode()}
 * is 2 for a wrong command line and 1 for everything else (a port in use, an unreachable peer,
 * missing privileges, a failed transfer).
 */
public final class DemoException extends RuntimeException {
    private final int exitCode;

    private DemoException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The command line asks for something impossible (exit code 2). */
    public static DemoException usage(String message) {
        return new DemoException(message, 2, null);
    }

    /** The command could not do its job (exit code 1). */
    public static DemoException failure(String message) {
        return new DemoException(message, 1, null);
    }

    /** The command could not do its job because of {@code cause} (exit code 1). */
    public static DemoException failure(String message, Throwable cause) {
        return new DemoException(message, 1, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
