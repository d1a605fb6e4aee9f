package net.rudp.core;

import java.util.function.Consumer;

/**
 * Connections by local connection id: an open-addressing hash table on primitive ints, so that
 * demultiplexing a datagram costs no allocation (a {@code HashMap<Integer, ...>} boxes every
 * lookup of an id outside the small-integer cache, which random 32-bit ids always are).
 * Id 0 is never used (it means "no id yet" on the wire) and marks an empty slot.
 */
final class ConnectionTable {
    private int[] ids = new int[16];
    private Connection[] values = new Connection[16];
    private int size;

    int size() {
        return size;
    }

    Connection get(int id) {
        if (id == 0) return null;
        for (int i = slot(id, ids.length); ; i = (i + 1) & (ids.length - 1)) {
            if (ids[i] == id) return values[i];
            if (ids[i] == 0) return null;
        }
    }

    boolean contains(int id) {
        return get(id) != null;
    }

    void put(int id, Connection c) {
        if (id == 0) throw new IllegalArgumentException("connection id 0 is reserved");
        if (2 * (size + 1) > ids.length) resize(ids.length * 2);
        int i = slot(id, ids.length);
        while (ids[i] != 0 && ids[i] != id) i = (i + 1) & (ids.length - 1);
        if (ids[i] == 0) size++;
        ids[i] = id;
        values[i] = c;
    }

    /** Removes {@code id} if it maps to {@code c}. */
    void remove(int id, Connection c) {
        int mask = ids.length - 1;
        int i = slot(id, ids.length);
        while (ids[i] != id) {
            if (ids[i] == 0) return;
            i = (i + 1) & mask;
        }
        if (values[i] != c) return;
        size--;
        // Backward-shift deletion keeps every remaining key reachable from its home slot.
        int hole = i;
        for (int j = (hole + 1) & mask; ids[j] != 0; j = (j + 1) & mask) {
            int home = slot(ids[j], ids.length);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                ids[hole] = ids[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        ids[hole] = 0;
        values[hole] = null;
    }

    void forEach(Consumer<Connection> action) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != 0) action.accept(values[i]);
        }
    }

    private void resize(int capacity) {
        int[] oldIds = ids;
        Connection[] oldValues = values;
        ids = new int[capacity];
        values = new Connection[capacity];
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) put(oldIds[i], oldValues[i]);
        }
    }

    private static int slot(int id, int capacity) {
        int h = id * 0x9E3779B9; // Fibonacci hashing spreads sequential or clustered ids
        return (h ^ (h >>> 16)) & (capacity - 1);
    }

    @Override
    public String toString() {
        return "ConnectionTable[size=" + size + "]";
    }
}
