package net.rudp.demo.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks what each member printed it received, as a person reading the output would: from every
 * member, its messages in order 1, 2, 3..., none missing and none twice; all of a live member's,
 * and a prefix of a killed one's (what the master had relayed before it died is all anyone can
 * have of it).
 */
final class DeliveryCheck {
    private final int members;
    private final int messages;
    /** Per receiving member, per origin, the sequence numbers in the order printed. */
    private final Map<Integer, Map<Integer, List<Long>>> received = new HashMap<>();

    DeliveryCheck(int members, int messages) {
        this.members = members;
        this.messages = messages;
    }

    void received(int member, int origin, long seq) {
        received.computeIfAbsent(member, m -> new TreeMap<>()).computeIfAbsent(origin, o -> new ArrayList<>()).add(seq);
    }

    /** The sequence numbers {@code member} printed for {@code origin}, in order. */
    List<Long> sequence(int member, int origin) {
        return received.getOrDefault(member, Map.of()).getOrDefault(origin, List.of());
    }

    /** A line per live member, and the problems found (none: every stream arrived whole). */
    Result check(Set<Integer> killed) {
        List<String> lines = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int member = 1; member <= members; member++) {
            if (killed.contains(member)) {
                continue;
            }
            StringBuilder line = new StringBuilder("  member " + member + ":");
            for (int origin = 1; origin <= members; origin++) {
                if (origin == member) {
                    continue;
                }
                List<Long> seqs = sequence(member, origin);
                line.append(' ').append(origin).append(':').append(seqs.size());
                problems.addAll(problems(member, origin, seqs, killed.contains(origin)));
            }
            lines.add(line.toString());
        }
        return new Result(lines, problems);
    }

    /** @param lines    per member, how many messages it printed from each origin ("2:30" is 30 from member 2) */
    record Result(List<String> lines, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    private List<String> problems(int member, int origin, List<Long> seqs, boolean originKilled) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < seqs.size(); i++) {
            if (seqs.get(i) != i + 1) {
                problems.add("member " + member + " received " + origin + "#" + seqs.get(i) + " where " + origin + "#"
                    + (i + 1) + " was due (" + (seqs.get(i) <= i ? "a duplicate" : "a gap") + ")");
                break;
            }
        }
        if (!originKilled && seqs.size() != messages) {
            problems.add("member " + member + " received " + seqs.size() + " of member " + origin + "'s " + messages + " messages");
        }
        return problems;
    }
}
