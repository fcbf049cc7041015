package org.backcheck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.backcheck.service.cdshooks.CdsHookCall;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CDS Hooks call in process (bench/cds-hook.sh runs it): request body to cards JSON through the
 * service's hook handling, without HTTP and without the bearer token's signature check. The bodies are
 * the service tests' order-sign and order-select requests (backcheck-service/src/test/resources/cds/),
 * read from the directory named by the system property {@code backcheck.cds.dir} (default: that folder,
 * relative to the repository root).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CdsHookBenchmark {

    /** Which request: order-sign or order-select (the file {@code <request>-request.json}). */
    @Param({"order-sign", "order-select"})
    public String request;

    private CdsHookCall call;
    private byte[] body;

    @Setup
    public void setUp() {
        Path dir = Path.of(System.getProperty("backcheck.cds.dir", "backcheck-service/src/test/resources/cds"));
        try {
            body = Files.readAllBytes(dir.resolve(request + "-request.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("run from the repository root, or set -Dbackcheck.cds.dir", e);
        }
        call = new CdsHookCall();
        String cards = call.answer(request, body, "http://127.0.0.1:8080");
        if (!cards.contains("\"summary\"")) {
            throw new IllegalStateException("expected a card for " + request + ", got " + cards);
        }
    }

    @Benchmark
    public String answer() {
        return call.answer(request, body, "http://127.0.0.1:8080");
    }
}
