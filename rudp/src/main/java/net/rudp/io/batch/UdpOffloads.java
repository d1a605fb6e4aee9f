package net.rudp.io.batch;

/**
 * Which of the kernel's batching features a socket uses (or the kernel offers, for the probe the
 * fast path runs once at start).
 *
 * @param segmentation  UDP GSO: a run of same-size datagrams to one peer leaves in one send ({@code UDP_SEGMENT})
 * @param receiveTrains UDP GRO: datagrams from one source arrive coalesced, split by the socket ({@code UDP_GRO})
 * @param multiMessage  {@code sendmmsg}/{@code recvmmsg}: many messages per system call
 * @param errorQueue    {@code IP_RECVERR}: ICMP errors name the destination they are about ({@link DeliveryError})
 */
public record UdpOffloads(boolean segmentation, boolean receiveTrains, boolean multiMessage, boolean errorQueue) {

    /** The plain path's: one datagram per system call, no error queue. */
    public static final UdpOffloads NONE = new UdpOffloads(false, false, false, false);

    /** E.g. "UDP GSO on, UDP GRO on, sendmmsg/recvmmsg on, IP_RECVERR on". */
    public String describe() {
        return "UDP GSO " + onOff(segmentation) + ", UDP GRO " + onOff(receiveTrains) + ", sendmmsg/recvmmsg "
            + onOff(multiMessage) + ", IP_RECVERR " + onOff(errorQueue);
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
