package net.rudp.demo.ping;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.rudp.demo.tools.LatencyStats;

/**
 * Pings over one connection to an echo server, as ping does over ICMP: a request every
 * {@code interval} whether or not the last reply came back, a reader that matches the replies as
 * they come. A reply later than {@code timeout} counts as lost: over a reliable stream nothing
 * is lost for good, so what ping would call loss shows up as replies held back (retransmitted,
 * or queued behind one that was) past the time anybody waits for them.
 */
final class Pinger {

    /**
     * @param size     bytes per request (and per reply)
     * @param interval time between requests
     * @param count    requests to send; 0: until stopped or the deadline
     * @param timeout  how long a reply may take to count as received
     * @param deadline when to stop whatever happens, from the first request (empty: none)
     */
    record Settings(int size, Duration interval, long count, Duration timeout, Optional<Duration> deadline) {}

    /** A reply as it came back: the request's number, its round trip, and whether it came too late to count. */
    record Reply(long seq, long rttNanos, boolean late) {}

    private final Socket conn;
    private final Settings settings;
    private final Consumer<Reply> onReply;
    /** Guards the tallies below; signalled when a reply comes, the connection fails or {@link #stop()} is called. */
    private final Object lock = new Object();
    private final Map<Long, Long> sentAt = new HashMap<>();
    private long[] roundTrips = new long[64];
    private long transmitted;
    private long received;
    private long late;
    private boolean stopped;
    private String failure;

    Pinger(Socket conn, Settings settings, Consumer<Reply> onReply) {
        this.conn = conn;
        this.settings = settings;
        this.onReply = onReply;
    }

    /** Sends, reads and waits as the settings say (or until {@link #stop()}); then what it adds up to. */
    PingSummary run() throws IOException {
        Thread reader = Thread.ofPlatform().daemon().name("ping-replies").start(this::readReplies);
        long start = System.nanoTime();
        long end = settings.deadline().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
        long lastSent = start;
        OutputStream out = conn.getOutputStream();
        for (long seq = 1; settings.count() == 0 || seq <= settings.count(); seq++) {
            long due = start + (seq - 1) * settings.interval().toNanos();
            if (!waitUntil(Math.min(due, end), false) || System.nanoTime() >= end) {
                break;
            }
            lastSent = System.nanoTime();
            synchronized (lock) {
                sentAt.put(seq, lastSent); // before the write: the reply may come before write() returns
                transmitted++;
            }
            out.write(PingProbe.encode(seq, settings.size()));
            out.flush();
        }
        waitUntil(Math.min(end, lastSent + settings.timeout().toNanos()), true);
        long elapsed = System.nanoTime() - start;
        stop();
        reader.interrupt();
        return summary(elapsed);
    }

    /** Ends the run now (Ctrl-C): {@link #run()} returns what it has. Any thread may call it. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
        }
    }

    /** Why the connection ended while pinging, if it did. */
    Optional<String> failure() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    /**
     * Waits until {@code until} (System.nanoTime) or, with {@code untilAnswered}, until every request has
     * its reply; false if the run was stopped or the connection failed first.
     */
    private boolean waitUntil(long until, boolean untilAnswered) {
        synchronized (lock) {
            for (long now = System.nanoTime(); now < until && !(untilAnswered && sentAt.isEmpty()); now = System.nanoTime()) {
                if (stopped || failure != null) {
                    return false;
                }
                long wait = until - now;
                try {
                    lock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
            return !stopped && failure == null;
        }
    }

    private void readReplies() {
        try {
            InputStream in = conn.getInputStream();
            for (long expected = 1; ; expected++) {
                byte[] reply = in.readNBytes(settings.size());
                if (reply.length < settings.size()) {
                    throw new IOException("the echo server closed the connection");
                }
                long now = System.nanoTime();
                if (!PingProbe.answers(reply, expected)) {
                    throw new IOException("reply " + expected + " differs from its request: is the peer an echo server?");
                }
                record(expected, now);
            }
        } catch (IOException e) {
            synchronized (lock) {
                if (!stopped) {
                    failure = e.getMessage();
                }
                lock.notifyAll();
            }
        }
    }

    /** Counts the reply and shows it, under the lock: no reply line can follow the summary. */
    private void record(long seq, long now) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            long rtt = now - sentAt.remove(seq);
            boolean tooLate = rtt > settings.timeout().toNanos();
            if (tooLate) {
                late++;
            } else {
                if (received == roundTrips.length) {
                    roundTrips = Arrays.copyOf(roundTrips, roundTrips.length * 2);
                }
                roundTrips[(int) received++] = rtt;
            }
            onReply.accept(new Reply(seq, rtt, tooLate));
            lock.notifyAll();
        }
    }

    private PingSummary summary(long elapsed) {
        synchronized (lock) {
            long[] rtts = Arrays.copyOf(roundTrips, (int) received);
            return new PingSummary(transmitted, received, late, elapsed,
                rtts.length == 0 ? Optional.empty() : Optional.of(LatencyStats.of(rtts)));
        }
    }
}
