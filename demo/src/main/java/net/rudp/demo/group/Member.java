package net.rudp.demo.group;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import net.rudp.demo.group.GroupMessage.Ack;
import net.rudp.demo.group.GroupMessage.Confirm;
import net.rudp.demo.group.GroupMessage.Hello;
import net.rudp.demo.group.GroupMessage.NotMaster;
import net.rudp.demo.group.GroupMessage.Publish;
import net.rudp.demo.group.GroupMessage.Welcome;
import net.rudp.demo.transport.Transport;

/**
 * One member of the group: it publishes numbered messages and delivers everyone's, in order,
 * through the master, the lowest-numbered live member. A follower sends its messages to the
 * master, which relays each to every other member; when the master's connection fails (rudp's
 * keepalive gets no answer and the idle timeout ends it, or the peer resets it), each follower
 * calls the members in id order, lowest first, skipping those it found dead: the first that
 * answers as master is followed, and a member that finds every lower id dead becomes the master
 * itself. No coordinator, only the member list every member is given.
 *
 * <p>Nothing is lost or delivered twice across a failover: a follower's hello says how many of
 * each member's messages it has, and the master replays what it lacks; the master's welcome says
 * the same the other way, and the follower sends again its own messages the master lacks (it
 * keeps them until the master confirms that every member has them); receivers drop what they
 * have already ({@link GroupLog}). All state is guarded by one lock; messages are tiny, so the
 * writes made under it do not block.
 */
final class Member {
    /**
     * @param id             this member's id, from 1
     * @param peers          every member's address, member 1 first
     * @param messages       how many messages this member publishes
     * @param interval       time between them
     * @param connectTimeout how long a call to a member may take before it counts as dead
     */
    record Settings(int id, List<InetSocketAddress> peers, int messages, Duration interval, Duration connectTimeout) {
        int members() {
            return peers.size();
        }
    }

    /** Gives up finding a master after this long. */
    private static final Duration ELECTION_LIMIT = Duration.ofSeconds(30);
    /** Pause before calling again a member that is alive but not master yet. */
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final Settings settings;
    private final Transport transport;
    private final MemberOutput out;
    private final Object lock = new Object();
    private final GroupLog log;
    private final Confirmations confirmations;
    private final boolean[] dead;
    private final Map<Integer, Socket> followers = new HashMap<>();
    private ServerSocket listener;
    private boolean master;
    private int masterId;
    private Socket masterLink;
    private boolean complete;

    Member(Settings settings, Transport transport, MemberOutput out) {
        this.settings = settings;
        this.transport = transport;
        this.out = out;
        this.log = new GroupLog(settings.id(), settings.members());
        this.confirmations = new Confirmations(settings.members(), settings.id());
        this.dead = new boolean[settings.members()];
    }

    /** Listens on this member's address and answers calls (as master, or "not master") from now on. */
    void listen() throws IOException {
        listener = transport.listen(settings.peers().get(settings.id() - 1), 4 * settings.members());
        Thread.ofPlatform().daemon().name("member-accept").start(this::accept);
    }

    /** Starts publishing, and following or leading, on threads of their own. */
    void start() {
        Thread.ofPlatform().daemon().name("member-publish").start(this::publishAll);
        Thread.ofPlatform().daemon().name("member-follow").start(this::followMasters);
    }

    private void publishAll() {
        long start = System.nanoTime();
        for (int k = 1; k <= settings.messages(); k++) {
            LockSupport.parkNanos(start + k * settings.interval().toNanos() - System.nanoTime());
            synchronized (lock) {
                Publish p = log.publish();
                if (master) {
                    relay(p);
                } else if (masterLink != null) {
                    send(masterLink, p); // a failed write: the follower's reader finds the master gone
                }
            }
        }
    }

    /** Follows the master until it fails, then finds the next one; until this member is the master. */
    private void followMasters() {
        while (true) {
            Socket link = elect();
            if (link == null) {
                return; // the master now: the accept thread serves the followers
            }
            follow(link);
        }
    }

    /** Calls the members in id order until one welcomes this one as follower (returned), or this one is master (null). */
    private Socket elect() {
        long deadline = System.nanoTime() + ELECTION_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (int candidate = 1; candidate <= settings.members(); candidate++) {
                if (isDead(candidate)) {
                    continue;
                }
                if (candidate == settings.id()) {
                    becomeMaster();
                    return null;
                }
                Call call = call(candidate);
                if (call.welcomed() != null) {
                    return call.welcomed();
                }
                if (call.alive()) {
                    break; // a lower member is alive but not master yet: it will be; ask again in a moment
                }
            }
            LockSupport.parkNanos(RETRY_PAUSE.toNanos());
        }
        out.event("failed", "reason", "no master found within " + ELECTION_LIMIT.toSeconds() + " s");
        throw new IllegalStateException("member " + settings.id() + " found no master");
    }

    /** How a call went: welcomed as a follower on this connection, or alive but not master, or dead. */
    private record Call(Socket welcomed, boolean alive) {}

    private Call call(int candidate) {
        Socket conn;
        try {
            conn = transport.connect(settings.peers().get(candidate - 1), settings.connectTimeout());
        } catch (IOException e) {
            markDead(candidate, "unreachable: " + e.getMessage());
            return new Call(null, false);
        }
        try {
            synchronized (lock) {
                GroupMessage.write(conn.getOutputStream(), new Hello(settings.id(), log.have()));
            }
            GroupMessage reply = GroupMessage.read(conn.getInputStream(), settings.members());
            if (reply instanceof Welcome w && w.master() == candidate) {
                welcomed(candidate, conn, w);
                return new Call(conn, true);
            }
            closeInBackground(conn);
            return new Call(null, reply instanceof NotMaster);
        } catch (IOException e) {
            closeInBackground(conn);
            markDead(candidate, "no answer: " + e.getMessage());
            return new Call(null, false);
        }
    }

    /** Follows {@code master}: sends again what it lacks of this member's messages, then publishes to it. */
    private void welcomed(int master, Socket conn, Welcome welcome) {
        synchronized (lock) {
            masterId = master;
            masterLink = conn;
            List<Publish> again = log.unconfirmedAfter(welcome.have()[settings.id() - 1]);
            again.forEach(p -> send(conn, p));
            out.event("following", "master", master, "resent", again.size());
        }
    }

    /** Delivers what the master relays and acknowledges it, until the connection fails. */
    private void follow(Socket link) {
        try {
            for (GroupMessage m; (m = GroupMessage.read(link.getInputStream(), settings.members())) != null; ) {
                synchronized (lock) {
                    switch (m) {
                        case Publish p -> {
                            deliver(p, masterId);
                            send(link, new Ack(p.origin(), log.has(p.origin())));
                        }
                        case Confirm c -> log.confirm(c.seq());
                        default -> throw new java.net.ProtocolException("a master sends P and C messages, not " + GroupMessage.encode(m));
                    }
                }
            }
            throw new IOException("the master closed the connection");
        } catch (IOException e) {
            synchronized (lock) {
                masterLink = null;
                // Not marked dead yet: the election calls it first, and a master that only went quiet
                // for a while (a long pause) welcomes this member back; a dead one's port refuses.
                out.event("lost-master", "master", masterId, "reason", String.valueOf(e.getMessage()));
            }
            closeInBackground(link);
        }
    }

    private void becomeMaster() {
        synchronized (lock) {
            master = true;
            masterId = settings.id();
            out.event("master", "unconfirmed", log.unconfirmed());
            advance(settings.id());
        }
    }

    private void accept() {
        while (true) {
            Socket conn;
            try {
                conn = transport.accept(listener);
            } catch (IOException e) {
                out.event("failed", "reason", "cannot accept calls: " + e.getMessage());
                return;
            }
            Thread.ofVirtual().name("member-call").start(() -> answer(conn));
        }
    }

    /** Answers a call: "not master", or (as master) a welcome, what the caller lacks, and then its messages. */
    private void answer(Socket conn) {
        int follower;
        try {
            if (!(GroupMessage.read(conn.getInputStream(), settings.members()) instanceof Hello hello)) {
                throw new java.net.ProtocolException("a call starts with a hello");
            }
            follower = hello.member();
            synchronized (lock) {
                if (!master) {
                    send(conn, new NotMaster());
                    closeInBackground(conn);
                    return;
                }
                join(follower, conn, hello.have());
            }
        } catch (IOException e) {
            closeInBackground(conn);
            return;
        }
        serve(follower, conn);
    }

    private void join(int follower, Socket conn, long[] has) {
        Socket previous = followers.put(follower, conn);
        if (previous != null) {
            closeInBackground(previous);
        }
        confirmations.join(follower, has);
        send(conn, new Welcome(settings.id(), log.have()));
        log.missingAt(follower, has).forEach(p -> send(conn, p));
        long confirmed = confirmations.confirmed(follower);
        if (confirmed > 0) {
            send(conn, new Confirm(confirmed));
        }
        out.event("joined", "member", follower);
    }

    /** The master's side of a follower: its messages to relay, its acknowledgements, until it goes. */
    private void serve(int follower, Socket conn) {
        try {
            for (GroupMessage m; (m = GroupMessage.read(conn.getInputStream(), settings.members())) != null; ) {
                synchronized (lock) {
                    switch (m) {
                        case Publish p when p.origin() == follower -> relay(p);
                        case Ack a -> {
                            confirmations.ack(follower, a.origin(), a.seq());
                            advance(a.origin());
                        }
                        default -> throw new java.net.ProtocolException("member " + follower
                            + " may send its own messages (P " + follower + " ...) and acknowledgements, not " + GroupMessage.encode(m));
                    }
                }
            }
            throw new IOException("it closed the connection");
        } catch (IOException e) {
            synchronized (lock) {
                if (followers.remove(follower, conn)) {
                    // What it acknowledged still counts (Confirmations): it may come back, or become the master.
                    out.event("left", "member", follower, "reason", String.valueOf(e.getMessage()));
                }
            }
            closeInBackground(conn);
        }
    }

    /** As master: delivers {@code p} (unless it is this member's own, delivered when published) and passes it on. */
    private void relay(Publish p) {
        if (p.origin() != settings.id() && !deliver(p, settings.id())) {
            advance(p.origin()); // a message sent again after a failover: confirm it once more
            return;
        }
        followers.forEach((id, conn) -> {
            if (id != p.origin()) {
                send(conn, p);
            }
        });
        advance(p.origin());
    }

    /** Delivers {@code p}, printing it; false if it was a duplicate (dropped). */
    private boolean deliver(Publish p, int via) {
        switch (log.deliver(p)) {
            case DELIVERED -> {
                out.received(p, via);
                checkComplete();
                return true;
            }
            case DUPLICATE -> {
                return false;
            }
            case GAP -> {
                out.event("gap", "origin", p.origin(), "seq", p.seq(), "had", log.has(p.origin()));
                return false;
            }
        }
        throw new AssertionError("every delivery is covered above");
    }

    /** Confirms {@code origin}'s messages as far as every member now has them. */
    private void advance(int origin) {
        OptionalLong stable = confirmations.advance(origin, log.has(origin));
        if (stable.isEmpty()) {
            return;
        }
        if (origin == settings.id()) {
            log.confirm(stable.getAsLong());
        } else if (followers.containsKey(origin)) {
            send(followers.get(origin), new Confirm(stable.getAsLong()));
        }
    }

    private boolean isDead(int member) {
        synchronized (lock) {
            return dead[member - 1];
        }
    }

    private void markDead(int member, String why) {
        synchronized (lock) {
            if (!dead[member - 1]) {
                dead[member - 1] = true;
                out.event("dead", "member", member, "reason", String.valueOf(why));
                checkComplete();
            }
        }
    }

    /** Says so once this member has every message of every member it has not found dead. */
    private void checkComplete() {
        if (complete) {
            return;
        }
        for (int origin = 1; origin <= settings.members(); origin++) {
            if (origin != settings.id() && !dead[origin - 1] && log.has(origin) < settings.messages()) {
                return;
            }
        }
        complete = true;
        out.event("complete", "duplicates", log.duplicates());
    }

    /** Writes {@code m}; a failure is found by whoever reads that connection. */
    private static void send(Socket conn, GroupMessage m) {
        try {
            GroupMessage.write(conn.getOutputStream(), m);
        } catch (IOException e) {
            // the connection's reader sees it fail and handles it
        }
    }

    /** Closes off the caller's thread: closing a rudp connection may wait for its peer to acknowledge. */
    private static void closeInBackground(Socket conn) {
        Thread.ofVirtual().start(() -> {
            try {
                conn.close();
            } catch (IOException e) {
                // it is gone either way
            }
        });
    }
}
