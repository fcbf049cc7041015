package org.backcheck.spark;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header line of a delimited extract, read by the rules the single-machine audit reads it by
 * (see the README, "Auditing an extract"): the delimiter is the one of comma, pipe, tab and
 * semicolon that splits the line most cleanly (fewest quotes left unexplained, then most columns);
 * a column name that starts with a double quote (after any spaces) runs to its closing quote and may
 * hold delimiters, doubled quotes and line breaks; names are trimmed.
 *
 * @param delimiter   the field delimiter
 * @param names       the column names, in order
 * @param dataStart   bytes from the start of the file to the first data row (byte-order mark and header line included)
 */
record ExtractHeader(byte delimiter, List<String> names, int dataStart) implements Serializable {

    /** The longest header line looked for. */
    static final int MAX_LINE = 1 << 20;

    private static final byte[] CANDIDATES = {',', '|', '\t', ';'};

    /**
     * Reads the header from the first bytes of a file.
     *
     * @param head      the file's first bytes: all of it, or at least {@link #MAX_LINE} + 3
     * @param delimiter the delimiter to use, or null to detect it
     */
    static ExtractHeader read(byte[] head, int length, Character delimiter) {
        int start = length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        if (length == start) {
            throw new UnreadableExtractException("the file is empty: an extract needs a header line naming its columns");
        }
        Line line = delimiter != null ? split(head, start, length, (byte) delimiter.charValue()) : detect(head, start, length);
        if (line.unclosed()) {
            throw new UnreadableExtractException("the header line has a quoted column name that is never closed");
        }
        if ((!line.lineFeed() && length - start >= MAX_LINE) || line.end() - start > MAX_LINE) {
            throw new UnreadableExtractException("no line end in the first MiB: is this a delimited text extract?");
        }
        int end = line.lineFeed() ? line.end() + 1 : line.end();
        return new ExtractHeader(line.delimiter(), List.copyOf(line.names()), end);
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

    /**
     * The line split at one delimiter. {@code stray} counts what quoting leaves unexplained under
     * that delimiter: a quote inside an unquoted name, text after a closing quote.
     */
    private record Line(byte delimiter, List<String> names, int end, boolean lineFeed, boolean unclosed, int stray) {
        int delimiters() {
            return names.size() - 1;
        }
    }

    private static Line detect(byte[] buf, int start, int end) {
        Line best = null;
        boolean tie = false;
        for (byte d : CANDIDATES) {
            Line line = split(buf, start, end, d);
            if (line.delimiters() == 0) {
                continue;
            }
            int order = best == null ? -1
                    : line.stray() != best.stray() ? Integer.compare(line.stray(), best.stray())
                    : Integer.compare(best.delimiters(), line.delimiters());
            if (order < 0) {
                best = line;
                tie = false;
            } else if (order == 0) {
                tie = true;
            }
        }
        if (best != null && !tie) {
            return best;
        }
        Line comma = split(buf, start, end, (byte) ',');
        if (comma.unclosed() || (!comma.lineFeed() && end - start >= MAX_LINE)) {
            return comma; // refused by the caller, with the reason that applies
        }
        throw new UnreadableExtractException("cannot tell the delimiter from the header line"
                + (tie ? " (two candidates split it equally well)" : " (no comma, pipe, tab or semicolon)")
                + "; name it with --delimiter");
    }

    private static Line split(byte[] buf, int start, int end, byte d) {
        List<String> names = new ArrayList<>();
        ByteArrayOutputStream name = new ByteArrayOutputStream();
        int stray = 0;
        int p = start;
        while (true) {
            name.reset();
            int q = p;
            while (q < end && buf[q] == ' ') {
                q++;
            }
            boolean quoted = q < end && buf[q] == '"';
            if (quoted) {
                p = q + 1;
                boolean closed = false;
                while (p < end && !closed) {
                    if (buf[p] == '"' && p + 1 < end && buf[p + 1] == '"') {
                        name.write('"');
                        p += 2;
                    } else if (buf[p] == '"') {
                        closed = true;
                        p++;
                    } else {
                        name.write(buf[p++]);
                    }
                }
                if (!closed) {
                    names.add(text(name));
                    return new Line(d, names, end, false, true, stray);
                }
            }
            while (p < end && buf[p] != d && buf[p] != '\n') {
                byte b = buf[p++];
                if (b == '"' || (quoted && b != ' ' && b != '\r')) {
                    stray++;
                }
                name.write(b);
            }
            names.add(text(name));
            if (p < end && buf[p] == d) {
                p++;
            } else {
                return new Line(d, names, p, p < end, false, stray);
            }
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }
}
