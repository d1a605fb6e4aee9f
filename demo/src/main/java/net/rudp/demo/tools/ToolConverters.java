package net.rudp.demo.tools;

import net.rudp.demo.Units;
import net.rudp.demo.cli.Converters;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters the tools add to compare's {@link Converters}; a parse failure becomes a one-line usage error. */
public final class ToolConverters {
    private ToolConverters() {}

    /** Bytes as for {@link Converters.Size}, or {@code 0} for none. */
    static final class SizeOrZero implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            return text.strip().equals("0") ? 0L : Converters.convert(Units::parseSize, text);
        }
    }


    /** A port number, 0 to 65535 (0: any free port). */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return Converters.convert(ToolConverters::port, text);
        }
    }

    /** A count of at least one. */
    public static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            return Converters.convert(ToolConverters::count, text);
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
