package org.backcheck.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.backcheck.guidance.Assessment;
import org.backcheck.guidance.AssessmentRequest;
import org.backcheck.guidance.Assessor;
import org.backcheck.guidance.InvalidAssessmentException;
import org.backcheck.guidance.RedFlags;
import org.backcheck.guidance.SpaFeature;
import org.backcheck.service.cdshooks.CdsHookException;
import org.backcheck.service.cdshooks.CdsHooksService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backcheck over HTTP: the assessment as a JSON API and the clinicians' web page that uses it.
 *
 * <pre>
 * POST /api/assessments    a request (application/json, at most 64 KiB) in, the assessment out
 * GET  /api/red-flags      the red-flag vocabulary [{id, pathology, label}], for the checklist
 * GET  /api/spa-features   the NICE NG65 criteria [{id, label}]
 * GET  /healthz            {"status":"ok"}
 * GET  /                   the web page (classpath /public; no resource from anywhere else)
 *
 * GET  /cds-services                 CDS Hooks 2.0 discovery        (org.backcheck.service.cdshooks)
 * POST /cds-services/{id}            CDS Hooks call: {"cards":[...]}
 * POST /cds-services/{id}/feedback   CDS Hooks feedback: 501 until a feedback handler is plugged in
 * </pre>
 *
 * <p>Hook points for the lead: {@link Builder#cdsSecurity} runs before every {@code /cds-services}
 * request (JWT verification, CORS) and may throw to refuse it; {@link Builder#cdsFeedback} handles
 * the feedback route.
 *
 * <p>Every error is an RFC 9457 problem ({@code application/problem+json}: type, title, status,
 * detail, and for an invalid request the field). The request log has method, path, status and
 * duration only: a request body is patient data and is never logged, nor is a query string or an
 * error's detail (which can quote a value from the body). Responses carry headers that forbid
 * framing, sniffing, referrers and loading anything from another origin.
 *
 * <p>Nothing is stored: each assessment is computed from its request and forgotten.
 */
public final class BackcheckServer implements AutoCloseable {

    /** The largest request body accepted; a real request is well under 2 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BackcheckServer.class);
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";

    private final Assessor assessor;
    /** Jetty's per-connection header cache, in characters: less than the shortest signed JWT (see {@link #create}). */
    static final int HEADER_CACHE_CHARS = 256;

    private final Consumer<String> requestLog;
    private final CdsHooksService cds;
    private final Handler cdsSecurity;
    private final Handler cdsFeedback;
    private final Consumer<io.javalin.config.JavalinConfig> configure;
    private final String redFlagsJson;
    private final String spaFeaturesJson;
    private Javalin app;

    /** A server over the standard assessor, logging requests through SLF4J (logger {@code org.backcheck.service.BackcheckServer}). */
    public BackcheckServer() {
        this(Assessor.standard(), LOG::info);
    }

    /**
     * @param assessor   the engine
     * @param requestLog receives one line per request: method, path, status, duration
     */
    public BackcheckServer(Assessor assessor, Consumer<String> requestLog) {
        this(builder().assessor(assessor).requestLog(requestLog));
    }

    private BackcheckServer(Builder b) {
        this.assessor = Objects.requireNonNull(b.assessor, "assessor");
        this.requestLog = Objects.requireNonNull(b.requestLog, "requestLog");
        this.cds = CdsHooksService.withTerminologyServer(assessor, b.clock, b.cardsIssued, b.terminologyUrl, b.terminologyToken,
                b.deployment);
        this.configure = b.configure;
        this.cdsSecurity = b.cdsSecurity;
        this.cdsFeedback = b.cdsFeedback;
        this.redFlagsJson = AssessmentJson.write(AssessmentJson.toJson(RedFlags.vocabulary()));
        ArrayNode spa = JsonNodeFactory.instance.arrayNode();
        for (SpaFeature f : SpaFeature.values()) {
            spa.addObject().put("id", f.id()).put("label", f.label());
        }
        this.spaFeaturesJson = AssessmentJson.write(spa);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options beyond the engine and the request log: the clock, the terminology server and the CDS Hooks hook points. */
    public static final class Builder {
        private Assessor assessor = Assessor.standard();
        private Consumer<String> requestLog = LOG::info;
        private Clock clock = Clock.systemDefaultZone();
        private Handler cdsSecurity = ctx -> { };
        private Handler cdsFeedback = BackcheckServer::feedbackNotImplemented;
        private java.util.function.ObjIntConsumer<String> cardsIssued = (serviceId, cards) -> { };
        private Consumer<io.javalin.config.JavalinConfig> configure = config -> { };
        private String terminologyUrl;
        private String terminologyToken;
        private CdsHooksService.Deployment deployment = CdsHooksService.Deployment.LOCAL;

        private Builder() {
        }

        public Builder assessor(Assessor assessor) {
            this.assessor = Objects.requireNonNull(assessor, "assessor");
            return this;
        }

        /** Receives one line per request: method, path, status, duration. */
        public Builder requestLog(Consumer<String> requestLog) {
            this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
            return this;
        }

        /** Today's date for patients' ages in CDS Hooks calls. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * A FHIR R4 terminology server (Ontoserver, Snowstorm, ...) that CDS Hooks calls ask whether a SNOMED CT
         * concept not on Backcheck's list falls under one of Backcheck's red-flag parents; each answer is kept 24 h,
         * and one that takes over 1.5 s is not waited for. Without one, or when it fails, such a concept is
         * unclassified: an info card that says so, never a suggestion to cancel. Default: none.
         *
         * @param url the server's FHIR base: https, or http on this machine only
         * @param token its bearer token, or null when it needs none
         * @throws IllegalArgumentException at once, saying what to change, for a URL or token that would not
         *     work; the message repeats neither
         */
        public Builder terminologyServer(String url, String token) {
            this.terminologyUrl = CdsHooksService.checkTerminologyServer(url, token);
            this.terminologyToken = token;
            return this;
        }

        /**
         * Where the CDS service runs: the public URL its cards link to (not a request's Host header), and
         * whether a hook call may name an http FHIR server on this machine (tests, --insecure-dev only).
         * Default: links from the request's address, local http allowed.
         */
        public Builder deployment(CdsHooksService.Deployment deployment) {
            this.deployment = Objects.requireNonNull(deployment, "deployment");
            return this;
        }

        /**
         * HOOK POINT (security): runs before every request under /cds-services (discovery, calls,
         * feedback), after the security headers. Throw an {@code HttpResponseException} (e.g. 401)
         * to refuse; set CORS headers here. Default: lets everything through.
         */
        public Builder cdsSecurity(Handler cdsSecurity) {
            this.cdsSecurity = Objects.requireNonNull(cdsSecurity, "cdsSecurity");
            return this;
        }

        /**
         * HOOK POINT (feedback): handles {@code POST /cds-services/{id}/feedback}. Default: 501
         * problem. The handler may call {@link #cdsServiceIds()} to check the id.
         */
        public Builder cdsFeedback(Handler cdsFeedback) {
            this.cdsFeedback = Objects.requireNonNull(cdsFeedback, "cdsFeedback");
            return this;
        }

        /** Told the service id and card count after each successful hook call (for the feedback summary). */
        public Builder cardsIssued(java.util.function.ObjIntConsumer<String> cardsIssued) {
            this.cardsIssued = Objects.requireNonNull(cardsIssued, "cardsIssued");
            return this;
        }

        /**
         * Further configuration applied after Backcheck's own routes: e.g. the CDS security
         * ({@code beforeMatched}), CORS, and the feedback summary route.
         */
        public Builder configure(Consumer<io.javalin.config.JavalinConfig> configure) {
            this.configure = Objects.requireNonNull(configure, "configure");
            return this;
        }

        public BackcheckServer build() {
            return new BackcheckServer(this);
        }
    }

    /** The CDS service ids offered (for a feedback handler to check {id} against). */
    public static java.util.List<String> cdsServiceIds() {
        return CdsHooksService.SERVICE_IDS;
    }

    /** Starts on localhost; port 0 picks a free port (see {@link #port()}). */
    public BackcheckServer start(int port) {
        return start("127.0.0.1", port);
    }

    /** Starts listening on {@code host} (e.g. 0.0.0.0 for every interface) and {@code port}. */
    public synchronized BackcheckServer start(String host, int port) {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        app = create(host, port).start();
        return this;
    }

    /** The port listened on, once started. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return app.port();
    }

    /** The page's address on this machine, once started. */
    public URI uri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Javalin create(String host, int port) {
        return Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            // Jetty keeps a cache of header fields per connection, sized in characters (HttpConfiguration
            // headerCacheSize, default 1,024). Every CDS call carries a new bearer token, which fitted, filled
            // it and made Jetty clear it on every request: 7% of the server's CPU samples in a profile of
            // bench/cds-load.sh. A cache smaller than any signed JWT keeps tokens out and the usual headers in.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(HEADER_CACHE_CHARS));
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            config.requestLogger.http((ctx, ms) -> requestLog.accept(String.format(Locale.ROOT, "%s %s %d %.1fms",
                    ctx.method(), ctx.path(), ctx.statusCode(), ms)));

            config.routes.before(BackcheckServer::securityHeaders);
            config.routes.post("/api/assessments", this::assess);
            config.routes.get("/api/red-flags", ctx -> json(ctx, redFlagsJson));
            config.routes.get("/api/spa-features", ctx -> json(ctx, spaFeaturesJson));
            config.routes.get("/healthz", ctx -> json(ctx, "{\"status\":\"ok\"}"));

            // CDS Hooks 2.0: handlers in org.backcheck.service.cdshooks; security and feedback plug in.
            config.routes.before("/cds-services", cdsSecurity);
            config.routes.before("/cds-services/*", cdsSecurity);
            config.routes.get("/cds-services", cds::discovery);
            config.routes.post("/cds-services/{id}", cds::invoke);
            config.routes.post("/cds-services/{id}/feedback", cdsFeedback);

            configure.accept(config);

            config.routes.exception(InvalidAssessmentException.class, (e, ctx) ->
                    problem(ctx, 400, e.getMessage(), e.field()));
            config.routes.exception(CdsHookException.class, (e, ctx) ->
                    problem(ctx, e.status(), e.getMessage(), e.field()));
            config.routes.exception(HttpResponseException.class, (e, ctx) ->
                    problem(ctx, e.getStatus(), e.getMessage(), null));
            config.routes.exception(Exception.class, (e, ctx) -> {
                // The message may quote the request; log where it failed, not what it said.
                Throwable trace = new Throwable(e.getClass().getName());
                trace.setStackTrace(e.getStackTrace());
                LOG.error("{} {} failed", ctx.method(), ctx.path(), trace);
                problem(ctx, 500, "Backcheck could not assess this request; the server log has the details.", null);
            });
        });
    }

    private void assess(Context ctx) throws IOException {
        requireJson(ctx.contentType());
        byte[] body = readBody(ctx);
        AssessmentRequest request = AssessmentJson.parseRequest(body);
        Assessment assessment = assessor.assess(request);
        json(ctx, AssessmentJson.write(AssessmentJson.toJson(assessment)));
    }

    private static void requireJson(String contentType) {
        String type = contentType == null ? "" : contentType;
        String[] parts = type.split(";");
        boolean json = parts[0].trim().equalsIgnoreCase(JSON);
        for (int i = 1; i < parts.length && json; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param[0].trim().equalsIgnoreCase("charset")) {
                String charset = param.length > 1 ? param[1].trim().replace("\"", "") : "";
                json = charset.equalsIgnoreCase("utf-8");
            }
        }
        if (!json) {
            throw new HttpResponseException(415, "Send the request as application/json (UTF-8), not "
                    + (contentType == null ? "without a Content-Type" : "'" + contentType + "'") + ".",
                    Map.of());
        }
    }

    private static byte[] readBody(Context ctx) throws IOException {
        byte[] body = RequestBody.readAtMost(ctx, MAX_BODY_BYTES);
        if (body == null) {
            throw tooLarge();
        }
        return body;
    }

    private static HttpResponseException tooLarge() {
        return new HttpResponseException(413, "The request body is larger than " + MAX_BODY_BYTES / 1024
                + " KiB; an assessment request is a few hundred bytes.", Map.of());
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/cds-services")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    private static void feedbackNotImplemented(Context ctx) {
        problem(ctx, 501, "CDS Hooks feedback is not accepted yet.", null);
    }

    private static void json(Context ctx, String json) {
        ctx.contentType(JSON).result(json);
    }

    /** Renders an RFC 9457 problem; {@code about:blank} types, so the title is the status's name. */
    private static void problem(Context ctx, int status, String detail, String field) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        p.put("type", "about:blank");
        p.put("title", HttpStatus.forStatus(status).getMessage());
        p.put("status", status);
        p.put("detail", detail);
        if (field != null) {
            p.put("field", field);
        }
        ctx.status(status).contentType(PROBLEM_JSON).result(AssessmentJson.write(p));
    }
}
