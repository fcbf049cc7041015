package org.backcheck.service.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Objects;
import org.backcheck.service.JsonBody;
import org.backcheck.service.ProblemException;
import org.backcheck.service.cdshooks.CdsHooksService;
import org.backcheck.service.security.CdsSecurity;
import org.backcheck.service.security.VerifiedCaller;

/**
 * The feedback endpoints, as handlers {@link org.backcheck.service.BackcheckServer} registers:
 * {@code POST /cds-services/{id}/feedback} ({@link #postFeedback}) and {@code GET /api/feedback/summary}
 * ({@link #getSummary}, behind the admin token). Errors are thrown as {@link ProblemException}s (an
 * {@link InvalidFeedbackException} names the offending JSON path) for the server's one problem handler.
 */
public final class FeedbackRoutes {

    /** The largest feedback body accepted. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = org.backcheck.service.Json.MAPPER;

    private final FeedbackStore store;
    private final Clock clock;

    public FeedbackRoutes(FeedbackStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@code POST /cds-services/{id}/feedback}: validates and stores the feedback, with the caller the CDS
     * security check verified (none in insecure mode); 200 {@code {"received": n, "truncatedComments": k}}.
     *
     * @throws ProblemException 404 for an unknown service; 400, 413, 415 for the body
     */
    public void postFeedback(Context ctx) {
        String serviceId = ctx.pathParam("id");
        if (!CdsHooksService.SERVICE_IDS.contains(serviceId)) {
            throw ProblemException.notFound("No CDS service with that id here; GET /cds-services lists them.");
        }
        byte[] body = JsonBody.read(ctx, "feedback", MAX_BODY_BYTES, "; send fewer elements per request");
        FeedbackRequest request = FeedbackRequest.parse(body);
        VerifiedCaller caller = CdsSecurity.caller(ctx).orElse(null);
        store.record(serviceId, request.entries(), caller == null ? null : caller.issuer(),
                caller == null ? null : caller.tenant(), clock.instant());
        ObjectNode out = JSON.createObjectNode();
        out.put("received", request.entries().size());
        out.put("truncatedComments", request.truncatedComments());
        ctx.contentType("application/json").result(org.backcheck.service.Json.write(out));
    }

    /**
     * {@code GET /api/feedback/summary?period=day|week|month} (default month).
     *
     * @throws ProblemException 400 for another period
     */
    public void getSummary(Context ctx) {
        String p = ctx.queryParam("period");
        SummaryPeriod period = p == null || p.isEmpty() ? SummaryPeriod.MONTH : SummaryPeriod.of(p);
        if (period == null) {
            throw ProblemException.badRequest("period", "period must be day, week or month, not \""
                    + (p.length() > 20 ? p.substring(0, 20) + "..." : p) + "\".");
        }
        ctx.contentType("application/json").result(org.backcheck.service.Json.write(toJson(store.summary(period))));
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
}
