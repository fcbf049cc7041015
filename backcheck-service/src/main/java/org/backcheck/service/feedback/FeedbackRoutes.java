package org.backcheck.service.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;

/**
 * The feedback endpoints, as handlers the server registers:
 *
 * <pre>{@code
 * FeedbackRoutes feedback = new FeedbackRoutes(store, Clock.systemUTC());
 * config.routes.post("/cds-services/{id}/feedback", ctx -> {
 *     // 404 unknown service ids first; then:
 *     VerifiedCaller caller = CdsSecurity.caller(ctx).orElse(null);   // null in --insecure-dev
 *     feedback.postFeedback(ctx, ctx.pathParam("id"),
 *             caller == null ? null : caller.issuer(), caller == null ? null : caller.tenant());
 * });
 * config.routes.get("/api/feedback/summary", feedback::getSummary);
 * }</pre>
 *
 * Both write their own responses, errors included, as RFC 9457 problems (with a {@code field} member
 * naming the offending JSON path), so they need no exception mapper. A {@link FeedbackStoreException}
 * is left to the server's 500 handler.
 */
public final class FeedbackRoutes {

    /** The largest feedback body accepted. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeedbackStore store;
    private final Clock clock;

    public FeedbackRoutes(FeedbackStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@code POST /cds-services/{id}/feedback}: validates and stores the feedback; 200
     * {@code {"received": n, "truncatedComments": k}}, or 400 / 413 / 415 problems.
     *
     * @param issuer the verified caller's {@code iss}, or null in insecure mode
     * @param tenant the verified caller's {@code tenant}, or null
     */
    public void postFeedback(Context ctx, String serviceId, String issuer, String tenant) throws IOException {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).split(";")[0].strip().equals("application/json")) {
            problem(ctx, 415, "Send the feedback as application/json, not " + (contentType == null ? "no content type" : contentType)
                    + ".", null);
            return;
        }
        byte[] body = org.backcheck.service.RequestBody.readAtMost(ctx, MAX_BODY_BYTES);
        if (body == null) {
            problem(ctx, 413, tooLarge(), null);
            return;
        }
        FeedbackRequest request;
        try {
            request = FeedbackRequest.parse(body);
        } catch (InvalidFeedbackException e) {
            problem(ctx, 400, e.getMessage(), e.field().isEmpty() ? null : e.field());
            return;
        }
        store.record(serviceId, request.entries(), issuer, tenant, clock.instant());
        ObjectNode out = JSON.createObjectNode();
        out.put("received", request.entries().size());
        out.put("truncatedComments", request.truncatedComments());
        write(ctx, 200, "application/json", out);
    }

    /** {@code GET /api/feedback/summary?period=day|week|month} (default month). */
    public void getSummary(Context ctx) {
        String p = ctx.queryParam("period");
        SummaryPeriod period = p == null || p.isEmpty() ? SummaryPeriod.MONTH : SummaryPeriod.of(p);
        if (period == null) {
            problem(ctx, 400, "period must be day, week or month, not \"" + p + "\".", "period");
            return;
        }
        write(ctx, 200, "application/json", toJson(store.summary(period)));
    }

    /** The summary as JSON: {@code {period, timezone, periods: [{period, services: [...]}]}}. */
    public static ObjectNode toJson(FeedbackSummary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("period", summary.period().code());
        root.put("timezone", "UTC");
        ArrayNode periods = root.putArray("periods");
        for (FeedbackSummary.PeriodSummary p : summary.periods()) {
            ObjectNode pn = periods.addObject();
            pn.put("period", p.period());
            ArrayNode services = pn.putArray("services");
            for (FeedbackSummary.ServiceSummary s : p.services()) {
                ObjectNode sn = services.addObject();
                sn.put("service", s.serviceId());
                sn.put("cardsIssued", s.cardsIssued());
                sn.put("accepted", s.accepted());
                sn.put("overridden", s.overridden());
                ArrayNode reasons = sn.putArray("overrideReasons");
                for (FeedbackSummary.ReasonCount r : s.overrideReasons()) {
                    ObjectNode rn = reasons.addObject();
                    if (r.code() == null) {
                        rn.putNull("reason");
                    } else {
                        ObjectNode coding = rn.putObject("reason");
                        coding.put("code", r.code());
                        coding.put("system", r.system());
                        if (r.display() != null) {
                            coding.put("display", r.display());
                        }
                    }
                    rn.put("count", r.count());
                }
            }
        }
        return root;
    }

    private static String tooLarge() {
        return "The feedback body is larger than " + MAX_BODY_BYTES / 1024 + " KiB; send fewer elements per request.";
    }

    private static void problem(Context ctx, int status, String detail, String field) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "about:blank");
        p.put("title", switch (status) {
            case 400 -> "Bad Request";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            default -> "Error";
        });
        p.put("status", status);
        p.put("detail", detail);
        if (field != null) {
            p.put("field", field);
        }
        write(ctx, status, "application/problem+json", p);
    }

    private static void write(Context ctx, int status, String contentType, ObjectNode body) {
        try {
            ctx.status(status).contentType(contentType).result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
