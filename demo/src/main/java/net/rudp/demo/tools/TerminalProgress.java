package net.rudp.demo.tools;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import net.rudp.demo.compare.ProgressView;

/**
 * A progress bar on stderr in MiB with the current speed, shown only on a terminal (redirected
 * to a file, a bar would be a long run of carriage returns).
 */
final class TerminalProgress implements ProgressView {
    private TerminalProgress() {}

    /** Bars if stdout is a terminal, else {@link ProgressView#NONE}. */
    static ProgressView ifTerminal() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal() ? new TerminalProgress() : ProgressView.NONE;
    }

    @Override
    public Bar start(String task, long size) {
        ProgressBar bar = new ProgressBarBuilder()
            .setTaskName(task)
            .setInitialMax(size)
            .setUnit(" MiB", 1 << 20)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(100)
            .showSpeed()
            .continuousUpdate()
            .build();
        return new Bar() {
            @Override
            public void bytesSoFar(long bytes) {
                bar.stepTo(bytes);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
