package net.rudp.demo.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line that repeats one run of a comparison: the options as given (the link, rudp's
 * and TCP's settings, the limits), the size and seed made explicit (their defaults depend on the
 * path and may change), and that run's flows in place of the transports asked for.
 */
final class RepeatCommand {
    static final String PROGRAM = "./demo.sh compare";
    /** Options that choose the flows (replaced per run) or only where and how output goes. */
    private static final Set<String> NOT_REPEATED = Set.of("--transports", "--together", "--size", "--seed", "--out",
        "--no-progress");
    private static final Pattern NEEDS_NO_QUOTES = Pattern.compile("[A-Za-z0-9_./%:=,+-]+");

    private final List<String> options = new ArrayList<>();

    /** From the parsed {@code compare} command line, with {@code size} and {@code seed} as the run used them. */
    RepeatCommand(ParseResult parsed, long size, long seed) {
        for (OptionSpec option : parsed.matchedOptions()) {
            if (NOT_REPEATED.contains(option.longestName())) {
                continue;
            }
            if (option.arity().max() > 0) {
                options.add(option.longestName());
                options.addAll(option.originalStringValues());
            } else {
                options.add(flag(option));
            }
        }
        options.addAll(List.of("--size", sizeText(parsed, size), "--seed", Long.toString(seed)));
    }

    /** The command for a run of {@code transports}, one after another (one of them) or together. */
    String of(List<String> transports, boolean together) {
        List<String> words = new ArrayList<>(options);
        words.add(together ? "--together" : "--transports");
        words.add(String.join(",", transports));
        return PROGRAM + " " + String.join(" ", words.stream().map(RepeatCommand::quoted).toList());
    }

    /** A flag as it was given: {@code --no-pacing} for a negatable flag that came out false. */
    private static String flag(OptionSpec option) {
        boolean set = Boolean.TRUE.equals(option.getValue());
        return option.negatable() && !set ? option.longestName().replaceFirst("^--", "--no-") : option.longestName();
    }

    /** As given, or the default in whole MiB (both defaults are). */
    private static String sizeText(ParseResult parsed, long size) {
        OptionSpec given = parsed.matchedOption("--size");
        if (given != null) {
            return given.originalStringValues().getLast();
        }
        return size % (1 << 20) == 0 ? (size >> 20) + "MiB" : size + "B";
    }

    private static String quoted(String word) {
        return NEEDS_NO_QUOTES.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
