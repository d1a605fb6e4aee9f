package net.rudp.demo.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ProtocolException;
import java.util.List;
import java.util.OptionalLong;
import net.rudp.demo.group.GroupMessage.Publish;
import org.junit.jupiter.api.Test;

/** The group's bookkeeping without processes: delivery in order, replay, re-sending, confirmations, the wire lines. */
class GroupLogTest {

    @Test
    void messagesAreDeliveredOnceAndInOrderPerOrigin() {
        GroupLog log = new GroupLog(2, 3);
        assertEquals(GroupLog.Delivery.DELIVERED, log.deliver(new Publish(1, 1)));
        assertEquals(GroupLog.Delivery.DUPLICATE, log.deliver(new Publish(1, 1)));
        assertEquals(GroupLog.Delivery.GAP, log.deliver(new Publish(1, 3)));
        assertEquals(GroupLog.Delivery.DELIVERED, log.deliver(new Publish(1, 2)));
        assertEquals(new Publish(2, 1), log.publish());
        assertArrayEquals(new long[] {2, 1, 0}, log.have());
        assertEquals(1, log.duplicates());
    }

    @Test
    void aNewMasterReplaysWhatAFollowerLacksButItsOwn() {
        GroupLog master = new GroupLog(2, 3);
        master.deliver(new Publish(1, 1));
        master.publish();
        master.deliver(new Publish(3, 1));
        master.deliver(new Publish(1, 2));
        assertEquals(List.of(new Publish(2, 1), new Publish(1, 2)), master.missingAt(3, new long[] {1, 0, 0}));
    }

    @Test
    void aFollowerSendsAgainWhatTheMasterLacksAndForgetsWhatIsConfirmed() {
        GroupLog follower = new GroupLog(3, 3);
        for (int i = 0; i < 5; i++) {
            follower.publish();
        }
        follower.confirm(2);
        assertEquals(3, follower.unconfirmed());
        assertEquals(List.of(new Publish(3, 4), new Publish(3, 5)), follower.unconfirmedAfter(3), "the master has 3 of them");
        assertEquals(List.of(new Publish(3, 3), new Publish(3, 4), new Publish(3, 5)), follower.unconfirmedAfter(0));
    }

    @Test
    void aMessageIsConfirmedOnlyWhenTheMasterAndEveryOtherMemberHaveIt() {
        Confirmations c = new Confirmations(4, 1); // member 1 is the master
        c.join(2, new long[] {0, 0, 0, 0});
        c.join(3, new long[] {0, 0, 0, 0});
        c.ack(3, 2, 3);
        assertEquals(OptionalLong.empty(), c.advance(2, 4), "member 4 has not joined: it may become the master and must have them");
        c.join(4, new long[] {0, 2, 0, 0});
        assertEquals(OptionalLong.of(2), c.advance(2, 4), "member 4 joined with 2 of them, member 3 has 3");
        c.ack(4, 2, 4);
        assertEquals(OptionalLong.of(3), c.advance(2, 4));
        assertEquals(3, c.confirmed(2));
        assertEquals(OptionalLong.empty(), c.advance(2, 4), "nothing further until member 3 has more");
    }

    @Test
    void wireLinesRoundTripAndBrokenOnesNameTheRule() throws ProtocolException {
        for (GroupMessage m : List.of(new GroupMessage.Publish(3, 7), new GroupMessage.Ack(1, 21), new GroupMessage.Confirm(6),
            new GroupMessage.NotMaster())) {
            assertEquals(m, GroupMessage.decode(GroupMessage.encode(m), 3));
        }
        GroupMessage.Hello hello = (GroupMessage.Hello) GroupMessage.decode("H 3 20,18,0", 3);
        assertArrayEquals(new long[] {20, 18, 0}, hello.have());
        assertEquals("member ids run from 1 to 3: 4", assertThrows(ProtocolException.class,
            () -> GroupMessage.decode("P 4 1", 3)).getMessage());
        assertEquals("a have-vector has one count, 0 or more, per member (3): 1,2", assertThrows(ProtocolException.class,
            () -> GroupMessage.decode("W 1 1,2", 3)).getMessage());
        assertThrows(ProtocolException.class, () -> GroupMessage.decode("P 1 2 3", 3));
        assertThrows(ProtocolException.class, () -> GroupMessage.decode("X", 3));
    }
}
