package net.rudp.io.batch;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes and reads {@code struct sockaddr_in6} (or {@code sockaddr_in} on an IPv4-only socket)
 * in native memory, with the field offsets named once, as the JDK maps addresses: a dual-stack
 * socket sends to an IPv4 address as {@code ::ffff:a.b.c.d}, and a source {@code ::ffff:a.b.c.d}
 * reads as that {@link Inet4Address}.
 *
 * <p>Both directions cache, so steady traffic allocates nothing: {@link #write} remembers the
 * encoding of the last {@value #CACHE_SLOTS}-ish destinations by identity (a connection sends to
 * the same {@link InetSocketAddress} object every time), and {@link #read} returns the same
 * {@link InetSocketAddress} object for a source it has seen (as the JDK's own receive does), so
 * a caller's map lookup by source finds its key by identity.
 */
final class SocketAddressCodec {
    // struct sockaddr_in6 { sa_family_t sin6_family; in_port_t sin6_port; uint32_t sin6_flowinfo;
    //                       struct in6_addr sin6_addr; uint32_t sin6_scope_id; }   <linux/in6.h>
    static final int SOCKADDR_IN6_SIZE = 28;
    private static final long FAMILY = 0;
    private static final long PORT = 2;
    // sin6_flowinfo at 4 stays 0.
    private static final long IN6_ADDR = 8;
    private static final long IN6_SCOPE_ID = 24;
    // struct sockaddr_in { sa_family_t sin_family; in_port_t sin_port; struct in_addr sin_addr; char sin_zero[8]; }  <linux/in.h>
    static final int SOCKADDR_IN_SIZE = 16;
    private static final long IN_ADDR = 4;
    /** in_port_t is in network byte order. */
    private static final ValueLayout.OfShort PORT_LAYOUT = JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    /** A power of two: slots are picked by hash. */
    private static final int CACHE_SLOTS = 64;

    private final int family;
    private final int size;
    // write(): destinations by identity, their encodings side by side in native memory.
    private final InetSocketAddress[] encodedKeys = new InetSocketAddress[CACHE_SLOTS];
    private final MemorySegment encoded;
    // read(): sources by their raw bytes (address as two longs, port and scope id).
    private final long[] sourceHigh = new long[CACHE_SLOTS];
    private final long[] sourceLow = new long[CACHE_SLOTS];
    private final long[] sourcePortScope = new long[CACHE_SLOTS];
    private final InetSocketAddress[] sources = new InetSocketAddress[CACHE_SLOTS];

    /** For a socket of {@code family} ({@link LinuxAbi#AF_INET6} or {@link LinuxAbi#AF_INET}). */
    SocketAddressCodec(int family, Arena arena) {
        this.family = family;
        this.size = family == LinuxAbi.AF_INET6 ? SOCKADDR_IN6_SIZE : SOCKADDR_IN_SIZE;
        this.encoded = arena.allocate((long) CACHE_SLOTS * size);
    }

    /** The socket's address length (socklen_t): what {@link #write} writes and a receive's address slot holds. */
    int size() {
        return size;
    }

    /**
     * Writes {@code address} at {@code offset} of {@code to}; returns its length, or -1 if this
     * socket cannot reach such an address (IPv6 on an IPv4-only socket).
     */
    int write(InetSocketAddress address, MemorySegment to, long offset) {
        int slot = System.identityHashCode(address) & (CACHE_SLOTS - 1);
        long cached = (long) slot * size;
        if (encodedKeys[slot] != address) {
            if (!encode(address, encoded, cached)) return -1;
            encodedKeys[slot] = address;
        }
        MemorySegment.copy(encoded, cached, to, offset, size);
        return size;
    }

    /** Encodes without the cache (binding, connecting); false if the socket's family cannot hold the address. */
    boolean encode(InetSocketAddress address, MemorySegment to, long offset) {
        InetAddress ip = address.getAddress();
        byte[] raw = ip.getAddress();
        to.asSlice(offset, size).fill((byte) 0);
        to.set(PORT_LAYOUT, offset + PORT, (short) address.getPort());
        if (family == LinuxAbi.AF_INET) {
            if (raw.length != 4) return false;
            to.set(JAVA_SHORT_UNALIGNED, offset + FAMILY, (short) LinuxAbi.AF_INET);
            MemorySegment.copy(raw, 0, to, JAVA_BYTE, offset + IN_ADDR, 4);
            return true;
        }
        to.set(JAVA_SHORT_UNALIGNED, offset + FAMILY, (short) LinuxAbi.AF_INET6);
        if (raw.length == 4) {
            // The JDK binds 0.0.0.0 on a dual-stack socket as ::, which also receives IPv6.
            if (!ip.isAnyLocalAddress()) {
                to.set(JAVA_BYTE, offset + IN6_ADDR + 10, (byte) 0xff);
                to.set(JAVA_BYTE, offset + IN6_ADDR + 11, (byte) 0xff);
                MemorySegment.copy(raw, 0, to, JAVA_BYTE, offset + IN6_ADDR + 12, 4);
            }
        } else {
            MemorySegment.copy(raw, 0, to, JAVA_BYTE, offset + IN6_ADDR, 16);
            to.set(JAVA_INT_UNALIGNED, offset + IN6_SCOPE_ID, ((Inet6Address) ip).getScopeId());
        }
        return true;
    }

    /** The address at {@code offset} of {@code from}, the same object as last time for the same bytes. */
    InetSocketAddress read(MemorySegment from, long offset) {
        boolean v6 = family == LinuxAbi.AF_INET6;
        long high = v6 ? from.get(JAVA_LONG_UNALIGNED, offset + IN6_ADDR) : from.get(JAVA_INT_UNALIGNED, offset + IN_ADDR);
        long low = v6 ? from.get(JAVA_LONG_UNALIGNED, offset + IN6_ADDR + 8) : 0;
        long portScope = (from.get(PORT_LAYOUT, offset + PORT) & 0xffffL)
            | (v6 ? (long) from.get(JAVA_INT_UNALIGNED, offset + IN6_SCOPE_ID) << 16 : 0);
        int slot = slotOf(high, low, portScope);
        InetSocketAddress cached = sources[slot];
        if (cached != null && sourceHigh[slot] == high && sourceLow[slot] == low && sourcePortScope[slot] == portScope) {
            return cached;
        }
        InetSocketAddress decoded = decode(from, offset);
        sources[slot] = decoded;
        sourceHigh[slot] = high;
        sourceLow[slot] = low;
        sourcePortScope[slot] = portScope;
        return decoded;
    }

    private static int slotOf(long high, long low, long portScope) {
        long h = (high * 0x9E3779B97F4A7C15L) ^ (low * 0xC2B2AE3D27D4EB4FL) ^ (portScope * 0x165667B19E3779F9L);
        return (int) (h >>> 58) & (CACHE_SLOTS - 1);
    }

    /** Decodes without the cache (the bound address, error-queue destinations). */
    InetSocketAddress decode(MemorySegment from, long offset) {
        int port = from.get(PORT_LAYOUT, offset + PORT) & 0xffff;
        try {
            if (from.get(JAVA_SHORT_UNALIGNED, offset + FAMILY) == LinuxAbi.AF_INET) {
                return new InetSocketAddress(InetAddress.getByAddress(bytes(from, offset + IN_ADDR, 4)), port);
            }
            byte[] raw = bytes(from, offset + IN6_ADDR, 16);
            if (isV4Mapped(raw)) {
                return new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(raw, 12, 16)), port);
            }
            int scope = from.get(JAVA_INT_UNALIGNED, offset + IN6_SCOPE_ID);
            // Without a scope, as the JDK reads it (a scope of 0 would print as "%0").
            InetAddress ip = scope == 0 ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, scope);
            return new InetSocketAddress(ip, port);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 and 16 bytes are always an IP address", e);
        }
    }

    private static byte[] bytes(MemorySegment from, long offset, int length) {
        byte[] raw = new byte[length];
        MemorySegment.copy(from, JAVA_BYTE, offset, raw, 0, length);
        return raw;
    }

    private static boolean isV4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) return false;
        }
        return raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
    }
}
