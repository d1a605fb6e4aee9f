package net.rudp.demo.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.rudp.demo.cli.Cli;
import org.junit.jupiter.api.Test;

/**
 * The seed's example end to end: four member processes, the master killed mid-stream, and every
 * surviving member's printed stream checked here, line by line, for gaps and duplicates.
 */
class GroupFailoverTest {
    private static final int MESSAGES = 12;
    private static final Pattern RECEIVED = Pattern.compile(" +\\d+\\.\\d\\d  m(\\d+)  received (\\d+)#(\\d+) via (\\d+)");

    @Test
    void killingTheMasterMidStreamLosesAndDuplicatesNothing() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"group", "--members", "4", "--messages", Integer.toString(MESSAGES),
            "--interval", "100ms", "--kill-master-after", "600ms"}, new PrintWriter(out), new PrintWriter(err));
        String output = out.toString();
        System.out.println(output);
        assertEquals(0, code, output + err);
        assertTrue(output.contains("group: killed the master, member 1 (pid "), output);
        assertTrue(output.matches("(?s).*\n +\\d+\\.\\d\\d  member 2 is the master.*"), "the next-lowest id took over:\n" + output);
        assertTrue(output.contains("\nfailover: "), output);

        Map<Integer, Map<Integer, List<Long>>> streams = new HashMap<>();
        boolean relayedByTheNewMaster = false;
        for (String line : output.lines().toList()) {
            Matcher m = RECEIVED.matcher(line);
            if (m.matches()) {
                int member = Integer.parseInt(m.group(1));
                streams.computeIfAbsent(member, k -> new HashMap<>())
                    .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>()).add(Long.parseLong(m.group(3)));
                relayedByTheNewMaster |= member != 2 && m.group(4).equals("2") && !m.group(2).equals("1");
            }
        }
        assertTrue(relayedByTheNewMaster, "the stream went on through the new master after the kill");
        for (int member = 2; member <= 4; member++) {
            for (int origin = 1; origin <= 4; origin++) {
                if (origin == member) {
                    continue;
                }
                List<Long> seqs = streams.getOrDefault(member, Map.of()).getOrDefault(origin, List.of());
                for (int i = 0; i < seqs.size(); i++) {
                    assertEquals(i + 1, seqs.get(i), "member " + member + "'s messages from " + origin + ": " + seqs);
                }
                if (origin != 1) {
                    assertEquals(MESSAGES, seqs.size(), "member " + member + " has all of live member " + origin + "'s");
                }
            }
        }
    }
}
