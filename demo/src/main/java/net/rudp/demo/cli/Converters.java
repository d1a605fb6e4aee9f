package net.rudp.demo.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import net.rudp.demo.Units;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for {@link Units} and {@link HostPort}; their messages become usage errors. */
final class Converters {
    private Converters() {}

    private static <T> T convert(java.util.function.Function<String, T> parse, String text) {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return Converters.convert(Units::parseSize, text);
        }
    }

    static final class Rate implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return Converters.convert(Units::parseRate, text);
        }
    }

    static final class Time implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return Converters.convert(Units::parseDuration, text);
        }
    }

    static final class Percent implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            return Converters.convert(Units::parsePercent, text);
        }
    }

    static final class Address implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String text) {
            return Converters.convert(HostPort::parse, text);
        }
    }
}
