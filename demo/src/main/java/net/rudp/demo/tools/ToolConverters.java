package net.rudp.demo.tools;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Function;
import net.rudp.demo.Units;
import net.rudp.demo.cli.HostPort;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for the tools' options; a parse failure becomes a one-line usage error. */
final class ToolConverters {
    private ToolConverters() {}

    private static <T> T convert(Function<String, T> parse, String text) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** {@code host:port}. */
    static final class Address implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String text) {
            return ToolConverters.convert(HostPort::parse, text);
        }
    }

    /** Bytes with an optional unit, e.g. {@code 256MiB}. */
    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return ToolConverters.convert(Units::parseSize, text);
        }
    }

    /** Bytes as for {@link Size}, or {@code 0} for none. */
    static final class SizeOrZero implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return text.strip().equals("0") ? 0L : ToolConverters.convert(Units::parseSize, text);
        }
    }

    /** A duration with a unit, e.g. {@code 10ms}. */
    static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return ToolConverters.convert(Units::parseDuration, text);
        }
    }

    /** A port number, 0 to 65535 (0: any free port). */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return ToolConverters.convert(ToolConverters::port, text);
        }
    }

    /** A count of at least one. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return ToolConverters.convert(ToolConverters::count, text);
        }
    }

    private static int port(String text) {
        return wholeNumber(text, 0, 0xFFFF, "port", "a number from 0 to 65535");
    }

    private static int count(String text) {
        return wholeNumber(text, 1, Integer.MAX_VALUE, "count", "a whole number of at least 1");
    }

    private static int wholeNumber(String text, int min, int max, String what, String form) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the accepted form
        }
        throw new IllegalArgumentException("invalid " + what + " '" + text + "': use " + form);
    }
}
