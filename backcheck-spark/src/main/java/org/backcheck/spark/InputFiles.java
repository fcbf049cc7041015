package org.backcheck.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.backcheck.extract.UnreadableExtractException;

/** The files an input path names: the file itself, or a folder's data files in name order. */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * Lists the input. In a folder, names starting with {@code _} or {@code .} (Spark's and
     * Hadoop's markers and checksums) and empty files (Spark writes empty parts) are left out.
     */
    static List<FileStatus> list(String input, Configuration conf) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            throw new java.io.FileNotFoundException("no such file or folder: " + input);
        }
        List<FileStatus> files = new ArrayList<>();
        if (!status.isDirectory()) {
            files.add(status);
            return files;
        }
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(path, true);
        while (it.hasNext()) {
            LocatedFileStatus f = it.next();
            if (f.isFile() && f.getLen() > 0 && !hidden(path, f.getPath())) {
                files.add(f);
            }
        }
        files.sort(Comparator.comparing(f -> f.getPath().toString()));
        if (files.isEmpty()) {
            throw new UnreadableExtractException("the folder " + input + " holds no data files");
        }
        return files;
    }

    /** Whether a file, or a folder between it and the input folder, is named as hidden. */
    private static boolean hidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root) && p.depth() > root.depth(); p = p.getParent()) {
            if (p.getName().startsWith("_") || p.getName().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Refuses an output folder that holds the input, or is inside it, which a run would overwrite. */
    static void checkApart(String input, String output, Configuration conf) throws IOException {
        Path in = new Path(input);
        Path out = new Path(output);
        String a = in.getFileSystem(conf).makeQualified(in).toString();
        String b = out.getFileSystem(conf).makeQualified(out).toString();
        if (a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/")) {
            throw new IllegalArgumentException("the input " + input + " and the output folder " + output
                    + " overlap; choose another --output folder");
        }
    }
}
