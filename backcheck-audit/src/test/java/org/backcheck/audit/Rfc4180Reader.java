package org.backcheck.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately plain, strict RFC 4180 reader, independent of the audit's scanner: a field
 * that starts with {@code "} runs to the closing quote ({@code ""} inside is one quote, and
 * newlines are data); records end at {@code \n}. Anything else RFC 4180 forbids (a quote inside
 * an unquoted field, text after a closing quote, an unclosed quote) fails the test.
 */
public final class Rfc4180Reader {

    /** One record read back: its 1-based position (the header is 0), its fields, and which were quoted. */
    public record Row(long number, String[] fields, boolean[] quoted) { }

    private final String text;
    private final char delimiter;
    private int position;
    private long number;

    public Rfc4180Reader(String text, char delimiter) {
        this.text = text;
        this.delimiter = delimiter;
    }

    public static List<Row> readAll(String text, char delimiter) {
        Rfc4180Reader reader = new Rfc4180Reader(text, delimiter);
        List<Row> rows = new ArrayList<>();
        for (Row r = reader.next(); r != null; r = reader.next()) {
            rows.add(r);
        }
        return rows;
    }

    /** The next record, or null at the end of the text. */
    public Row next() {
        int length = text.length();
        if (position >= length) {
            return null;
        }
        List<String> fields = new ArrayList<>(16);
        boolean[] quoted = new boolean[16];
        while (true) {
            boolean isQuoted = text.charAt(position) == '"';
            String value;
            if (isQuoted) {
                StringBuilder field = new StringBuilder();
                position++;
                while (true) {
                    if (position >= length) {
                        throw new AssertionError("unclosed quote in record " + number);
                    }
                    char c = text.charAt(position++);
                    if (c != '"') {
                        field.append(c);
                    } else if (position < length && text.charAt(position) == '"') {
                        field.append('"');
                        position++;
                    } else {
                        break;
                    }
                }
                value = field.toString();
            } else {
                int start = position;
                while (position < length) {
                    char c = text.charAt(position);
                    if (c == delimiter || c == '\n') {
                        break;
                    }
                    if (c == '"') {
                        throw new AssertionError("quote inside an unquoted field in record " + number);
                    }
                    position++;
                }
                value = text.substring(start, position);
            }
            if (fields.size() == quoted.length) {
                quoted = java.util.Arrays.copyOf(quoted, quoted.length * 2);
            }
            quoted[fields.size()] = isQuoted;
            fields.add(value);
            if (position >= length) {
                throw new AssertionError("record " + number + " does not end with a line feed");
            }
            char after = text.charAt(position++);
            if (after == '\n') {
                break;
            }
            if (after != delimiter) {
                throw new AssertionError("text after a closing quote in record " + number);
            }
        }
        return new Row(number++, fields.toArray(String[]::new), java.util.Arrays.copyOf(quoted, fields.size()));
    }
}
