package org.backcheck.service.cdshooks;

/**
 * A CDS Hooks call that cannot be answered, with the HTTP status to answer it with and, for a
 * malformed request, the field at fault (dotted path, e.g. {@code context.draftOrders}). The
 * message is shown to the caller; it never quotes patient data or tokens.
 */
public final class CdsHookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    public CdsHookException(int status, String message, String field) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static CdsHookException badRequest(String field, String message) {
        return new CdsHookException(400, message, field);
    }

    static CdsHookException preconditionFailed(String message) {
        return new CdsHookException(412, message, null);
    }

    /** The HTTP status: 400 malformed, 404 unknown service, 412 required data missing, 415 not JSON, 413 too large. */
    public int status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
