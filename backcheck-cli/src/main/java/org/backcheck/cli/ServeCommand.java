package org.backcheck.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Runs Backcheck's point-of-care page, its JSON API (POST /api/assessments) and its CDS Hooks",
            "service for lumbar imaging orders (GET /cds-services) until Ctrl-C.",
            "Nothing entered on the page is stored, and request bodies are never logged.",
            "CDS Hooks calls must carry a JWT signed (ES384 or RS384) by an issuer listed in --trusted-issuers;",
            "without that file every CDS call is refused (401). Card feedback is stored in --db-url (by default in",
            "--data-dir), and its summary (GET /api/feedback/summary) needs --admin-token-file.",
            "It listens on this machine only unless --host says otherwise; it has no TLS of its own,",
            "so put it behind your organisation's TLS and access controls before opening it to a network."},
        footer = {"", "Example: backcheck serve --port 8080 --trusted-issuers issuers.json, then open http://localhost:8080/",
            "issuers.json: {\"issuers\":[{\"iss\":\"https://ehr.example.org\",\"jwks_url\":\"https://ehr.example.org/jwks\"}]}"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "TCP port (default 8080; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--trusted-issuers", paramLabel = "FILE",
            description = "JSON file of the EHRs allowed to call the CDS service and their keys: "
                    + "{\"issuers\":[{\"iss\":...,\"jwks\":{...}} or {\"iss\":...,\"jwks_url\":...}]}. A missing or invalid "
                    + "file stops serve with exit 2, naming the file and the line or entry that is wrong.")
    Path trustedIssuers;

    @Option(names = "--insecure-dev",
            description = "Accept CDS calls without checking their tokens. For a local demo only: never on a network.")
    boolean insecureDev;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "The address EHRs call (e.g. https://cds.example.org behind a proxy): a CDS token's aud must be this URL "
                    + "followed by /cds-services/{id}. Required with --trusted-issuers unless --host is this machine only; then aud "
                    + "must be http://127.0.0.1:PORT/cds-services/{id}. Never taken from a request's Host header.")
    String publicUrl;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "Where card feedback is stored: jdbc:sqlite:FILE (default feedback.db in --data-dir) or "
                    + "jdbc:postgresql://HOST/DB (user and password in the URL or BACKCHECK_DB_USER / BACKCHECK_DB_PASSWORD).")
    String dbUrl;

    @Option(names = "--cors-origin", paramLabel = "ORIGIN",
            description = "A browser origin allowed to call the CDS service (repeatable; default: any origin).")
    List<String> corsOrigins = List.of();

    @Option(names = "--terminology-url", paramLabel = "URL",
            description = "An https FHIR terminology server base (e.g. Ontoserver or Snowstorm), asked whether a SNOMED CT concept "
                    + "not on Backcheck's list is under a red-flag concept; each answer cached 24 h, 1.5 s deadline. "
                    + "Without it, or when it fails, such a concept is unclassified and the card says so.")
    String terminologyUrl;

    @Option(names = "--terminology-token-file", paramLabel = "FILE",
            description = "A file holding the terminology server's bearer token (never the token itself on the command line, "
                    + "where ps would show it).")
    Path terminologyTokenFile;

    @Option(names = "--fhir-servers", paramLabel = "URL,...",
            description = "The FHIR base URLs a CDS call's fhirServer may name (that URL or a path below it), comma-separated, "
                    + "e.g. https://ehr.example.org/fhir. Others are refused (400). Default: any https server, with a warning at start. "
                    + "Whatever the server, all reads of one call share a 2 s deadline, bodies are capped at 4 MiB, and every "
                    + "failure gets the same answer at the deadline.")
    String fhirServers;

    @Option(names = "--report", paramLabel = "FILE",
            description = "The audit report shown at /report (default: the latest report 'backcheck demo' made, "
                    + "wherever it was run, as recorded in --data-dir).")
    Path report;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where serve keeps its data (the feedback database) and finds the latest demo report, whatever "
                    + "the working folder (default $XDG_DATA_HOME/backcheck, else ~/.local/share/backcheck).")
    Path dataDir;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "A file holding the bearer token (at least 16 characters, e.g. from 'openssl rand -hex 32') that "
                    + "opens GET /api/feedback/summary. Without it the summary is off (403). A file, not the token itself, "
                    + "so that ps does not show it.")
    Path adminTokenFile;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, not " + port);
        }
        if (insecureDev && trustedIssuers != null) {
            throw new IllegalArgumentException("--insecure-dev and --trusted-issuers exclude each other: choose one");
        }
        if (insecureDev && !org.backcheck.service.security.Audience.isLoopback(host)) {
            throw new IllegalArgumentException("--insecure-dev accepts unsigned CDS calls, so it listens on this machine only: "
                    + "leave --host at 127.0.0.1 (or ::1), or use --trusted-issuers with --public-url on a network");
        }
        if (terminologyTokenFile != null && terminologyUrl == null) {
            throw new IllegalArgumentException("--terminology-token-file needs --terminology-url: the server the token is for");
        }
        // The server's classes (Javalin, Jetty) load only here, never for other commands.
        ServeRun.serveUntilStopped(new ServeRun.Settings(host, port, trustedIssuers, insecureDev, publicUrl, dbUrl, corsOrigins,
                        report, terminologyUrl, terminologyTokenFile, fhirServers, dataDir, adminTokenFile),
                spec.commandLine().getOut(), spec.commandLine().getErr());
        return ExitCodes.OK;
    }
}
