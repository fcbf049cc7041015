package org.backcheck.report;

import java.io.IOException;

/** An output file could not be written: which one, and why (e.g. "No space left on device"). */
public final class OutputWriteException extends IOException {

    private final String file;

    public OutputWriteException(String file, IOException cause) {
        super("could not write " + file + ": " + reason(cause), cause);
        this.file = file;
    }

    /** The file's name, e.g. {@code aggregates.csv}. */
    public String file() {
        return file;
    }

    /** Why, as the operating system put it. */
    public String reason() {
        return reason((IOException) getCause());
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
