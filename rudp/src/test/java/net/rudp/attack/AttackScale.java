package net.rudp.attack;

/**
 * Sizes of the attacks: CI's sized-down run by default, the long run with
 * {@code -Drudp.attack.long=true}, and any single size set by {@code -Drudp.attack.NAME=N}.
 */
final class AttackScale {
    private AttackScale() {}

    /** True for the documented long run. */
    static boolean longRun() {
        return Boolean.getBoolean("rudp.attack.long");
    }

    /** {@code -Drudp.attack.<name>} if set, else {@code ci} or, in the long run, {@code longRun}. */
    static int size(String name, int ci, int longRun) {
        String v = System.getProperty("rudp.attack." + name);
        if (v != null && !v.isBlank()) return Integer.parseInt(v.trim());
        return longRun() ? longRun : ci;
    }
}
