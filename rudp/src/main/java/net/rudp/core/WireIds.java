package net.rudp.core;

/**
 * How the connection is named on the wire (spec 4, 5): both connection ids and both sequence
 * spaces. Ours are chosen when the connection is created; the peer's are learned in the handshake.
 */
final class WireIds {
    private final int localId;
    private final SequenceSpace ours;
    private int remoteId;
    private SequenceSpace peers = new SequenceSpace(0);

    WireIds(int localId, int isn) {
        this.localId = localId;
        this.ours = new SequenceSpace(isn);
    }

    /** The peer's SYN or SYN_ACK named its connection id and its ISN. */
    void learnPeer(int peerConnId, int peerIsn) {
        remoteId = peerConnId;
        peers = new SequenceSpace(peerIsn);
    }

    int localId() {
        return localId;
    }

    /** The peer's connection id; 0 until learned. */
    int remoteId() {
        return remoteId;
    }

    /** Our sequence space: what we send. */
    SequenceSpace ours() {
        return ours;
    }

    /** The peer's sequence space: what we receive. */
    SequenceSpace peers() {
        return peers;
    }
}
