package org.backcheck.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.backcheck.guidance.InvalidAssessmentException;
import org.backcheck.service.feedback.FeedbackStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one exception handler: every error any route throws becomes an RFC 9457 problem
 * ({@code application/problem+json}: type, title, status, detail, and for a malformed request the field).
 * A {@link ProblemException} is answered as it is; the few other exceptions a route can meet are converted
 * here, in one place. Only server faults are logged, and then only where they happened (the exception's
 * class and stack), never a message, which could quote the request.
 */
public final class Problems {

    /** The media type of every error response (RFC 9457 §3). */
    public static final String CONTENT_TYPE = "application/problem+json";

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    /** The exception handler: renders {@code e} as its problem. */
    public static void handle(Exception e, Context ctx) {
        write(ctx, of(e, ctx));
    }

    /** The problem an exception stands for; a server fault is logged here (once) and answered 500 or 503. */
    static ProblemException of(Throwable e, Context ctx) {
        if (e instanceof ProblemException p) {
            return p;
        }
        if (e instanceof InvalidAssessmentException invalid) {
            return ProblemException.badRequest(invalid.field(), invalid.getMessage());
        }
        if (e instanceof HttpResponseException h && h.getStatus() >= 400 && h.getStatus() <= 599) {
            return new ProblemException(h.getStatus(), h.getMessage(), null);
        }
        if (e instanceof FeedbackStoreException) {
            // The message names the database and its error, which is for the operator, not the client.
            LOG.warn("{} {}: {}", ctx.req().getMethod(), ctx.path(), e.getMessage());
            return new ProblemException(503, "The feedback store cannot be used just now; try again later "
                    + "(the server log says why).", null);
        }
        Throwable trace = new Throwable(e.getClass().getName());
        trace.setStackTrace(e.getStackTrace());
        LOG.error("{} {} failed", ctx.req().getMethod(), ctx.path(), trace);
        return new ProblemException(500, "Backcheck could not answer this request; the server log has the details.", null);
    }

    /** Writes {@code p} as the response: its status, the problem JSON, and {@link #CONTENT_TYPE}. */
    public static void write(Context ctx, ProblemException p) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.getMessage());
        if (p.field() != null) {
            body.put("field", p.field());
        }
        ctx.status(p.status()).contentType(CONTENT_TYPE).result(Json.write(body));
    }
}
