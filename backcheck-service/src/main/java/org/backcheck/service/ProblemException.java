package org.backcheck.service;

import io.javalin.http.HttpStatus;
import java.util.Objects;

/**
 * A request the server answers with an error: the HTTP status and the {@code detail} (and, for a malformed
 * request, the {@code field} at fault) of an RFC 9457 problem. Every route's errors are one of these, or are
 * converted to one in {@link Problems#of}, so every error a client sees has the same shape and content type.
 *
 * <p>The detail is shown to the client: it names what is wrong and what to do, and never quotes patient data,
 * a token or a whole request. Subclasses ({@code CdsHookException}, {@code InvalidFeedbackException},
 * {@code UnauthorizedException}) keep their own names for the places that throw them.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    /**
     * @param status a 4xx or 5xx status
     * @param detail what was wrong and what to do, for the client
     * @param field  the request field at fault (a dotted JSON path, or {@code body}), or null
     */
    public ProblemException(int status, String detail, String field) {
        super(Objects.requireNonNull(detail, "detail"));
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx, not " + status);
        }
        this.status = status;
        this.field = field;
    }

    /** 400: the request is malformed at {@code field}. */
    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, detail, field);
    }

    /** 403: understood, and refused whoever asks (e.g. a route that is switched off). */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, detail, null);
    }

    /** 404: nothing here by that name. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail, null);
    }

    /** 413: the body is larger than the route accepts. */
    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, detail, null);
    }

    /** 415: the body is not in the media type the route reads. */
    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, detail, null);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /** The problem's title: the status's reason phrase (RFC 9457 §4.2.1, {@code about:blank} types). */
    public String title() {
        return HttpStatus.forStatus(status).getMessage();
    }
}
