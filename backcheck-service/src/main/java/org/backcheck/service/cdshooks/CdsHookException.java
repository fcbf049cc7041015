package org.backcheck.service.cdshooks;

import org.backcheck.service.ProblemException;

/**
 * A CDS Hooks call that cannot be answered, with the HTTP status to answer it with and, for a
 * malformed request, the field at fault (dotted path, e.g. {@code context.draftOrders}). The
 * message is shown to the caller; it never quotes patient data or tokens. Rendered, like every
 * error, by {@link org.backcheck.service.Problems}.
 */
public final class CdsHookException extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** @param status 400 malformed, 404 unknown service, 412 required data missing, 415 not JSON, 413 too large */
    public CdsHookException(int status, String message, String field) {
        super(status, message, field);
    }

    public static CdsHookException badRequest(String field, String message) {
        return new CdsHookException(400, message, field);
    }

    static CdsHookException preconditionFailed(String message) {
        return new CdsHookException(412, message, null);
    }
}
