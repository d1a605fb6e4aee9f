package net.rudp.demo.tools;

import net.rudp.demo.cli.BarProgressView;
import net.rudp.demo.compare.ProgressView;

/**
 * Progress bars for the tools, shown only on a terminal (redirected to a file, a bar would be a
 * long run of carriage returns); the bars are compare's.
 */
final class TerminalProgress {
    private TerminalProgress() {}

    /** Bars if stdout is a terminal, else {@link ProgressView#NONE}. */
    static ProgressView ifTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal() ? new BarProgressView() : ProgressView.NONE;
    }
}
