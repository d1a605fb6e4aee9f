package net.rudp.demo;

import java.io.PrintWriter;
import net.rudp.demo.cli.Cli;

/** The demo's entry point: {@code java -jar rudp-demo.jar [subcommand] [options]}; see --help. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // charts are drawn to PNG files only
        int code = Cli.run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }
}
