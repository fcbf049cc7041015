package org.backcheck.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.backcheck.measure.LikePattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hot kernel of the audit: one LIKE '%U05[45]%' test on a typical procedure field. Compares
 * the compiled segment matcher (bytes and chars) with java.util.regex doing the same search.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LikePatternBenchmark {

    private final String[] fields = {"X999", "U051,X621", "", "u055", "||U135 ,Z665 ||X999", "Y981,U212,O162", "X62.1", "&"};
    private final byte[][] bytes = new byte[fields.length][];
    private final LikePattern like = LikePattern.compile("%U05[45]%");
    private final Pattern regex = Pattern.compile("U05[45]", Pattern.CASE_INSENSITIVE);

    public LikePatternBenchmark() {
        for (int i = 0; i < fields.length; i++) {
            bytes[i] = fields[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    @Benchmark
    public int likeOnBytes() {
        int n = 0;
        for (byte[] b : bytes) {
            if (like.matches(b, 0, b.length)) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public int likeOnStrings() {
        int n = 0;
        for (String f : fields) {
            if (like.matches(f)) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    public int regexFind() {
        int n = 0;
        for (String f : fields) {
            if (regex.matcher(f).find()) {
                n++;
            }
        }
        return n;
    }
}
