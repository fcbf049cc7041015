package org.backcheck.service.cdshooks;

/** A failed call, with the short reason for the answer. No stack trace: it is an answer, not a bug. */
final class TerminologyFailure extends RuntimeException {
    TerminologyFailure(String message) {
        super(message, null, false, false);
    }
}
