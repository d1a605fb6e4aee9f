package net.rudp.demo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the quantities the demo takes and reports: sizes ({@code 20MiB}), bit rates
 * ({@code 50mbit}), durations ({@code 10ms}) and percentages ({@code 1%}). Parsing throws
 * {@link IllegalArgumentException} with a message that shows the accepted form.
 */
public final class Units {
    private static final Pattern NUMBER_AND_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z%]*)");

    private Units() {}

    /** Bytes: a number with an optional binary or decimal unit, e.g. {@code 256MiB}, {@code 20M}, {@code 1000}. */
    public static long parseSize(String text) {
        Matcher m = match(text, "size", "a number with an optional unit B, KiB, MiB, GiB (e.g. 20MiB)");
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k", "kib" -> 1L << 10;
            case "m", "mib" -> 1L << 20;
            case "g", "gib" -> 1L << 30;
            case "kb" -> 1_000;
            case "mb" -> 1_000_000;
            case "gb" -> 1_000_000_000;
            default -> throw invalid("size", text, "a number with an optional unit B, KiB, MiB, GiB (e.g. 20MiB)");
        };
        return positive(Math.round(Double.parseDouble(m.group(1)) * unit), "size", text);
    }

    /** Bits per second, e.g. {@code 50mbit}, {@code 1gbit}, {@code 800kbit} (decimal units, as tc uses). */
    public static long parseRate(String text) {
        String form = "a number with a unit bit, kbit, mbit or gbit per second (e.g. 50mbit)";
        Matcher m = match(text, "rate", form);
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "bit", "bps" -> 1;
            case "kbit", "kbps" -> 1_000;
            case "mbit", "mbps" -> 1_000_000;
            case "gbit", "gbps" -> 1_000_000_000;
            default -> throw invalid("rate", text, form);
        };
        return positive(Math.round(Double.parseDouble(m.group(1)) * unit), "rate", text);
    }

    /** A duration with a unit: {@code us}, {@code ms}, {@code s}; e.g. {@code 10ms}. Zero is allowed. */
    public static Duration parseDuration(String text) {
        String form = "a number with a unit us, ms or s (e.g. 20ms)";
        Matcher m = match(text, "duration", form);
        double nanosPerUnit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> throw invalid("duration", text, form);
        };
        return Duration.ofNanos(Math.round(Double.parseDouble(m.group(1)) * nanosPerUnit));
    }

    /** A percentage from 0% to 100%, returned as a fraction (e.g. {@code 1%} gives 0.01). */
    public static double parsePercent(String text) {
        String form = "a percentage from 0% to 100% (e.g. 1% or 0.5%)";
        Matcher m = match(text, "percentage", form);
        double percent = Double.parseDouble(m.group(1));
        if (!m.group(2).equals("%") || percent > 100) {
            throw invalid("percentage", text, form);
        }
        return percent / 100;
    }

    /** A size for people: {@code 256 MiB}, {@code 1.5 GiB}, {@code 512 B}. */
    public static String formatSize(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int u = 0;
        while (value >= 1024 && u < units.length - 1) {
            value /= 1024;
            u++;
        }
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
            : String.format(Locale.ROOT, "%.1f", value)) + " " + units[u];
    }

    /** A bit rate for people: {@code 941 Mbit/s}, {@code 5.12 Gbit/s}. */
    public static String formatRate(double bitsPerSecond) {
        String[] units = {"bit/s", "kbit/s", "Mbit/s", "Gbit/s"};
        double value = bitsPerSecond;
        int u = 0;
        while (value >= 1000 && u < units.length - 1) {
            value /= 1000;
            u++;
        }
        return threeDigits(value) + " " + units[u];
    }

    /** A fraction as a percentage for people: 0.01 gives {@code 1%}, 0.005 gives {@code 0.5%}. */
    public static String formatPercent(double fraction) {
        return new BigDecimal(fraction * 100).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "%";
    }

    /** A duration for people: {@code 12.3 ms}, {@code 4.21 s}. */
    public static String formatDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000_000) {
            return threeDigits(nanos / 1e3) + " us";
        }
        if (nanos < 1_000_000_000) {
            return threeDigits(nanos / 1e6) + " ms";
        }
        return threeDigits(nanos / 1e9) + " s";
    }

    /** Three significant digits, without exponent: 5.12, 51.2, 512. */
    private static String threeDigits(double value) {
        String format = value >= 100 ? "%.0f" : value >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, value);
    }

    private static Matcher match(String text, String what, String form) {
        Matcher m = NUMBER_AND_UNIT.matcher(text.trim());
        if (!m.matches()) {
            throw invalid(what, text, form);
        }
        return m;
    }

    private static long positive(long value, String what, String text) {
        if (value <= 0) {
            throw new IllegalArgumentException("invalid " + what + " '" + text + "': must be more than zero");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String what, String text, String form) {
        return new IllegalArgumentException("invalid " + what + " '" + text + "': use " + form);
    }
}
