package org.backcheck.service;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.backcheck.guidance.Assessor;
import org.backcheck.service.cdshooks.CdsHooksService;
import org.backcheck.service.http.ConnectionLimits;
import org.backcheck.service.feedback.CardsIssuedCounter;
import org.backcheck.service.feedback.FeedbackRoutes;
import org.backcheck.service.feedback.FeedbackStore;
import org.backcheck.service.report.LatestReport;
import org.backcheck.service.security.CdsSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backcheck over HTTP: the assessment API, the clinicians' web page, the CDS Hooks service, its feedback,
 * and the audit report. Every route is declared here, in {@link #routes()}:
 *
 * <pre>
 * POST /api/assessments              a request (application/json, at most 64 KiB) in, the assessment out
 * GET  /api/red-flags                the red-flag vocabulary [{id, pathology, label}], for the checklist
 * GET  /api/spa-features             the NICE NG65 criteria [{id, label}]
 * GET  /api/feedback/summary         cards issued, accepted and overridden: behind {@link Builder#adminToken}
 * GET  /healthz                      {"status":"ok"}
 * GET  /report                       the latest audit report ({@link Builder#report})
 * GET  /cds-services                 CDS Hooks 2.0 discovery        (org.backcheck.service.cdshooks)
 * POST /cds-services/{id}            CDS Hooks call: {"cards":[...]}
 * POST /cds-services/{id}/feedback   CDS Hooks feedback, into {@link Builder#feedbackStore} (501 without one)
 * GET  /                             the web page (classpath /public; no resource from anywhere else)
 * </pre>
 *
 * <p>{@link Builder#cdsSecurity} runs before every matched {@code /cds-services} route (JWT verification)
 * and may throw to refuse it.
 *
 * <p>Every error is an RFC 9457 problem ({@code application/problem+json}), written by the one handler in
 * {@link Problems} from a {@link ProblemException}. The request log has method, path, status and duration
 * only: a request body is patient data and is never logged, nor is a query string or an error's detail
 * (which can quote a value from the body). Responses carry headers that forbid framing, sniffing, referrers
 * and loading anything from another origin.
 *
 * <p>Slow clients cannot hold the server: a request body is read whole before any handler runs, without a
 * thread; a request still arriving after 5 to 10 s, and a connection beyond 64 from one address (loopback
 * exempt) or 2,000 in all, is closed; bodies being read hold at most 128 MiB together ({@link ConnectionLimits}).
 *
 * <p>Assessments are not stored: each is computed from its request and forgotten. With a feedback store, the
 * cards each hook call returns are counted in it before the call is answered ({@link CardsIssuedCounter}).
 */
public final class BackcheckServer implements AutoCloseable {

    /** The largest assessment request body accepted; a real request is well under 2 KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(BackcheckServer.class);

    /** One route: what it answers, for the table and its tests. */
    public record Route(HandlerType method, String path, String purpose) { }

    private record Endpoint(Route route, Handler handler) { }
    /** Jetty's per-connection header cache, in characters: less than the shortest signed JWT (see {@link #create}). */
    static final int HEADER_CACHE_CHARS = 256;

    private final Consumer<String> requestLog;
    private final Handler cdsSecurity;
    private final List<String> corsOrigins;
    private final ConnectionLimits connectionLimits;
    private final CardsIssuedCounter cardsIssued;
    private final List<Endpoint> endpoints;
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
        this.requestLog = b.requestLog;
        this.connectionLimits = b.connectionLimits;
        this.cdsSecurity = b.cdsSecurity;
        this.corsOrigins = b.corsOrigins;
        this.cardsIssued = b.feedbackStore == null ? null : new CardsIssuedCounter(b.feedbackStore, b.clock);
        CdsHooksService cds = CdsHooksService.withTerminologyServer(b.assessor, b.clock,
                cardsIssued == null ? (id, n) -> { } : cardsIssued::add, b.terminologyUrl, b.terminologyToken, b.deployment);
        AssessmentRoutes assessments = new AssessmentRoutes(b.assessor);
        FeedbackRoutes feedback = b.feedbackStore == null ? null : new FeedbackRoutes(b.feedbackStore, b.clock);
        AdminToken admin = b.adminToken;
        List<Endpoint> e = new ArrayList<>();
        add(e, HandlerType.POST, "/api/assessments", "an assessment", assessments::assess);
        add(e, HandlerType.GET, "/api/red-flags", "the red-flag vocabulary", assessments::redFlags);
        add(e, HandlerType.GET, "/api/spa-features", "the NICE NG65 criteria", assessments::spaFeatures);
        add(e, HandlerType.GET, "/api/feedback/summary", "the feedback summary (admin token)", ctx -> {
            admin.check(ctx);
            if (feedback == null) {
                throw ProblemException.notFound("This server keeps no feedback, so it has no summary.");
            }
            feedback.getSummary(ctx);
        });
        add(e, HandlerType.GET, "/healthz", "health", ctx -> AssessmentRoutes.json(ctx, "{\"status\":\"ok\"}"));
        add(e, HandlerType.GET, "/report", "the latest audit report", new LatestReport(b.report));
        add(e, HandlerType.GET, "/cds-services", "CDS Hooks discovery", cds::discovery);
        add(e, HandlerType.POST, "/cds-services/{id}", "a CDS Hooks call", cds::invoke);
        add(e, HandlerType.POST, "/cds-services/{id}/feedback", "CDS Hooks feedback", feedback == null
                ? ctx -> {
                    throw new ProblemException(501, "This server does not accept CDS Hooks feedback (no feedback store).", null);
                }
                : feedback::postFeedback);
        this.endpoints = List.copyOf(e);
    }

    private static void add(List<Endpoint> endpoints, HandlerType method, String path, String purpose, Handler handler) {
        endpoints.add(new Endpoint(new Route(method, path, purpose), handler));
    }

    /** Every route this server answers (besides the web page's static files), in one table. */
    public List<Route> routes() {
        return endpoints.stream().map(Endpoint::route).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options beyond the engine and the request log: the clock, the terminology server, CDS security, feedback, report. */
    public static final class Builder {
        private Assessor assessor = Assessor.standard();
        private Consumer<String> requestLog = LOG::info;
        private Clock clock = Clock.systemDefaultZone();
        private Handler cdsSecurity = ctx -> { };
        private List<String> corsOrigins;
        private FeedbackStore feedbackStore;
        private AdminToken adminToken = AdminToken.off();
        private Supplier<Path> report = () -> null;
        private String terminologyUrl;
        private String terminologyToken;
        private CdsHooksService.Deployment deployment = CdsHooksService.Deployment.LOCAL;
        private ConnectionLimits connectionLimits = ConnectionLimits.STANDARD;

        private Builder() {
        }

        /** What slow or greedy clients may take: connections, time to send a request, buffered bodies. Default: STANDARD. */
        public Builder connectionLimits(ConnectionLimits connectionLimits) {
            this.connectionLimits = Objects.requireNonNull(connectionLimits, "connectionLimits");
            return this;
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

        /** Today's date for patients' ages in CDS Hooks calls, and the time feedback is received. */
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
         * Runs before every matched route under /cds-services (discovery, calls, feedback), after the security
         * and CORS headers: e.g. {@link CdsSecurity#check}. Throw (a {@link ProblemException}, or write a
         * refusal and skip the remaining handlers) to refuse. Default: lets everything through.
         */
        public Builder cdsSecurity(Handler cdsSecurity) {
            this.cdsSecurity = Objects.requireNonNull(cdsSecurity, "cdsSecurity");
            return this;
        }

        /** Browser origins allowed to call /cds-services (empty: any origin). Default: no CORS headers at all. */
        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = List.copyOf(origins);
            return this;
        }

        /**
         * Where CDS Hooks feedback is kept, and the cards issued counted (before each call is answered). The
         * caller opens and closes the store; the server stops using it when it stops. Default: none (feedback 501).
         */
        public Builder feedbackStore(FeedbackStore store) {
            this.feedbackStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The token that opens {@code GET /api/feedback/summary}. Default: {@link AdminToken#off()} (403). */
        public Builder adminToken(AdminToken token) {
            this.adminToken = Objects.requireNonNull(token, "token");
            return this;
        }

        /** The audit report {@code GET /report} shows, looked up on each request (null: none yet). */
        public Builder report(Supplier<Path> report) {
            this.report = Objects.requireNonNull(report, "report");
            return this;
        }

        public BackcheckServer build() {
            return new BackcheckServer(this);
        }
    }

    /** The CDS service ids offered. */
    public static List<String> cdsServiceIds() {
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

    /** The running connector's header field cache size, in characters (for tests of {@link #HEADER_CACHE_CHARS}). */
    synchronized int headerCacheChars() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return java.util.Arrays.stream(app.jettyServer().server().getConnectors())
                .map(c -> c.getConnectionFactory(org.eclipse.jetty.server.HttpConnectionFactory.class))
                .filter(Objects::nonNull)
                .mapToInt(f -> f.getHttpConfiguration().getHeaderCacheSize())
                .max().orElseThrow();
    }

    /** The page's address on this machine, once started. */
    public URI uri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    /** Stops listening; then commits the cards counted so far and stops using the feedback store. */
    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
        if (cardsIssued != null) {
            cardsIssued.close();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Javalin create(String host, int port) {
        return Javalin.create(config -> {
            connectionLimits.applyTo(config, host, port);
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
                    ctx.req().getMethod(), ctx.path(), ctx.statusCode(), ms)));
            if (corsOrigins != null) {
                CdsSecurity.enableCors(config, corsOrigins);
            }
            config.routes.before(BackcheckServer::securityHeaders);
            config.routes.before(MethodOverride::refuse);
            // beforeMatched, so that the CORS plugin's headers are set before a refusal (see CdsSecurity).
            config.routes.beforeMatched("/cds-services", cdsSecurity);
            config.routes.beforeMatched("/cds-services/*", cdsSecurity);
            register(config);
            // Javalin answers its own HttpResponseExceptions (e.g. no such route) unless told otherwise.
            config.routes.exception(HttpResponseException.class, Problems::handle);
            config.routes.exception(Exception.class, Problems::handle);
        });
    }

    private void register(JavalinConfig config) {
        for (Endpoint e : endpoints) {
            if (HandlerType.GET.equals(e.route().method())) {
                config.routes.get(e.route().path(), e.handler());
            } else if (HandlerType.POST.equals(e.route().method())) {
                config.routes.post(e.route().path(), e.handler());
            } else {
                throw new IllegalStateException("no registration for " + e.route());
            }
        }
    }

    private static void securityHeaders(io.javalin.http.Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        if (ctx.path().startsWith("/api/") || ctx.path().startsWith("/cds-services")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
