package net.rudp.demo.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import net.rudp.demo.compare.ProgressView;

/** Live progress bars on the terminal (stderr), one per transport, in MiB with the current speed. */
public final class BarProgressView implements ProgressView {

    @Override
    public Bar start(String transport, long size) {
        ProgressBar bar = new ProgressBarBuilder()
            .setTaskName(String.format("%-5s", transport))
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
