package org.backcheck.service.report;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code GET /report}: the latest audit report on this machine (by default the one
 * {@code backcheck demo} writes), served as the file it is. The report is self-contained, so the page
 * gets a policy that allows its inline styles and nothing else: no scripts, no connections, no
 * frames. The file is read on each request, so a new demo run shows without a restart.
 */
public final class LatestReport implements Handler {

    /** Larger than any report Backcheck writes (a national extract's is a few MB); refuses anything odd. */
    static final long MAX_BYTES = 64L << 20;

    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'";

    private final Path file;

    public LatestReport(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public void handle(Context ctx) throws IOException {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("Cache-Control", "no-store");
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
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
