package org.backcheck.extract;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The header line of a delimited extract: the delimiter and the column names, found without regard
 * to case. Read by the rules {@link RecordParser} reads records by: a name that starts with a double
 * quote (spaces before it are allowed here) runs to the matching quote and may hold delimiters,
 * doubled quotes and line breaks; a quote anywhere else is an ordinary character; names are trimmed.
 * When no delimiter is given, it is the one of {@link Delimiter} that splits the line most cleanly:
 * fewest quotes left unexplained, then most columns.
 *
 * @param delimiter the field delimiter
 * @param names     the column names, in order
 * @param dataStart where the first data row starts in the buffer read: just after the header's line feed
 */
public record Header(Delimiter delimiter, List<String> names, int dataStart) implements Serializable {

    /**
     * How long the header line may be, and what to say when it is longer.
     *
     * @param bytes   the longest header line read
     * @param message the reason given when the line is longer (names the option that raises it, if any)
     */
    public record Limit(int bytes, String message) implements Serializable {
        /** The refusal of a header line longer than the limit. */
        public UnreadableExtractException exceeded() {
            return new UnreadableExtractException(message);
        }
    }

    /** Length of a UTF-8 byte-order mark at the start of {@code buf[0, length)}: 3, or 0 when there is none. */
    public static int bomLength(byte[] buf, int length) {
        return length >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF ? 3 : 0;
    }

    /** Reads the header from the first bytes of a file, after any byte-order mark. */
    public static Header atFileStart(byte[] head, int length, Delimiter given, Limit limit) {
        return read(head, bomLength(head, length), length, given, limit);
    }

    /**
     * Reads the header line starting at {@code start}.
     *
     * @param given the delimiter to use, or null to detect it
     * @throws UnreadableExtractException when the file is empty, a quoted name is never closed, the line is longer
     *                                    than {@code limit}, or no delimiter can be told
     */
    public static Header read(byte[] buf, int start, int end, Delimiter given, Limit limit) {
        int maxLine = limit.bytes();
        Line line = line(buf, start, end, given, maxLine);
        if (line.end() == start && end == start) {
            throw new UnreadableExtractException("the file is empty: an extract needs a header line naming its columns");
        }
        if (line.unclosed()) {
            throw new UnreadableExtractException("the header line has a quoted column name that is never closed");
        }
        if ((!line.lineFeed() && end - start >= maxLine) || line.end() - start > maxLine) {
            throw limit.exceeded();
        }
        return new Header(line.delimiter(), List.copyOf(line.names()), line.lineFeed() ? line.end() + 1 : line.end());
    }

    /**
     * False when {@code buf[start, end)} ends inside a quoted column name of the header line, so
     * that more of the file is needed to read it.
     */
    public static boolean complete(byte[] buf, int start, int end, Delimiter given, int maxLine) {
        try {
            return !line(buf, start, end, given, maxLine).unclosed();
        } catch (UnreadableExtractException e) {
            return true; // no more to read for: read() reports it
        }
    }

    /** Index of a column by name, ignoring case, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The header line split at one delimiter. {@code stray} counts what quoting explains badly
     * under that delimiter: quotes inside unquoted names, and text after a closing quote.
     */
    private record Line(Delimiter delimiter, List<String> names, int end, boolean lineFeed, boolean unclosed, int stray) {
        int delimiters() {
            return names.size() - 1;
        }
    }

    /**
     * The line split at the given delimiter, or at the candidate that splits it most cleanly:
     * the one with the fewest stray quotes (so that delimiters inside quoted names do not count),
     * then the most delimiters.
     */
    private static Line line(byte[] buf, int start, int end, Delimiter given, int maxLine) {
        if (given != null) {
            return split(buf, start, end, given);
        }
        Line best = null;
        boolean tie = false;
        for (Delimiter d : Delimiter.values()) {
            Line l = split(buf, start, end, d);
            if (l.delimiters() == 0) {
                continue;
            }
            int order = best == null ? -1 : l.stray() != best.stray() ? Integer.compare(l.stray(), best.stray())
                    : Integer.compare(best.delimiters(), l.delimiters());
            if (order < 0) {
                best = l;
                tie = false;
            } else if (order == 0) {
                tie = true;
            }
        }
        if (best == null || tie) {
            Line any = split(buf, start, end, Delimiter.COMMA);
            if (any.unclosed() || (!any.lineFeed() && end - start >= maxLine) || (any.end() == start && end == start)) {
                return any; // reported as such by the caller
            }
            throw new UnreadableExtractException("cannot tell the delimiter from the header line"
                    + (tie ? " (two candidates split it equally well)" : " (no comma, pipe, tab or semicolon)")
                    + "; name it with --delimiter");
        }
        return best;
    }

    /** Splits the line starting at {@code start} at {@code d}, by the rules in the class comment. */
    private static Line split(byte[] buf, int start, int end, Delimiter delimiter) {
        byte d = delimiter.symbol();
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
                while (true) {
                    if (p >= end) {
                        names.add(text(name));
                        return new Line(delimiter, names, end, false, true, stray);
                    }
                    if (buf[p] == '"') {
                        if (p + 1 < end && buf[p + 1] == '"') {
                            name.write('"');
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    name.write(buf[p++]);
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
                continue;
            }
            return new Line(delimiter, names, p, p < end, false, stray);
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }
}
