package org.backcheck.service.feedback;

import org.backcheck.service.ProblemException;

/**
 * A feedback request that breaks the CDS Hooks 2.0 rules: a 400 problem whose field names where, e.g.
 * {@code feedback[0].outcome} (none for the body as a whole).
 */
public final class InvalidFeedbackException extends ProblemException {

    private static final long serialVersionUID = 1L;

    InvalidFeedbackException(String field, String message) {
        super(400, field.isEmpty() ? message : field + ": " + message, field.isEmpty() ? null : field);
    }
}
