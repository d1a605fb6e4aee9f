package net.rudp.demo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code rudp-demo jmh [JMH options] [benchmark regexp]}: runs the JMH benchmarks built into the
 * demo jar, every argument passed to JMH as is ({@code jmh -h} prints JMH's own help, {@code jmh -l}
 * lists the benchmarks). Example: {@code ./demo.sh jmh -f 1 -wi 3 -i 5 -prof gc Codec}.
 */
@Command(name = "jmh",
    description = {"Run the JMH micro-benchmarks (codec, in-memory core throughput); every argument goes to JMH.",
        "Example: jmh -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc Codec   (jmh -h: JMH's options, jmh -l: the benchmarks)"})
public final class JmhCommand implements Runnable {
    /** Everything after {@code jmh}: the command declares no options of its own, so none is taken from JMH. */
    @Unmatched
    List<String> jmhArguments = new ArrayList<>();

    @Override
    public void run() {
        try {
            org.openjdk.jmh.Main.main(jmhArguments.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("JMH could not run", e);
        }
    }
}
