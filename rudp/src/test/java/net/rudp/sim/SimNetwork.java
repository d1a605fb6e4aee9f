package net.rudp.sim;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import net.rudp.core.DatagramSink;
import net.rudp.impair.ImpairedLink;
import net.rudp.impair.ImpairmentProfile;
import net.rudp.impair.LinkStats;

/**
 * A deterministic, event-driven network of {@link SimNode}s with a virtual clock: nothing sleeps
 * and no wall clock is read, so a run is a function of the seed and the nodes alone.
 *
 * <p>Each ordered pair of nodes has its own {@link ImpairedLink} (created when the first datagram
 * or profile needs it), with the pair's profile or the network's default, and a seed derived from
 * the network's seed and the two nodes' places in the order they were added. The loop advances
 * the clock to the next event: a link's next delivery or a node's deadline. At that instant it
 * delivers each due link's copies (in the order links were created) and then fires each due
 * node's timeout (in the order nodes were added), flushing the node after every delivery batch or
 * timeout that touched it. Copies on a link arrive in the order the link schedules them.
 *
 * <pre>{@code
 * SimNetwork net = new SimNetwork(seed);
 * net.add(client);
 * net.add(server);
 * net.setProfiles(client.address(), server.address(), Scenario.WAN_LOSS1.profile());
 * StopReason why = net.run(() -> client.done(), TimeUnit.SECONDS.toNanos(60));
 * }</pre>
 */
public final class SimNetwork {

    /** Why a run ended. */
    public enum StopReason {
        /** The stop condition became true. */
        CONDITION_MET,
        /** Nothing can happen any more: no datagram in flight and no live node has a deadline. */
        QUIESCENT,
        /** The virtual time limit came first. */
        TIME_LIMIT
    }

    /**
     * Events at one virtual instant beyond which the run is a livelock: a node whose deadline stays
     * at or before now after {@code timeout}, or nodes answering each other over links without delay.
     */
    static final int MAX_EVENTS_AT_ONE_INSTANT = 100_000;

    private final long seed;
    private long now;
    private ImpairmentProfile defaultProfile = ImpairmentProfile.NONE;
    private final Map<InetSocketAddress, Host> hostsByAddress = new HashMap<>();
    private final List<Host> hosts = new ArrayList<>();
    private final List<Wire> wires = new ArrayList<>();
    private final Sink sink = new Sink();
    private SimTrace trace;
    private StopReason lastStopReason;
    private long timeouts;
    private long unroutable;
    private long droppedAtCrashed;
    private long droppedTooBig;

    /** A network whose clock starts at 0. */
    public SimNetwork(long seed) {
        this(seed, 0);
    }

    /** A network whose clock starts at {@code startNanos} (to test clock wrap-around in the nodes, say). */
    public SimNetwork(long seed, long startNanos) {
        this.seed = seed;
        this.now = startNanos;
    }

    /** Adds a node; its address must be new. */
    public SimNetwork add(SimNode node) {
        InetSocketAddress address = Objects.requireNonNull(node.address(), "node address");
        if (hostsByAddress.containsKey(address)) {
            throw new IllegalArgumentException("a node already has address " + address);
        }
        Host h = new Host(node, hosts.size());
        hosts.add(h);
        hostsByAddress.put(address, h);
        return this;
    }

    /** The profile of every link not given its own with {@link #setProfile}, including links that exist already. */
    public void setDefaultProfile(ImpairmentProfile profile) {
        defaultProfile = Objects.requireNonNull(profile);
        for (Wire w : wires) {
            if (!w.ownProfile) w.link.setProfile(profile);
        }
    }

    /** The profile of the link from {@code from} to {@code to}, from now on (copies in flight keep their fate). */
    public void setProfile(InetSocketAddress from, InetSocketAddress to, ImpairmentProfile profile) {
        Wire w = wire(host(from), host(to));
        w.link.setProfile(Objects.requireNonNull(profile));
        w.ownProfile = true;
    }

    /** The same profile in both directions between {@code a} and {@code b} (with independent randomness). */
    public void setProfiles(InetSocketAddress a, InetSocketAddress b, ImpairmentProfile profile) {
        setProfile(a, b, profile);
        setProfile(b, a, profile);
    }

    /**
     * The largest datagram (UDP payload) the link from {@code from} to {@code to} carries from now
     * on; a larger one is dropped silently, as a router drops a Don't Fragment packet whose ICMP
     * error never arrives. {@code Integer.MAX_VALUE}: no limit, the default.
     */
    public void setMtu(InetSocketAddress from, InetSocketAddress to, int maxDatagram) {
        wire(host(from), host(to)).mtu = maxDatagram;
    }

    /** The same MTU in both directions between {@code a} and {@code b}. */
    public void setMtus(InetSocketAddress a, InetSocketAddress b, int maxDatagram) {
        setMtu(a, b, maxDatagram);
        setMtu(b, a, maxDatagram);
    }

    /** Datagrams dropped so far for being larger than their link's MTU. */
    public long droppedTooBig() {
        return droppedTooBig;
    }

    /** The node at {@code address} stops receiving, sending and timing out from {@code atNanos} on. */
    public void crash(InetSocketAddress address, long atNanos) {
        host(address).crashAtNanos = atNanos;
    }

    /** The node at {@code address} stops now. */
    public void crash(InetSocketAddress address) {
        crash(address, now);
    }

    public boolean isCrashed(InetSocketAddress address) {
        return !host(address).aliveAt(now);
    }

    /** Reports every datagram event to {@code trace}; {@code null} for none. */
    public void setTrace(SimTrace trace) {
        this.trace = trace;
    }

    /** The virtual clock. */
    public long now() {
        return now;
    }

    /** Why the last run ended; {@code null} before the first. */
    public StopReason lastStopReason() {
        return lastStopReason;
    }

    /**
     * Runs until {@code stopWhen} is true (checked before every event), nothing can happen any
     * more (the clock stays where the last event was), or the clock would pass {@code now() +
     * forNanos} (it stops there). Every live node is flushed first, so work a test gave the nodes
     * between runs goes out.
     *
     * @throws IllegalStateException when {@link #MAX_EVENTS_AT_ONE_INSTANT} events happen without the clock moving
     */
    public StopReason run(BooleanSupplier stopWhen, long forNanos) {
        if (forNanos < 0) throw new IllegalArgumentException("a run cannot go back in time: forNanos=" + forNanos);
        long limit = forNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + forNanos;
        for (Host h : hosts) flush(h);
        int eventsAtThisInstant = 0;
        while (true) {
            if (stopWhen.getAsBoolean()) return stopped(StopReason.CONDITION_MET);
            long next = nextEventNanos();
            if (next == Long.MAX_VALUE) return stopped(StopReason.QUIESCENT);
            if (next > limit) {
                now = limit;
                return stopped(StopReason.TIME_LIMIT);
            }
            if (next > now) {
                now = next;
                eventsAtThisInstant = 0;
            } else if (++eventsAtThisInstant > MAX_EVENTS_AT_ONE_INSTANT) {
                throw new IllegalStateException("virtual time stuck at " + now + " ns: " + MAX_EVENTS_AT_ONE_INSTANT
                    + " events without the clock moving (a node's nextDeadline() stays <= now after timeout(),"
                    + " or nodes answer each other over links without delay); nodes due now: " + nodesDueNow());
            }
            handleEventsDueNow();
        }
    }

    /** Runs until nothing can happen any more, for at most {@code maxNanos}. */
    public StopReason runUntilQuiescent(long maxNanos) {
        return run(() -> false, maxNanos);
    }

    /** Runs for exactly {@code nanos} of virtual time: the clock ends at {@code now() + nanos} however the run ends. */
    public StopReason runFor(long nanos) {
        long end = now + nanos;
        StopReason why = run(() -> false, nanos);
        now = end;
        return why;
    }

    /** The counters of all links, and the network's own. */
    public SimStats stats() {
        LinkStats total = LinkStats.ZERO;
        for (Wire w : wires) total = total.plus(w.link.stats());
        return new SimStats(total, timeouts, unroutable, droppedAtCrashed);
    }

    /** The counters of the link from {@code from} to {@code to}; zero if it never carried anything. */
    public LinkStats linkStats(InetSocketAddress from, InetSocketAddress to) {
        Wire w = host(from).wireTo(host(to));
        return w == null ? LinkStats.ZERO : w.link.stats();
    }

    private StopReason stopped(StopReason why) {
        lastStopReason = why;
        return why;
    }

    private long nextEventNanos() {
        long next = Long.MAX_VALUE;
        for (Wire w : wires) next = Math.min(next, w.link.nextDeliveryNanos());
        for (Host h : hosts) {
            long deadline = h.node.nextDeadline();
            // A deadline already past fires now; a node crashed by then never fires again.
            if (deadline < next && h.aliveAt(Math.max(deadline, now))) next = deadline;
        }
        return next;
    }

    private void handleEventsDueNow() {
        for (int i = 0; i < wires.size(); i++) {
            Wire w = wires.get(i);
            if (w.link.nextDeliveryNanos() <= now) {
                w.link.poll(now, w);
                flush(w.to);
            }
        }
        for (Host h : hosts) {
            if (h.aliveAt(now) && h.node.nextDeadline() <= now) {
                timeouts++;
                h.node.timeout(now);
                flush(h);
            }
        }
    }

    private List<InetSocketAddress> nodesDueNow() {
        return hosts.stream().filter(h -> h.aliveAt(now) && h.node.nextDeadline() <= now).map(h -> h.address).toList();
    }

    private void flush(Host h) {
        if (!h.aliveAt(now)) return;
        sink.sender = h;
        h.node.flush(now, sink);
    }

    private Host host(InetSocketAddress address) {
        Host h = hostsByAddress.get(address);
        if (h == null) throw new IllegalArgumentException("no node at " + address);
        return h;
    }

    private Wire wire(Host from, Host to) {
        Wire w = from.wireTo(to);
        if (w == null) {
            w = new Wire(from, to, new ImpairedLink(defaultProfile, linkSeed(from.index, to.index)));
            wires.add(w);
            if (from.wires.length <= to.index) from.wires = Arrays.copyOf(from.wires, hosts.size());
            from.wires[to.index] = w;
        }
        return w;
    }

    private long linkSeed(int fromIndex, int toIndex) {
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (((long) fromIndex << 32) + toIndex + 1)).nextLong();
    }

    private void trace(SimEvent event, Host from, InetSocketAddress to, ByteBuffer datagram) {
        if (trace == null) return;
        int position = datagram.position();
        int limit = datagram.limit();
        trace.event(now, event, from.address, to, datagram);
        datagram.limit(limit).position(position);
    }

    private static SimEvent sent(ImpairedLink.Fate fate) {
        return switch (fate) {
            case FORWARDED -> SimEvent.SENT;
            case DUPLICATED -> SimEvent.DUPLICATED;
            case LOST -> SimEvent.LOST;
            case QUEUE_FULL -> SimEvent.QUEUE_FULL;
        };
    }

    /** A node and its place on the network. */
    private static final class Host {
        final SimNode node;
        final InetSocketAddress address;
        final int index;
        long crashAtNanos = Long.MAX_VALUE;
        /** Outgoing links by the destination's index; null where none was needed yet. */
        Wire[] wires = new Wire[0];

        Host(SimNode node, int index) {
            this.node = node;
            this.address = node.address();
            this.index = index;
        }

        boolean aliveAt(long nanos) {
            return nanos < crashAtNanos;
        }

        Wire wireTo(Host to) {
            return to.index < wires.length ? wires[to.index] : null;
        }
    }

    /** The link from one node to another; hands the copies it delivers to the destination node. */
    private final class Wire implements ImpairedLink.Receiver {
        final Host from;
        final Host to;
        final ImpairedLink link;
        boolean ownProfile;
        int mtu = Integer.MAX_VALUE;

        Wire(Host from, Host to, ImpairedLink link) {
            this.from = from;
            this.to = to;
            this.link = link;
        }

        @Override
        public void accept(ByteBuffer datagram, long tag) {
            if (!to.aliveAt(now)) {
                droppedAtCrashed++;
                trace(SimEvent.DROPPED_CRASHED, from, to.address, datagram);
                return;
            }
            trace(SimEvent.DELIVERED, from, to.address, datagram);
            to.node.receive(from.address, datagram, now);
        }
    }

    /** Where the node being flushed sends: onto the link towards the destination. */
    private final class Sink implements DatagramSink {
        Host sender;

        @Override
        public void send(InetSocketAddress to, ByteBuffer datagram) {
            Host destination = hostsByAddress.get(to);
            if (destination == null) {
                unroutable++;
                trace(SimEvent.UNROUTABLE, sender, to, datagram);
                return;
            }
            Wire w = wire(sender, destination);
            if (datagram.remaining() > w.mtu) {
                droppedTooBig++;
                trace(SimEvent.TOO_BIG, sender, to, datagram);
                return;
            }
            ImpairedLink.Fate fate = w.link.offer(now, datagram);
            trace(sent(fate), sender, to, datagram);
        }
    }
}
