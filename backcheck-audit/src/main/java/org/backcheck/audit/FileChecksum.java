package org.backcheck.audit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.backcheck.report.InputDigest;
import org.backcheck.report.InputIdentity;
import org.backcheck.report.PendingIdentity;

/**
 * The SHA-256 of an input file, or of a folder's parts, taken while the audit reads it (see
 * {@link InputDigest} for what is hashed). The hashing is {@link InputDigest}'s either way; where it
 * runs depends on the JIT compiler. The launcher runs the audit with C1 only (see the {@code
 * backcheck} script), and C1 does not use the processor's SHA instructions: hashing there costs about
 * 8 ns a byte, as much CPU again as the audit itself. So a large file is hashed in a small JVM of its
 * own with the JVM's default compilers (about 0.25 s of CPU for 333 MB on the build machine); a small
 * one, or any file when this JVM has C2, on a thread of this JVM. If the child JVM cannot be started
 * or fails, or has not finished within {@link #CHILD_TIMEOUT} (then it is stopped), the file is hashed on
 * a thread here.
 */
final class FileChecksum {

    /** Below this, starting a JVM costs more than hashing with C1. */
    static final long CHILD_JVM_FROM_BYTES = 32L << 20;

    private FileChecksum() {
    }

    /** Starts hashing {@code input} (a file, or a folder whose parts are {@code parts}) on a thread of its own. */
    static PendingIdentity start(Path input, List<Path> parts) {
        return PendingIdentity.start(() -> identity(input, parts, ownJitLacksC2()));
    }

    static InputIdentity identity(Path input, List<Path> parts, boolean preferChild) throws IOException {
        List<Path> files = Files.isDirectory(input) ? parts : List.of(input);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        Map<Path, String> sums = preferChild && bytes >= CHILD_JVM_FROM_BYTES ? inChildJvm(files) : Map.of();
        if (sums.isEmpty()) {
            return InputDigest.of(input, parts);
        }
        if (!Files.isDirectory(input)) {
            return new InputIdentity(InputDigest.name(input), Files.size(input), sums.get(input), InputIdentity.FILE);
        }
        Map<String, InputIdentity> byName = new LinkedHashMap<>();
        for (Path part : parts) {
            byName.put(InputDigest.partName(input, part),
                    new InputIdentity(InputDigest.name(part), Files.size(part), sums.get(part), InputIdentity.FILE));
        }
        return InputDigest.ofParts(InputDigest.name(input), byName);
    }

    /** The longest a child JVM may take to hash its files before it is stopped and the files are hashed here. */
    static final Duration CHILD_TIMEOUT = Duration.ofMinutes(10);

    /** Each file's SHA-256 from a child JVM running {@link #main}; empty when that fails or takes too long. */
    static Map<Path, String> inChildJvm(List<Path> files) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx64m", "-cp", System.getProperty("java.class.path"), FileChecksum.class.getName()));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        return fromChild(command, files, CHILD_TIMEOUT);
    }

    /**
     * Each file's SHA-256 as the child process {@code command} prints it, one line each in order; empty when
     * the child cannot be started, fails, prints anything else, or has not finished within {@code timeout}
     * (then it is stopped). Its output is read on a thread of its own, so that the one timeout covers both
     * the output and the exit: a child that hangs with its output open cannot hang the run.
     */
    static Map<Path, String> fromChild(List<String> command, List<Path> files, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return Map.of();
        }
        // A run that ends early (a failure, Ctrl-C) takes its hashing child with it.
        Thread stopChild = new Thread(p::destroyForcibly, "stop checksum child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            p.getOutputStream().close();
            FutureTask<List<String>> output = new FutureTask<>(
                    () -> new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            Thread reader = new Thread(output, "checksum child output");
            reader.setDaemon(true);
            reader.start();
            List<String> lines = output.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            boolean done = p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!done || p.exitValue() != 0 || lines.size() != files.size()) {
                return Map.of();
            }
            Map<Path, String> out = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                if (!lines.get(i).matches("[0-9a-f]{64}")) {
                    return Map.of();
                }
                out.put(files.get(i), lines.get(i));
            }
            return out;
        } catch (IOException | ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } finally {
            // Stopped when it failed or took too long (its output then ends, and the reader with it).
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs and stops the child
            }
        }
    }

    /** Whether this JVM was started without C2 ({@code -XX:TieredStopAtLevel} below 4), as the launcher starts it. */
    static boolean ownJitLacksC2() {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-XX:TieredStopAtLevel=")) {
                return !arg.endsWith("=4");
            }
        }
        return false;
    }

    /** The child JVM: prints each file's SHA-256, one line each, in the order given. */
    public static void main(String[] args) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String file : args) {
            out.append(InputDigest.ofFile(Path.of(file)).sha256()).append('\n');
        }
        System.out.print(out);
    }
}
