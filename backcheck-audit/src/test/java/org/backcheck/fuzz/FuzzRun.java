package org.backcheck.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A bounded, deterministic fuzz run of one target (a generator-based stand-in for Jazzer, whose
 * JUnit integration fuzzes only one test per run): first every kept regression input under
 * {@code src/test/resources/fuzz/<target>/}, then mutations of the valid seeds until the budget is
 * spent. Each input must pass the target's checks within {@link #CASE_LIMIT}; the first that does
 * not fails the test, naming the case, and is written to {@code target/fuzz-failures/} to be kept
 * as a regression file.
 *
 * <p>Budget, by system property (e.g. {@code mvn test -Dbackcheck.fuzz.seconds=300}):
 * {@code backcheck.fuzz.seconds} per target (default {@value #DEFAULT_SECONDS}; five targets keep
 * the default under 90 s of CI), {@code backcheck.fuzz.cases} at most (default no limit),
 * {@code backcheck.fuzz.seed} the first seed (default 1). Case {@code n} always uses seed
 * {@code seed + n}, so any failure can be replayed.
 */
public final class FuzzRun {

    /** Checks one input; throws (an AssertionError, or anything unexpected) when the input breaks an invariant. */
    @FunctionalInterface
    public interface Target {
        void check(byte[] input) throws Exception;
    }

    /** Makes case {@code caseSeed}'s input from a valid seed input. */
    @FunctionalInterface
    public interface Mutation {
        byte[] mutate(byte[] seed, long caseSeed);
    }

    public static final int DEFAULT_SECONDS = 12;
    public static final Duration CASE_LIMIT = Duration.ofSeconds(10);

    private final String name;
    private final Class<?> anchor;
    private final List<byte[]> seeds;
    private final Mutation mutation;

    /** A run that mutates the seeds byte by byte ({@link ByteMutator}). */
    public FuzzRun(String name, Class<?> anchor, List<byte[]> seeds) {
        this(name, anchor, seeds, (seed, caseSeed) -> new ByteMutator(caseSeed).mutate(seed));
    }

    /**
     * @param name     the target's name: its regression folder and file prefix
     * @param anchor   a test class of the module, to find {@code fuzz/<name>/} on its class path
     * @param seeds    valid inputs to mutate
     * @param mutation how a case's input is made from a seed
     */
    public FuzzRun(String name, Class<?> anchor, List<byte[]> seeds, Mutation mutation) {
        this.name = name;
        this.anchor = anchor;
        this.seeds = List.copyOf(seeds);
        this.mutation = mutation;
    }

    /** Runs the regression inputs, the seeds themselves and then mutations; returns how many inputs were checked. */
    public int run(Target target) throws Exception {
        long seconds = Long.getLong("backcheck.fuzz.seconds", DEFAULT_SECONDS);
        long maxCases = Long.getLong("backcheck.fuzz.cases", Long.MAX_VALUE);
        long firstSeed = Long.getLong("backcheck.fuzz.seed", 1);
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-" + name);
            t.setDaemon(true);
            return t;
        });
        int checked = 0;
        try {
            List<String> broken = new java.util.ArrayList<>();
            for (Path kept : regressionFiles()) {
                try {
                    checkOne(worker, target, Files.readAllBytes(kept), "regression file " + kept.getFileName());
                } catch (AssertionError e) {
                    broken.add(e.getMessage());
                }
                checked++;
            }
            if (!broken.isEmpty()) {   // all of them, not just the first
                throw new AssertionError(String.join("\n", broken));
            }
            for (int i = 0; i < seeds.size(); i++) {
                checkOne(worker, target, seeds.get(i), "seed " + i);
                checked++;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            for (long n = 0; n < maxCases && System.nanoTime() < deadline; n++) {
                long seed = firstSeed + n;
                byte[] input = mutation.mutate(seeds.get((int) (n % seeds.size())), seed);
                checkOne(worker, target, input, "case " + n + " (-Dbackcheck.fuzz.seed=" + seed + " -Dbackcheck.fuzz.cases=1)");
                checked++;
            }
        } finally {
            worker.shutdownNow();
        }
        System.out.println("fuzz " + name + ": " + checked + " inputs checked (budget " + seconds + " s)");
        return checked;
    }

    private void checkOne(ExecutorService worker, Target target, byte[] input, String what) throws Exception {
        Future<?> done = worker.submit(() -> {
            target.check(input);
            return null;
        });
        try {
            done.get(CASE_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            throw new AssertionError(name + ": " + what + " took over " + CASE_LIMIT.toSeconds() + " s; input kept in "
                    + keep(input, what), e);
        } catch (ExecutionException e) {
            throw new AssertionError(name + ": " + what + " broke an invariant: " + e.getCause() + "; input kept in "
                    + keep(input, what), e.getCause());
        }
    }

    private List<Path> regressionFiles() {
        URL folder = anchor.getResource("/fuzz/" + name);
        if (folder == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path keep(byte[] input, String what) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            Path file = dir.resolve(name + "-" + what.replaceAll("[^A-Za-z0-9]+", "-") + ".bin");
            Files.write(file, input);
            return file.toAbsolutePath();
        } catch (IOException e) {
            return Path.of("(could not be written: " + e.getMessage() + ")");
        }
    }
}
