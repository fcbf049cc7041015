package org.backcheck.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header line of an extract: the delimiter and the column names, found case-insensitively.
 * Read by the rules the scanner reads records by: a name that starts with a double quote (spaces
 * before it are allowed here) runs to the matching quote and may hold delimiters, doubled quotes
 * and line breaks; a quote anywhere else is an ordinary character.
 */
record Header(byte delimiter, List<String> names, int bytesIncludingLineEnd) {

    private static final byte[] CANDIDATES = {',', '|', '\t', ';'};

    /**
     * Reads the header from the start of the file (after any BOM), at most the default record limit long.
     *
     * @param delimiter the delimiter to use, or null to detect it
     */
    static Header read(byte[] buf, int start, int end, Character delimiter) {
        return read(buf, start, end, delimiter, AuditOptions.DEFAULT_MAX_RECORD_BYTES);
    }

    /** Reads the header, at most {@code maxLine} bytes long (the record limit). */
    static Header read(byte[] buf, int start, int end, Character delimiter, int maxLine) {
        Line line = line(buf, start, end, delimiter, maxLine);
        if (line.end() == start && end == start) {
            throw new ExtractFormatException("the file is empty: an extract needs a header line naming its columns");
        }
        if (line.unclosed()) {
            throw new ExtractFormatException("the header line has a quoted column name that is never closed");
        }
        if ((!line.lineFeed() && end - start >= maxLine) || line.end() - start > maxLine) {
            throw tooLong(maxLine);
        }
        int consumed = (line.lineFeed() ? line.end() + 1 : line.end()) - start;
        return new Header(line.delimiter(), List.copyOf(line.names()), consumed);
    }

    /**
     * False when {@code buf[start, end)} ends inside a quoted column name of the header line, so
     * that more of the file is needed to read it.
     */
    static boolean complete(byte[] buf, int start, int end, Character delimiter, int maxLine) {
        try {
            return !line(buf, start, end, delimiter, maxLine).unclosed();
        } catch (ExtractFormatException e) {
            return true; // no more to read for: read() reports it
        }
    }

    /**
     * The header line split at one delimiter. {@code stray} counts what quoting explains badly
     * under that delimiter: quotes inside unquoted names, and text after a closing quote.
     */
    private record Line(byte delimiter, List<String> names, int end, boolean lineFeed, boolean unclosed, int stray) {
        int delimiters() {
            return names.size() - 1;
        }
    }

    /**
     * The line split at the given delimiter, or at the candidate that splits it most cleanly:
     * the one with the fewest stray quotes (so that delimiters inside quoted names do not count),
     * then the most delimiters.
     */
    private static Line line(byte[] buf, int start, int end, Character delimiter, int maxLine) {
        if (delimiter != null) {
            return split(buf, start, end, (byte) delimiter.charValue());
        }
        Line best = null;
        boolean tie = false;
        for (byte d : CANDIDATES) {
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
            Line any = split(buf, start, end, (byte) ',');
            if (any.unclosed() || (!any.lineFeed() && end - start >= maxLine) || (any.end() == start && end == start)) {
                return any; // reported as such by the caller
            }
            throw new ExtractFormatException("cannot tell the delimiter from the header line"
                    + (tie ? " (two candidates split it equally well)" : " (no comma, pipe, tab or semicolon)")
                    + "; name it with --delimiter");
        }
        return best;
    }

    /** Splits the line starting at {@code start} at {@code d}, by the rules in the class comment. */
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
                while (true) {
                    if (p >= end) {
                        names.add(text(name));
                        return new Line(d, names, end, false, true, stray);
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
            return new Line(d, names, p, p < end, false, stray);
        }
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }

    /** The header line is longer than the record limit. */
    static ExtractFormatException tooLong(int maxLine) {
        return new ExtractFormatException("the header line (the first line) is longer than --max-record-bytes ("
                + ByteCount.text(maxLine) + "): is this a delimited text extract? If it is, raise --max-record-bytes");
    }

    /** How {@code --delimiter} names this header's delimiter. */
    String delimiterOption() {
        return switch (delimiter) {
            case '\t' -> "tab";
            case '|' -> "'|'";
            case ';' -> "';'";
            default -> "'" + (char) delimiter + "'";
        };
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
