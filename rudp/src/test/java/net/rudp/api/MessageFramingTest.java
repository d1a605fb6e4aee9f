package net.rudp.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.rudp.testkit.Property;
import org.junit.jupiter.api.Test;

class MessageFramingTest {

    @Test
    void messagesComeBackAsWrittenWhateverTheReadSizes() {
        Property.of("read(write(messages)) == messages, through reads of any size", r -> {
            List<byte[]> messages = new ArrayList<>();
            int count = r.nextInt(0, 6);
            for (int i = 0; i < count; i++) {
                byte[] m = new byte[r.nextInt(4) == 0 ? r.nextInt(65_530, 65_545) : r.nextInt(0, 300)];
                r.nextBytes(m);
                messages.add(m);
            }
            return new Case(messages, r.nextInt(1, 9));
        }).tries(200).shrinkWith(Case::simpler).check(c -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] m : c.messages()) MessageFraming.writeMessage(out, m);
            InputStream in = new TrickleInputStream(out.toByteArray(), c.maxRead());
            for (byte[] m : c.messages()) assertArrayEquals(m, MessageFraming.readMessage(in));
            assertNull(MessageFraming.readMessage(in));
        });
    }

    record Case(List<byte[]> messages, int maxRead) {
        /** The case without one of its messages. */
        List<Case> simpler() {
            List<Case> fewer = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                List<byte[]> rest = new ArrayList<>(messages);
                rest.remove(i);
                fewer.add(new Case(rest, maxRead));
            }
            return fewer;
        }

        @Override
        public String toString() {
            return "Case[sizes=" + messages.stream().map(m -> m.length).toList() + ", maxRead=" + maxRead + "]";
        }
    }

    @Test
    void theWireFormatIsABigEndianLengthThenTheBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageFraming.writeMessage(out, new byte[] {9, 8, 7, 6, 5}, 1, 3);
        assertArrayEquals(new byte[] {0, 0, 0, 3, 8, 7, 6}, out.toByteArray());
    }

    @Test
    void endOfStreamInsideAMessageIsAnError() {
        byte[] framed = {0, 0, 0, 5, 1, 2, 3};
        EOFException body = assertThrows(EOFException.class, () -> MessageFraming.readMessage(new ByteArrayInputStream(framed)));
        assertEquals("stream ended inside a message: 3 of 5 bytes", body.getMessage());
        EOFException prefix = assertThrows(EOFException.class,
            () -> MessageFraming.readMessage(new ByteArrayInputStream(Arrays.copyOf(framed, 2))));
        assertTrue(prefix.getMessage().contains("length prefix"), prefix.getMessage());
    }

    @Test
    void aLengthAboveTheMaximumIsRefusedBeforeAllocating() {
        ProtocolException tooLong = assertThrows(ProtocolException.class,
            () -> MessageFraming.readMessage(new ByteArrayInputStream(new byte[] {0, 0, 4, 1}), 1024));
        assertEquals("message length 1025 exceeds the maximum of 1024 bytes", tooLong.getMessage());
        // A length with the top bit set is not negative: it is just above any maximum.
        ProtocolException huge = assertThrows(ProtocolException.class,
            () -> MessageFraming.readMessage(new ByteArrayInputStream(new byte[] {(byte) 0xff, 0, 0, 0})));
        assertEquals("message length 4278190080 exceeds the maximum of 16777216 bytes", huge.getMessage());
    }

    /** Returns at most {@code maxRead} bytes per read, as a network stream may. */
    private static final class TrickleInputStream extends InputStream {
        private final ByteArrayInputStream bytes;
        private final int maxRead;

        TrickleInputStream(byte[] bytes, int maxRead) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.maxRead = maxRead;
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, Math.min(len, maxRead));
        }
    }
}
