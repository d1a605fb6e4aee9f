package net.rudp.demo.compare;

/** Shows a running transfer's progress, e.g. as a progress bar. */
public interface ProgressView {

    /** A transfer of {@code size} bytes over {@code transport} starts; close the result when it ends. */
    Bar start(String transport, long size);

    /** One transfer's display. */
    interface Bar extends AutoCloseable {
        void bytesSoFar(long bytes);

        @Override
        void close();
    }

    /** Shows nothing (for tests, and --no-progress). */
    ProgressView NONE = (transport, size) -> new Bar() {
        @Override
        public void bytesSoFar(long bytes) {}

        @Override
        public void close() {}
    };
}
