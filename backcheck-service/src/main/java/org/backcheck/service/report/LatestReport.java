package org.backcheck.service.report;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.backcheck.service.ProblemException;

/**
 * {@code GET /report}: the latest audit report on this machine (by default the one
 * {@code backcheck demo} writes), served as the file it is. The report is self-contained, so the page
 * gets a policy that allows its inline styles and nothing else: no scripts, no connections, no
 * frames. The file is looked up and read on each request, so a new demo run shows without a restart.
 * Without a report, a browser (which asks for text/html) gets a page saying how to make one, and any
 * other client the same as an RFC 9457 problem.
 */
public final class LatestReport implements Handler {

    /** Larger than any report Backcheck writes (a national extract's is a few MB); refuses anything odd. */
    static final long MAX_BYTES = 64L << 20;

    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final Supplier<Path> file;

    /** @param file gives the report's path on each request, or null when there is none */
    public LatestReport(Supplier<Path> file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The report at a fixed path. */
    public LatestReport(Path file) {
        this(() -> file);
    }

    @Override
    public void handle(Context ctx) throws IOException {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("Cache-Control", "no-store");
        Path file = this.file.get();
        if (file == null || !Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
            String accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/html")) {
                throw ProblemException.notFound("No audit report yet: run './backcheck demo', or 'backcheck audit' and "
                        + "start the server with --report DIR/report.html.");
            }
            ctx.status(404).contentType("text/html; charset=utf-8").result("""
                    <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>No audit report yet</title></head>
                    <body><h1>No audit report yet</h1>
                    <p>Run <code>./backcheck demo</code> to make one from sample data, then reload this page.
                    To show the report of your own extract, run <code>backcheck audit --input FILE --out DIR</code> and
                    start the server with <code>backcheck serve --report DIR/report.html</code>.</p>
                    <p><a href="/">Back to the assessment page</a></p></body></html>
                    """);
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(Files.readAllBytes(file));
    }
}
