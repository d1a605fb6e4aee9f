package net.rudp.demo.group;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import net.rudp.api.MessageFraming;

/**
 * What group members say to each other, one {@link MessageFraming} message each, as a line of
 * text (a letter, then numbers) so a capture reads like a transcript:
 * <pre>
 *   H 3 20,18,0,5,7   hello from member 3, which has 20 of member 1's messages, 18 of 2's...
 *   W 2 20,19,0,5,7   welcome from master 2, which has so many of each member's messages
 *   N                 not the master (yet): try again in a moment
 *   P 3 6             a published message: member 3's sixth
 *   A 1 21            acknowledged: the sender has delivered member 1's messages up to 21
 *   C 6               confirmed: the master knows every member has your messages up to 6
 * </pre>
 * The "have" vectors are indexed by member id from 1; ids and sequence numbers start at 1.
 */
sealed interface GroupMessage {
    /** Member ids run from 1 to this; a group's messages name no other. */
    int MAX_MEMBERS = 64;

    record Hello(int member, long[] have) implements GroupMessage {}

    record Welcome(int master, long[] have) implements GroupMessage {}

    record NotMaster() implements GroupMessage {}

    record Publish(int origin, long seq) implements GroupMessage {}

    record Ack(int origin, long seq) implements GroupMessage {}

    record Confirm(long seq) implements GroupMessage {}

    /** The message as its line of text. */
    static String encode(GroupMessage m) {
        return switch (m) {
            case Hello h -> "H " + h.member() + " " + vector(h.have());
            case Welcome w -> "W " + w.master() + " " + vector(w.have());
            case NotMaster n -> "N";
            case Publish p -> "P " + p.origin() + " " + p.seq();
            case Ack a -> "A " + a.origin() + " " + a.seq();
            case Confirm c -> "C " + c.seq();
        };
    }

    /**
     * Reads a line of a group of {@code members}.
     *
     * @throws ProtocolException naming the rule the line breaks
     */
    static GroupMessage decode(String line, int members) throws ProtocolException {
        String[] f = line.split(" ");
        try {
            GroupMessage m = switch (f[0]) {
                case "H" -> new Hello(id(f[1], members), have(f[2], members));
                case "W" -> new Welcome(id(f[1], members), have(f[2], members));
                case "N" -> new NotMaster();
                case "P" -> new Publish(id(f[1], members), seq(f[2]));
                case "A" -> new Ack(id(f[1], members), seq(f[2]));
                case "C" -> new Confirm(seq(f[1]));
                default -> throw new ProtocolException("a group message starts with H, W, N, P, A or C: '" + line + "'");
            };
            if (f.length != fields(m)) {
                throw new ProtocolException("a group '" + f[0] + "' message has " + fields(m) + " fields: '" + line + "'");
            }
            return m;
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new ProtocolException("a malformed group message: '" + line + "' (" + e.getMessage() + ")");
        }
    }

    static void write(OutputStream out, GroupMessage m) throws IOException {
        MessageFraming.writeMessage(out, encode(m).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next message, or null at the end of the stream. */
    static GroupMessage read(InputStream in, int members) throws IOException {
        byte[] framed = MessageFraming.readMessage(in, 32 + 21 * MAX_MEMBERS);
        return framed == null ? null : decode(new String(framed, StandardCharsets.UTF_8), members);
    }

    private static int fields(GroupMessage m) {
        return switch (m) {
            case NotMaster n -> 1;
            case Confirm c -> 2;
            default -> 3;
        };
    }

    private static String vector(long[] have) {
        return Arrays.stream(have).mapToObj(Long::toString).collect(Collectors.joining(","));
    }

    private static long[] have(String text, int members) throws ProtocolException {
        long[] have = Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray();
        if (have.length != members || Arrays.stream(have).anyMatch(n -> n < 0)) {
            throw new ProtocolException("a have-vector has one count, 0 or more, per member (" + members + "): " + text);
        }
        return have;
    }

    private static int id(String text, int members) throws ProtocolException {
        int id = Integer.parseInt(text);
        if (id < 1 || id > members) {
            throw new ProtocolException("member ids run from 1 to " + members + ": " + id);
        }
        return id;
    }

    private static long seq(String text) throws ProtocolException {
        long seq = Long.parseLong(text);
        if (seq < 0) {
            throw new ProtocolException("sequence numbers are not negative: " + seq);
        }
        return seq;
    }
}
