package net.rudp.congestion;

/** Temporary stand-in until the controllers land (replaced by the congestion branch). */
public enum CongestionControl {
    CUBIC;

    public CongestionController create(int maxSegmentSize) {
        return new CongestionController() {
            long cwnd = 10L * maxSegmentSize;
            long ssthresh = Long.MAX_VALUE;
            long recoveryStart = Long.MIN_VALUE;
            long saved;
            public String name() { return "aimd"; }
            public long congestionWindow() { return cwnd; }
            public long slowStartThreshold() { return ssthresh; }
            public long pacingRate() { return 0; }
            public void onPacketSent(long now, int bytes, long inFlight) { }
            public void onAck(AckSample a) {
                if (a.largestAckedSentNanos() <= recoveryStart) return;
                cwnd += cwnd < ssthresh ? a.ackedBytes() : Math.max(1, (long) maxSegmentSize * a.ackedBytes() / cwnd);
            }
            public void onCongestionEvent(LossSample l) {
                if (l.largestLostSentNanos() <= recoveryStart) return;
                recoveryStart = l.nowNanos();
                saved = cwnd;
                cwnd = Math.max(2L * maxSegmentSize, cwnd / 2);
                ssthresh = cwnd;
            }
            public void onRetransmissionTimeout(long now) {
                ssthresh = Math.max(2L * maxSegmentSize, cwnd / 2);
                cwnd = maxSegmentSize;
                recoveryStart = now;
            }
            public void onSpuriousLoss(long now) { cwnd = Math.max(cwnd, saved); }
        };
    }
}
