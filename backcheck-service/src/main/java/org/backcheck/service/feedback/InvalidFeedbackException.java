package org.backcheck.service.feedback;

/** A feedback request that breaks the CDS Hooks 2.0 rules; {@link #field()} names where, e.g. {@code feedback[0].outcome}. */
public final class InvalidFeedbackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidFeedbackException(String field, String message) {
        super(field.isEmpty() ? message : field + ": " + message);
        this.field = field;
    }

    /** The JSON path of the offending field; empty for the body as a whole. */
    public String field() {
        return field;
    }
}
