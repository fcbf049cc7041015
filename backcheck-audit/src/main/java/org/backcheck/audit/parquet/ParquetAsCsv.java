package org.backcheck.audit.parquet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.backcheck.extract.Excerpt;
import org.backcheck.extract.UnreadableExtractException;

/**
 * A Parquet extract (one file, or the part files of a folder in name order) as the comma-separated
 * text the audit reads: a header line of the column names, then one record per Parquet row, in
 * order, each value as {@link ColumnText} writes it, a null as an empty field. So the one reading
 * of records, fields, NULLs and row numbers that the CSV path has serves Parquet too.
 *
 * <p>The first file is opened, and its columns checked, when this is made: a file that is not
 * Parquet, or a column that cannot be text, is reported before any output is written. Every
 * later part must have the same column names in the same order.
 */
public final class ParquetAsCsv extends InputStream {

    /** Text made per refill: large enough that a refill is rare, small enough to stay in cache. */
    private static final int BATCH = 256 << 10;

    private final ParquetParts parts;
    private final long totalBytes;
    private final CsvText text = new CsvText(BATCH + (64 << 10));
    private int taken;
    private int nextPart;
    private ParquetPart part;
    private List<String> header;
    private long bytesOfEarlierParts;
    private boolean done;

    private final ColumnChoice choice;
    private final int maxPageBytes;

    private ParquetAsCsv(ParquetParts parts, ColumnChoice choice, int maxPageBytes) throws IOException {
        this.parts = parts;
        this.totalBytes = parts.totalBytes();
        this.choice = choice;
        this.maxPageBytes = maxPageBytes;
    }

    /** Every column, as a CSV export would have them. */
    public static ParquetAsCsv open(ParquetParts parts) throws IOException {
        return open(parts, ColumnChoice.ALL);
    }

    /** Only the columns {@code choice} keeps (those the audit reads), which saves decoding the others. */
    public static ParquetAsCsv open(ParquetParts parts, ColumnChoice choice) throws IOException {
        return open(parts, choice, ParquetPart.DEFAULT_MAX_PAGE_BYTES);
    }

    /**
     * @param maxPageBytes the largest page (decompressed) read; a file with a larger one is refused
     *                     before the page is decompressed, so that memory stays bounded
     */
    public static ParquetAsCsv open(ParquetParts parts, ColumnChoice choice, int maxPageBytes) throws IOException {
        ParquetAsCsv csv = new ParquetAsCsv(parts, choice, maxPageBytes);
        try {
            csv.openNextPart();
        } catch (IOException | RuntimeException e) {
            csv.close();
            throw e;
        }
        return csv;
    }

    /** Bytes of the Parquet files on disk. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Bytes of the Parquet files read so far (whole row groups): for progress. */
    public long bytesRead() {
        return bytesOfEarlierParts + (part == null ? 0 : part.bytesRead());
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (taken == text.length() && !refill()) {
            return -1;
        }
        int n = Math.min(len, text.length() - taken);
        System.arraycopy(text.bytes(), taken, b, off, n);
        taken += n;
        return n;
    }

    @Override
    public int read() throws IOException {
        if (taken == text.length() && !refill()) {
            return -1;
        }
        return text.bytes()[taken++] & 0xff;
    }

    /** Makes the next batch of text; false at the end of the last part. */
    private boolean refill() throws IOException {
        text.drop(taken);
        taken = 0;
        while (!done && text.length() < BATCH) {
            if (!part.writeRows(text, BATCH)) {
                bytesOfEarlierParts += Files.size(part.file());
                part.close();
                part = null;
                if (nextPart == parts.files().size()) {
                    done = true;
                } else {
                    openNextPart();
                }
            }
        }
        return text.length() > 0;
    }

    private void openNextPart() throws IOException {
        ParquetPart p = ParquetPart.open(parts.files().get(nextPart++), choice, maxPageBytes);
        if (header == null) {
            header = p.names();
            if (header.size() < 2) {
                p.close();
                throw new UnreadableExtractException("the Parquet file " + p.file() + " has " + (header.isEmpty() ? "no columns"
                        : "a single column, " + Excerpt.of(header.get(0))) + ": an extract needs the five columns the measure reads "
                        + "(see backcheck audit --help)");
            }
            // Every name quoted: then only the comma splits the line, whatever characters the names hold.
            for (String name : header) {
                text.quotedField(name);
            }
            text.endRecord();
        } else if (!p.names().equals(header)) {
            p.close();
            throw new UnreadableExtractException("the Parquet part " + p.file() + " has the columns " + Excerpt.ofNames(p.names())
                    + ", but " + parts.files().get(0).getFileName() + " has " + Excerpt.ofNames(header)
                    + ": the parts of one extract must have the same columns in the same order");
        }
        part = p;
    }

    @Override
    public void close() throws IOException {
        if (part != null) {
            part.close();
            part = null;
        }
        done = true;
    }
}
