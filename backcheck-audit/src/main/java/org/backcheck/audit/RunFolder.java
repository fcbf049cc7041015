package org.backcheck.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.backcheck.extract.Excerpt;
import org.backcheck.report.OutputWriteException;

/**
 * One run's claim on its output folder ({@code --out DIR}), so that a folder never mixes two runs
 * and a reader never sees a half-written set.
 *
 * <ul>
 *   <li>For the whole run an exclusive lock is held on {@code .DIR.backcheck.lock} beside the folder
 *       ({@link FileChannel#tryLock()}: an operating-system lock, released when the process ends,
 *       however it ends). A second run on the same folder is refused at once.</li>
 *   <li>Every output is written into a fresh staging folder beside the target,
 *       {@code .DIR.partial-<random>}, on the same file system, so that moving it is a rename.</li>
 *   <li>{@link #commit()} moves the previous outputs aside ({@code .DIR.previous-<random>}),
 *       renames the staging folder to DIR and then deletes the previous outputs. Until then DIR
 *       holds exactly what it held before the run.</li>
 *   <li>A run that ends without {@link #commit()} (an error, or Ctrl-C / SIGTERM, through a
 *       shutdown hook) deletes its staging folder. A run killed outright ({@code kill -9}, power
 *       loss) may leave one; the next run on the folder, holding the lock, removes it.</li>
 * </ul>
 *
 * <p>Because DIR is replaced as a whole, a folder that holds anything other than Backcheck's outputs
 * (files the user put there) is refused rather than replaced.
 */
public final class RunFolder implements AutoCloseable {

    /** Names a run may leave in its folder: the single-machine audit's files, the report's, the Spark job's folders. */
    static final Set<String> OUTPUT_NAMES = java.util.stream.Stream.concat(java.util.stream.Stream.of("matches.csv",
            "rejected.csv", "summary.json", "matches", "rejected", "by_provider_month", "by_status"),
            org.backcheck.report.ReportFiles.ALL.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final Path target;
    private final Path staging;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Thread cleanup;
    private boolean finished;

    private RunFolder(Path target, Path staging, FileChannel lockFile, FileLock lock) {
        this.target = target;
        this.staging = staging;
        this.lockFile = lockFile;
        this.lock = lock;
        this.cleanup = new Thread(this::abandon, "backcheck-remove-partial-outputs");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /**
     * Claims {@code dir} for one run: takes the lock, checks the folder and makes the staging folder.
     *
     * @throws FolderInUseException     when another run holds the folder
     * @throws IllegalArgumentException when {@code dir} is a file, or a folder holding files Backcheck did not write
     */
    public static RunFolder claim(Path dir) throws IOException {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IllegalArgumentException("--out " + dir + " is the root folder: give a folder for this run's outputs");
        }
        checkTarget(dir);
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        FileChannel channel = FileChannel.open(parent.resolve("." + name + ".backcheck.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this process already
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new FolderInUseException(target);
        }
        try {
            removeLeftovers(parent, name, target);
            refuseForeignFiles(target);
            Path staging = Files.createDirectory(parent.resolve("." + name + ".partial-" + UUID.randomUUID()));
            return new RunFolder(target, staging, channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Checks {@code --out} before anything is read: a folder, or a path where one can be made.
     *
     * @throws IllegalArgumentException when {@code out} exists and is not a folder (a file, or a device such as /dev/null)
     */
    public static void checkTarget(Path out) {
        if (!Files.exists(out) || Files.isDirectory(out)) {
            return;
        }
        String what = Files.isRegularFile(out) ? "an existing file" : "a device or other special file";
        throw new IllegalArgumentException("--out " + out + " is " + what + ", not a folder: --out names the folder the "
                + "outputs are written into (it is made if missing), so give a folder path, e.g. --out audit-out");
    }

    /** Where this run writes its outputs. */
    public Path staging() {
        return staging;
    }

    /** The folder the outputs will be in once committed. */
    public Path target() {
        return target;
    }

    /** Puts the staged outputs in place of the folder's previous contents. */
    public synchronized void commit() throws IOException {
        if (finished) {
            throw new IllegalStateException("this run's outputs are already committed or removed");
        }
        Path parent = target.getParent();
        Path previous = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            previous = parent.resolve("." + target.getFileName() + ".previous-" + UUID.randomUUID());
            Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (previous != null) {
                Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        finished = true;
        if (previous != null) {
            deleteTree(previous);
        }
    }

    /**
     * The message for a failure while writing an output: which file, in which folder, why, and
     * that the folder is as it was.
     */
    public IOException explain(OutputWriteException e) {
        String state = Files.isDirectory(target) ? target + " is left as it was before this run."
                : "no outputs were left.";
        return new IOException("could not write " + e.file() + " in " + target + ": " + e.reason() + ". Nothing was "
                + "replaced: " + state + " Make room (or fix the folder's permissions) and run again.", e);
    }

    /** Removes the staging folder unless committed, and releases the folder. */
    @Override
    public void close() throws IOException {
        try {
            abandon();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            lock.release();
            lockFile.close();
        }
    }

    private synchronized void abandon() {
        if (!finished) {
            finished = true;
            try {
                deleteTree(staging);
            } catch (IOException e) {
                // Left for the next run on this folder, which removes leftovers.
            }
        }
    }

    /** Staging and previous folders of a run that was killed outright; a previous set put back if it never was. */
    private static void removeLeftovers(Path parent, String name, Path target) throws IOException {
        List<Path> found = new ArrayList<>();
        // Matched literally, not as a glob: a folder named a[1] or a? must not take a1's leftovers (security review F3).
        String partial = "." + name + ".partial-";
        String previous = "." + name + ".previous-";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(partial) || n.startsWith(previous);
        })) {
            siblings.forEach(found::add);
        }
        for (Path p : found) {
            if (p.getFileName().toString().startsWith("." + name + ".previous-") && !Files.exists(target)) {
                Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
            } else {
                deleteTree(p);
            }
        }
    }

    private static void refuseForeignFiles(Path target) throws IOException {
        if (!Files.isDirectory(target)) {
            return;
        }
        List<String> foreign = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                if (!OUTPUT_NAMES.contains(n)) {
                    foreign.add(n);
                }
            }
        }
        if (!foreign.isEmpty()) {
            foreign.sort(null);
            throw new IllegalArgumentException("--out " + target + " holds " + foreign.size() + " file(s) Backcheck did not "
                    + "write (" + Excerpt.of(String.join(", ", foreign)) + "). A run replaces its output folder as a whole, "
                    + "so give a new or empty folder, or one holding only an earlier run's outputs.");
        }
    }

    /** Deletes a folder and everything in it; files created meanwhile (by a run still writing) are deleted too. */
    static void deleteTree(Path root) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                deleteOnce(root);
                return;
            } catch (DirectoryNotEmptyException e) {
                if (attempt == 10) {
                    throw e;
                }
            } catch (NoSuchFileException gone) {
                return;
            }
        }
    }

    private static void deleteOnce(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(p)) {
                entries.forEach(children::add);
            } catch (NoSuchFileException gone) {
                return;
            }
            for (Path c : children) {
                deleteOnce(c);
            }
        }
        Files.deleteIfExists(p);
    }
}
