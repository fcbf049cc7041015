package org.backcheck.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.backcheck.report.InputDigest;
import org.backcheck.report.InputIdentity;

/**
 * The input's name, size and SHA-256 for the job's provenance, read on the driver through Hadoop's
 * file system while the executors audit it: a file's bytes as stored, or, for a folder, its parts
 * (the files {@link InputFiles#list} reads) combined as {@link InputIdentity#PARTS} describes, so that
 * the single-machine audit gives the same file or folder the same checksum.
 */
final class SparkInputIdentity {

    private final CompletableFuture<InputIdentity> pending;

    private SparkInputIdentity(CompletableFuture<InputIdentity> pending) {
        this.pending = pending;
    }

    /** Starts reading the input on a thread of its own. */
    static SparkInputIdentity start(String input, Configuration conf) {
        return new SparkInputIdentity(CompletableFuture.supplyAsync(() -> {
            try {
                return of(input, conf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** The identity, once read. */
    InputIdentity get() throws IOException {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
    }

    static InputIdentity of(String input, Configuration conf) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        Path root = fs.getFileStatus(path).getPath();
        String name = root.getName();
        if (!fs.getFileStatus(path).isDirectory()) {
            try (InputStream in = fs.open(root)) {
                return InputDigest.ofStream(in, name, InputIdentity.FILE);
            }
        }
        String prefix = root.toUri().getPath() + "/";
        Map<String, InputIdentity> parts = new TreeMap<>();
        for (FileStatus f : InputFiles.list(input, conf)) {
            String part = f.getPath().toUri().getPath();
            String relative = part.startsWith(prefix) ? part.substring(prefix.length()) : f.getPath().getName();
            try (InputStream in = fs.open(f.getPath())) {
                parts.put(relative, InputDigest.ofStream(in, relative, InputIdentity.FILE));
            }
        }
        return InputDigest.ofParts(name, parts);
    }
}
