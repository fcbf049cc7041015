package org.backcheck.report;

/** A {@code --population} file that cannot be used; the message names the line and field. */
public final class InvalidPopulationFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidPopulationFileException(String message) {
        super(message);
    }
}
