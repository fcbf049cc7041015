package org.backcheck.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The header line of an extract: the delimiter and the column names, found case-insensitively. */
record Header(byte delimiter, List<String> names, int bytesIncludingLineEnd) {

    private static final byte[] CANDIDATES = {',', '|', '\t', ';'};

    /**
     * Reads the header from the start of the file (after any BOM).
     *
     * @param delimiter the delimiter to use, or null to detect it
     */
    static Header read(byte[] buf, int start, int end, Character delimiter) {
        int lineEnd = start;
        boolean quoted = false;
        while (lineEnd < end && (quoted || buf[lineEnd] != '\n')) {
            if (buf[lineEnd] == '"') {
                quoted = !quoted;
            }
            lineEnd++;
        }
        if (lineEnd == end && lineEnd == start) {
            throw new ExtractFormatException("the file is empty: an extract needs a header line naming its columns");
        }
        if (lineEnd == end && end - start >= (1 << 20)) {
            throw new ExtractFormatException("no line end in the first MiB: is this a delimited text extract?");
        }
        int contentEnd = lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        byte d = delimiter != null ? (byte) delimiter.charValue() : detect(buf, start, contentEnd);
        List<String> names = split(buf, start, contentEnd, d);
        int consumed = (lineEnd < end ? lineEnd + 1 : lineEnd) - start;
        return new Header(d, List.copyOf(names), consumed);
    }

    private static byte detect(byte[] buf, int start, int end) {
        int[] counts = new int[CANDIDATES.length];
        boolean quoted = false;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    if (b == CANDIDATES[k]) {
                        counts[k]++;
                    }
                }
            }
        }
        int best = -1;
        boolean tie = false;
        for (int k = 0; k < CANDIDATES.length; k++) {
            if (counts[k] > 0 && (best < 0 || counts[k] > counts[best])) {
                best = k;
                tie = false;
            } else if (best >= 0 && counts[k] == counts[best] && counts[k] > 0) {
                tie = true;
            }
        }
        if (best < 0 || tie) {
            throw new ExtractFormatException("cannot tell the delimiter from the header line"
                    + (tie ? " (two candidates occur equally often)" : " (no comma, pipe, tab or semicolon)")
                    + "; name it with --delimiter");
        }
        return CANDIDATES[best];
    }

    private static List<String> split(byte[] buf, int start, int end, byte delimiter) {
        List<String> names = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = start;
        int fieldStart = start;
        boolean quoted = false;
        while (i <= end) {
            if (i == end || (!quoted && buf[i] == delimiter)) {
                String raw = new String(buf, fieldStart, i - fieldStart, StandardCharsets.UTF_8).strip();
                if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
                    raw = raw.substring(1, raw.length() - 1).replace("\"\"", "\"").strip();
                }
                names.add(raw);
                fieldStart = i + 1;
            } else if (buf[i] == '"') {
                quoted = !quoted;
            }
            i++;
        }
        return names;
    }

    /** Index of a column by name, ignoring case, or -1. */
    int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    String delimiterName() {
        return switch (delimiter) {
            case ',' -> "comma";
            case '|' -> "pipe";
            case '\t' -> "tab";
            case ';' -> "semicolon";
            default -> String.format(Locale.ROOT, "0x%02x", delimiter);
        };
    }
}
