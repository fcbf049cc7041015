package org.backcheck.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Function;

/**
 * The lines of a small text file Backcheck reads whole (organisations and population files), each at most
 * {@link #MAX_CHARS} characters, so that a file that is not what it should be (one endless line, such as
 * {@code /dev/zero}) is refused with its file and line rather than read into memory. Lines end as
 * {@link BufferedReader#readLine} ends them: at a line feed, a carriage return, or both.
 */
final class BoundedLines {

    /** Longest line read: far more than any row of these files holds (a name is at most 200 characters). */
    static final int MAX_CHARS = 4096;

    private final BufferedReader in;
    private final String source;
    private final Function<String, ? extends RuntimeException> refuse;
    private int number;

    /**
     * @param source the file, for the message
     * @param refuse the exception a too-long line is refused with, given its message
     */
    BoundedLines(BufferedReader in, String source, Function<String, ? extends RuntimeException> refuse) {
        this.in = in;
        this.source = source;
        this.refuse = refuse;
    }

    /** The next line without its ending; null at the end of the file. */
    String next() throws IOException {
        int c = in.read();
        if (c < 0) {
            return null;
        }
        number++;
        StringBuilder line = new StringBuilder();
        while (c >= 0 && c != '\n' && c != '\r') {
            if (line.length() == MAX_CHARS) {
                throw refuse.apply(source + " line " + number + " is longer than " + MAX_CHARS + " characters, far longer"
                        + " than any row of this file should be; nothing was audited. Check that it is the right file");
            }
            line.append((char) c);
            c = in.read();
        }
        if (c == '\r') {
            in.mark(1);
            if (in.read() != '\n') {
                in.reset();
            }
        }
        return line.toString();
    }

    /** The number of the line {@link #next} last gave, counting from 1. */
    int number() {
        return number;
    }
}
