package net.rudp.testkit;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The tests' slf4j binding: it keeps what the library logs so a test can assert on it, and prints
 * WARN and ERROR to standard error as a console logger would. INFO and DEBUG are off except for
 * the loggers a test turns on ({@link #enable}). At most {@link #CAPACITY} lines are kept.
 */
public final class CapturedLogs implements SLF4JServiceProvider {

    /** One line the library logged. */
    public record Line(String logger, Level level, String message, Throwable thrown) {}

    /** Lines kept at most; older ones are dropped first. */
    public static final int CAPACITY = 10_000;

    private static final ConcurrentLinkedQueue<Line> LINES = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();
    private static final Set<String> VERBOSE = ConcurrentHashMap.newKeySet();

    private final ILoggerFactory loggers = CapturedLogger::new;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Turns INFO and DEBUG on for logger {@code name}. */
    public static void enable(String name) {
        VERBOSE.add(name);
    }

    /** Turns them off again. */
    public static void disable(String name) {
        VERBOSE.remove(name);
    }

    /** Forgets every line kept so far. */
    public static void clear() {
        LINES.clear();
        SIZE.set(0);
    }

    /** The lines kept of logger {@code name}, oldest first. */
    public static List<Line> of(String name) {
        return LINES.stream().filter(l -> l.logger().equals(name)).toList();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    private static final class CapturedLogger extends LegacyAbstractLogger {
        CapturedLogger(String name) {
            this.name = name;
        }

        private boolean verbose() {
            return VERBOSE.contains(name);
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isDebugEnabled() {
            return verbose();
        }

        @Override
        public boolean isInfoEnabled() {
            return verbose();
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable thrown) {
            String message = MessageFormatter.basicArrayFormat(pattern, arguments);
            if (SIZE.incrementAndGet() > CAPACITY && LINES.poll() != null) SIZE.decrementAndGet();
            LINES.add(new Line(name, level, message, thrown));
            if (level.toInt() >= Level.WARN.toInt()) {
                System.err.println("[" + level + "] " + name + ": " + message + (thrown == null ? "" : " (" + thrown + ")"));
            }
        }
    }
}
