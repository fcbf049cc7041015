package org.backcheck.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.backcheck.report.InputDigest;
import org.backcheck.report.InputIdentity;
import org.backcheck.report.PendingIdentity;

/**
 * The input's name, size and SHA-256 for the job's provenance, read on the driver through Hadoop's
 * file system while the executors audit it: a file's bytes as stored, or, for a folder, its parts
 * (the files {@link InputFiles#list} reads) combined as {@link InputIdentity#PARTS} describes, so that
 * the single-machine audit gives the same file or folder the same checksum.
 */
final class SparkInputIdentity {

    private SparkInputIdentity() {
    }

    /** Starts reading the input on a thread of its own. */
    static PendingIdentity start(String input, Configuration conf) {
        return PendingIdentity.start(() -> of(input, conf));
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
