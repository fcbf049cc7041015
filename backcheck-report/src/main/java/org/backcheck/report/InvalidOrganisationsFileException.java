package org.backcheck.report;

/** An organisations file ({@code --organisations}) that cannot be used; the message names the file, line and what to do. */
public final class InvalidOrganisationsFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidOrganisationsFileException(String message) {
        super(message);
    }
}
