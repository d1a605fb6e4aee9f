package net.rudp.demo.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rows of strings printed as aligned plain text (for the terminal) or as a markdown table (for
 * reports). The leading columns hold labels and align left; the others hold numbers and align right.
 */
final class TextTable {
    private final int labelColumns;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table whose first column is a label. */
    TextTable(String... header) {
        this(1, header);
    }

    /** A table whose first {@code labelColumns} columns are labels. */
    TextTable(int labelColumns, String... header) {
        this.labelColumns = labelColumns;
        this.header = List.of(header);
    }

    /** Adds a row; each cell is printed with {@link String#valueOf(Object)}. */
    TextTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row needs " + header.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(Objects.requireNonNull(cell)));
        }
        rows.add(row);
        return this;
    }

    /** The header and rows with columns two spaces apart, each line ending in a newline. */
    String text() {
        int[] widths = new int[header.size()];
        for (List<String> row : all()) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : all()) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(c < labelColumns ? cell + pad : pad + cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** A GitHub-flavoured markdown table. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(markdownRow(header));
        out.append("|---".repeat(labelColumns)).append("|---:".repeat(header.size() - labelColumns)).append("|\n");
        rows.forEach(row -> out.append(markdownRow(row)));
        return out.toString();
    }

    private static String markdownRow(List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()) + " |\n";
    }

    private List<List<String>> all() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
