package org.backcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.backcheck.service.AdminToken;
import org.backcheck.service.BackcheckServer;
import org.backcheck.service.cdshooks.FhirServers;
import org.backcheck.service.feedback.FeedbackStore;
import org.backcheck.service.feedback.JdbcFeedbackStore;
import org.backcheck.service.security.CdsSecurity;
import org.backcheck.service.security.TokenVerifier;
import org.backcheck.service.security.UnauthorizedException;

/** The work of {@code backcheck serve}, apart from the command so that its classes load only when it runs. */
final class ServeRun {

    private ServeRun() {
    }

    /** The most a token file may hold: a long JWT is a few KiB; anything far larger is the wrong file. */
    private static final int MAX_TOKEN_FILE_BYTES = 64 * 1024;

    /**
     * What {@code serve} was asked for; {@code dbUrl}, {@code report}, {@code terminologyUrl},
     * {@code terminologyTokenFile}, {@code dataDir} and {@code adminTokenFile} may be null (not given).
     */
    record Settings(String host, int port, Path trustedIssuers, boolean insecureDev, String publicUrl, String dbUrl,
                    List<String> corsOrigins, Path report, String terminologyUrl, Path terminologyTokenFile,
                    String fhirServers, Path dataDir, Path adminTokenFile) { }

    static void serveUntilStopped(Settings s, PrintWriter out, PrintWriter err) throws InterruptedException, IOException {
        Clock clock = Clock.systemUTC();
        DataDir data = DataDir.resolve(s.dataDir());
        // Cards link to --public-url when given, never to a request's Host header; a hook call may name an
        // http FHIR server on this machine only in a local demo (--insecure-dev).
        FhirServers fhirServers = s.fhirServers() == null ? FhirServers.ANY : FhirServers.of(s.fhirServers(), s.insecureDev());
        BackcheckServer.Builder builder = BackcheckServer.builder()
                .deployment(new org.backcheck.service.cdshooks.CdsHooksService.Deployment(s.publicUrl(), s.insecureDev(), fhirServers));
        // First, so that a bad URL or token file stops serve before anything is opened.
        String terminology = terminology(s, builder);
        AdminToken admin = adminToken(s.adminTokenFile());
        CdsSecurity security = security(s, clock, err);
        FeedbackStore store = JdbcFeedbackStore.open(s.dbUrl() != null ? s.dbUrl() : "jdbc:sqlite:" + data.feedbackDb(),
                System.getenv());
        Supplier<Path> report = s.report() != null ? s::report : data::demoReport;
        BackcheckServer server = builder
                .feedbackStore(store)
                .adminToken(admin)
                .corsOrigins(s.corsOrigins())
                .cdsSecurity(security != null ? security::check : ServeRun::refuseAll)
                .report(report)
                .build();
        try {
            server.start(s.host(), s.port());
        } catch (RuntimeException e) {
            server.stop();
            store.close();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new UncheckedIOException(new IOException("cannot listen on " + s.host() + ":" + s.port()
                            + " (" + t.getMessage() + "); is another server using the port? Choose another with --port"));
                }
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            store.close();
            stopped.countDown();
        }, "backcheck-serve-stop"));
        if (fhirServers.any()) {
            err.println("Warning: no --fhir-servers: a CDS call may have Backcheck read, with the EHR's access token, from any "
                    + "https FHIR server it names. List your EHRs' FHIR base URLs with --fhir-servers URL,...");
        } else {
            out.println("FHIR reads only from: " + String.join(", ", fhirServers.bases().stream()
                    .map(u -> URI.create(u).getHost()).toList()) + " (--fhir-servers).");
        }
        err.flush();
        String host = s.host();
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        out.printf("Backcheck is running at http://%s:%d/ (Ctrl-C to stop)%n", shown, server.port());
        out.printf("CDS Hooks discovery: http://%s:%d/cds-services%n", shown, server.port());
        out.printf("Audit report: http://%s:%d/report (from %s)%n", shown, server.port(), s.report() != null ? s.report()
                : "the latest 'backcheck demo' report, recorded in " + data.path().resolve(DataDir.DEMO_REPORT_POINTER));
        out.printf("Card feedback is stored in %s%n", store);
        out.println(admin.isOn() ? "Feedback summary: /api/feedback/summary with the --admin-token-file token."
                : "Feedback summary: off (403) until started with --admin-token-file FILE.");
        out.println(terminology);
        if (security == null) {
            out.println("CDS Hooks calls are refused until you name the EHRs to trust: --trusted-issuers FILE (see --help).");
        }
        out.flush();
        stopped.await();
    }

    /**
     * Gives the builder the terminology server, if any, and returns the start-up line about it: the host
     * only (the path can name a tenant or an account, and start-up output ends up in shared logs), and
     * never the token.
     *
     * @throws IllegalArgumentException for a URL or token the server would refuse, or an empty token file
     */
    private static String terminology(Settings s, BackcheckServer.Builder builder) throws IOException {
        if (s.terminologyUrl() == null) {
            return "No terminology server (--terminology-url): SNOMED CT concepts not on Backcheck's list are unclassified,"
                    + " and the cards say so.";
        }
        String token = s.terminologyTokenFile() == null ? null : readToken("--terminology-token-file", s.terminologyTokenFile());
        builder.terminologyServer(s.terminologyUrl(), token);
        return "SNOMED CT concepts not on Backcheck's list are checked with the terminology server at "
                + URI.create(s.terminologyUrl().strip()).getHost() + (token == null ? " (no token)" : " (with a bearer token)") + ".";
    }

    /**
     * Reads a bearer token from its file, without the whitespace around it (a trailing newline, mostly).
     *
     * @param option the option that named the file, for messages
     * @throws IOException naming the option and the file, never the content
     * @throws IllegalArgumentException for an empty or oversized file
     */
    private static String readToken(String option, Path file) throws IOException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_TOKEN_FILE_BYTES) {
                throw new IllegalArgumentException(option + " " + file + " is larger than "
                        + MAX_TOKEN_FILE_BYTES / 1024 + " KiB; it should hold the bearer token only.");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read " + option + " " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read " + option + " " + file + ": permission denied");
        }
        String token = new String(bytes, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException(option + " " + file
                    + " is empty; put the bearer token in it, or leave the option out.");
        }
        return token;
    }

    /** The summary's token from --admin-token-file, or none (the summary off); the messages never quote it. */
    private static AdminToken adminToken(Path file) throws IOException {
        if (file == null) {
            return AdminToken.off();
        }
        try {
            return AdminToken.of(readToken("--admin-token-file", file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--admin-token-file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Verifying security from --trusted-issuers; the insecure one, announced loudly; or null (refuse every call). */
    private static CdsSecurity security(Settings s, Clock clock, PrintWriter err) throws IOException {
        if (s.insecureDev()) {
            err.println(CdsSecurity.INSECURE_DEV_WARNING);
            err.flush();
            return CdsSecurity.insecureDev();
        }
        if (s.trustedIssuers() == null) {
            return null;
        }
        org.backcheck.service.security.Audience audience = ServeAudience.of(s.publicUrl(), s.host());
        TokenVerifier verifier = new TokenVerifier(TrustedIssuersFile.load(s.trustedIssuers(), clock), clock);
        return CdsSecurity.verifying(verifier, audience);
    }

    private static void refuseAll(io.javalin.http.Context ctx) {
        if (io.javalin.http.HandlerType.OPTIONS.equals(ctx.method())) {
            return;
        }
        CdsSecurity.writeUnauthorized(ctx, new UnauthorizedException(
                "this server trusts no EHR yet: start it with --trusted-issuers FILE (or --insecure-dev for a local demo)"));
        ctx.skipRemainingHandlers();
    }
}
