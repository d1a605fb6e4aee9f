package net.rudp.demo.perf;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.rudp.demo.Units;
import net.rudp.demo.cli.Converters;
import picocli.CommandLine.ITypeConverter;

/**
 * Reads {@code -b}'s rate as iperf3 takes it, bits per second with an optional K, M or G (powers
 * of 1000: {@code 100M} is 100 Mbit/s), or as the rest of the demo writes rates ({@code 100mbit}).
 */
final class Bitrate implements ITypeConverter<Long> {
    private static final Pattern IPERF_FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)([kmg]?)");

    @Override
    public Long convert(String text) {
        return Converters.convert(Bitrate::parse, text);
    }

    static long parse(String text) {
        Matcher m = IPERF_FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Units.parseRate(text);
        }
        double unit = switch (m.group(2)) {
            case "k" -> 1e3;
            case "m" -> 1e6;
            case "g" -> 1e9;
            default -> 1;
        };
        long rate = Math.round(Double.parseDouble(m.group(1)) * unit);
        if (rate <= 0) {
            throw new IllegalArgumentException("invalid rate '" + text + "': must be more than zero");
        }
        return rate;
    }
}
