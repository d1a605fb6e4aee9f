package net.rudp.demo.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import net.rudp.demo.Units;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for {@link Units} and {@link HostPort}; their messages become usage errors. */
public final class Converters {
    private Converters() {}

    /** Runs {@code parse}, turning its IllegalArgumentException into picocli's usage error. */
    public static <T> T convert(java.util.function.Function<String, T> parse, String text) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    public static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return Converters.convert(Units::parseSize, text);
        }
    }

    public static final class Rate implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return Converters.convert(Units::parseRate, text);
        }
    }

    public static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return Converters.convert(Units::parseDuration, text);
        }
    }

    /**
     * A time as ping and iperf3 take it: a plain number of seconds ({@code 0.2}, {@code 10}), or
     * a number with a unit ({@code 200ms}).
     */
    public static final class Seconds implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            String plain = text.strip();
            return Converters.convert(Units::parseDuration, plain.matches("\\d+(\\.\\d+)?") ? plain + "s" : plain);
        }
    }

    public static final class Percent implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            return Converters.convert(Units::parsePercent, text);
        }
    }

    public static final class Address implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String text) {
            return Converters.convert(HostPort::parse, text);
        }
    }
}
