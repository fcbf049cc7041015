package org.backcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code backcheck audit --engine spark}: the same audit as a local Apache Spark job
 * ({@code org.backcheck.spark.SparkAudit} in backcheck-spark), run in a JVM of its own because
 * Spark's 170 jars are not in this one. The job's class path is the argument file that module's
 * build writes ({@code backcheck-spark/target/spark-local.args}); its exit codes are audit's.
 */
final class SparkEngine {

    static final String MAIN_CLASS = "org.backcheck.spark.SparkAudit";
    static final String ARGS_FILE_ENV = "BACKCHECK_SPARK_ARGS";

    private SparkEngine() {
    }

    /** Runs the job; returns its exit code. {@code jobArgs} are SparkAudit's, apart from --master. */
    static int run(List<String> jobArgs, int threads) throws IOException, InterruptedException {
        Path argsFile = argsFile();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-XX:+UseParallelGC");
        command.add("@" + argsFile);
        command.add(MAIN_CLASS);
        command.add("--master");
        command.add(threads == 0 ? "local[*]" : "local[" + threads + "]");
        command.addAll(jobArgs);
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        // Spark looks up this machine's address unless told; on loopback it needs nothing else.
        pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start().waitFor();
    }

    /** The job's argument file: from BACKCHECK_SPARK_ARGS, else beside this jar in the source tree. */
    static Path argsFile() {
        String given = System.getenv(ARGS_FILE_ENV);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(ARGS_FILE_ENV + " names " + p + ", which does not exist");
            }
            return p;
        }
        Path jar;
        try {
            jar = Path.of(SparkEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot tell where the backcheck jar is", e);
        }
        // backcheck-cli/target/backcheck.jar (or backcheck-cli/target/classes) -> the source tree's root.
        Path root = jar.getParent() == null || jar.getParent().getParent() == null ? null : jar.getParent().getParent().getParent();
        Path args = root == null ? null : root.resolve("backcheck-spark/target/spark-local.args");
        if (args == null || !Files.isRegularFile(args)) {
            throw new IllegalArgumentException("the Spark engine is not built here: run "
                    + "'mvn -B -pl backcheck-spark -am package -DskipTests' in the Backcheck folder (./backcheck does it "
                    + "for you), or set " + ARGS_FILE_ENV + " to its spark-local.args");
        }
        return args;
    }
}
