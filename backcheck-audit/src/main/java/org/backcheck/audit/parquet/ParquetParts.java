package org.backcheck.audit.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.backcheck.extract.UnreadableExtractException;

/**
 * The Parquet files of one extract, in the order their rows are read: a single file, or the part
 * files of a folder (as Spark, DuckDB or pandas write them) in name order. In a folder, names
 * starting with {@code .} or {@code _} ({@code _SUCCESS}, Hadoop's hidden files) and {@code .crc}
 * checksums are markers, not data. Anything else that is not a {@code .parquet} file is refused
 * rather than skipped, so that no rows are silently left out.
 *
 * <p>Uses nothing of the Parquet library: deciding whether an input is Parquet costs a CSV run one
 * small read.
 */
public record ParquetParts(Path input, List<Path> files) {

    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    public ParquetParts {
        files = List.copyOf(files);
    }

    /**
     * True for a folder, a file named {@code *.parquet}, or a file that starts with Parquet's magic
     * bytes {@code PAR1} (whatever its name). False for a missing file.
     */
    public static boolean isParquet(Path input) throws IOException {
        if (Files.isDirectory(input)) {
            return true;
        }
        if (!Files.isRegularFile(input)) {
            return false;
        }
        return hasParquetName(input) || startsWithMagic(input);
    }

    /** The files to read for {@code input}, which {@link #isParquet} accepted. */
    public static ParquetParts of(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            if (!startsWithMagic(input)) {
                throw new UnreadableExtractException(input + " is not a Parquet file: it does not start with the bytes PAR1 "
                        + "that every Parquet file starts with (is it text named .parquet?)");
            }
            return new ParquetParts(input, List.of(input));
        }
        List<Path> parts = new ArrayList<>();
        List<String> others = new ArrayList<>();
        try (Stream<Path> entries = Files.list(input)) {
            for (Path entry : entries.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                String name = entry.getFileName().toString();
                if (name.equals("_delta_log")) {
                    throw new UnreadableExtractException(input + " is a Delta table: its .parquet files include rows that later "
                            + "versions removed. Write the table out as plain Parquet (df.write.parquet(...)) or CSV first.");
                }
                if (name.startsWith(".") || name.startsWith("_") || name.endsWith(".crc")) {
                    continue; // _SUCCESS, _committed_*, .part-0.parquet.crc and other markers
                }
                if (Files.isRegularFile(entry) && hasParquetName(entry)) {
                    parts.add(entry);
                } else {
                    others.add(name + (Files.isDirectory(entry) ? "/" : ""));
                }
            }
        }
        if (parts.isEmpty()) {
            throw new IOException(input + " is a folder without .parquet files: give the extract file, "
                    + "or a folder of Parquet part files");
        }
        if (!others.isEmpty()) {
            throw new UnreadableExtractException(input + " holds " + String.join(", ", others) + " beside its .parquet parts. "
                    + "Only .parquet files are read (folders of partitions such as year=2024/ are not: the partition value "
                    + "is not in the files); move the rest out, so that no rows are left out unseen.");
        }
        return new ParquetParts(input, parts);
    }

    /** Bytes on disk of all the files: the measure of progress. */
    public long totalBytes() throws IOException {
        long total = 0;
        for (Path f : files) {
            total += Files.size(f);
        }
        return total;
    }

    private static boolean hasParquetName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }

    private static boolean startsWithMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(MAGIC.length);
            return java.util.Arrays.equals(start, MAGIC);
        }
    }
}
