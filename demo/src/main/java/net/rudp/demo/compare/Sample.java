package net.rudp.demo.compare;

/** The receiver had {@code bytes} verified bytes {@code elapsedNanos} after accepting. */
public record Sample(long elapsedNanos, long bytes) {}
