package org.backcheck.service.feedback;

/** The feedback database could not be opened, migrated, read or written. */
public final class FeedbackStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FeedbackStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
