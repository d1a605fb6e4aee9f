package net.rudp.attack;

import java.util.function.Predicate;

/**
 * Times how long the server takes to work through a batch of datagrams, from outside: the
 * endpoint handles datagrams one at a time in arrival order, so a probe sent right after the
 * batch is answered only once the whole batch has been handled. Batches are kept small enough
 * for the server's socket buffer, so none of them is lost before the server sees it.
 */
final class BatchTimer {
    private BatchTimer() {}

    /**
     * Sends the batch, then {@code probe}, and waits for the datagram {@code isAnswer} accepts.
     * Everything else that arrives meanwhile is discarded.
     *
     * @return nanoseconds from the first datagram of the batch to the answer; -1 if no answer came in {@code timeoutMillis}
     */
    static long time(AttackSocket socket, Runnable sendBatch, Runnable sendProbe, Predicate<byte[]> isAnswer, long timeoutMillis) {
        long start = System.nanoTime();
        sendBatch.run();
        sendProbe.run();
        long deadline = start + timeoutMillis * 1_000_000;
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            byte[] d = socket.receive(Math.max(1, left / 1_000_000));
            if (d != null && d.length >= Wire.MIN && isAnswer.test(d)) return System.nanoTime() - start;
        }
        return -1;
    }
}
