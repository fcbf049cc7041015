package org.backcheck.audit.parquet;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import org.backcheck.extract.Excerpt;
import org.backcheck.extract.UnreadableExtractException;

/**
 * A Parquet extract (one file, or the part files of a folder in name order) as the audit reads it:
 * the names of the columns read, and the row groups in order ({@link #next()}), each of which any
 * thread may decode ({@link RowGroup#read}). A row's number is its place in this order, as a CSV
 * export of the files one after the other would number it.
 *
 * <p>The first file's footer is read, and its columns checked, when this is made: a file that is
 * not Parquet, or a column that cannot be text, is reported before any output is written. Each
 * later part is opened when its row groups are reached, and must have the same column names in
 * the same order.
 */
public final class ParquetExtract {

    private final ParquetParts parts;
    private final List<String> names;
    private final ColumnChoice choice;
    private final int maxPageBytes;
    private final long totalBytes;
    private final ArrayDeque<RowGroup> pending = new ArrayDeque<>();
    private int nextPart;

    private ParquetExtract(ParquetParts parts, ColumnChoice choice, int maxPageBytes) throws IOException {
        this.parts = parts;
        this.choice = choice;
        this.maxPageBytes = maxPageBytes;
        this.totalBytes = parts.totalBytes();
        ParquetPart first = ParquetPart.open(parts.files().get(0), choice, maxPageBytes);
        nextPart = 1;
        names = first.names();
        if (names.size() < 2) {
            throw new UnreadableExtractException("the Parquet file " + first.file() + " has " + (names.isEmpty() ? "no columns"
                    : "a single column, " + Excerpt.of(names.get(0))) + ": an extract needs the five columns the "
                    + "measure reads (see backcheck audit --help)");
        }
        pending.addAll(first.rowGroups());
    }

    /** Every column, as a CSV export would have them. */
    public static ParquetExtract open(ParquetParts parts) throws IOException {
        return open(parts, ColumnChoice.ALL, ParquetPart.DEFAULT_MAX_PAGE_BYTES);
    }

    /**
     * @param choice       the columns to read (those the audit reads); the others are never decoded
     * @param maxPageBytes the largest page (decompressed) read; a file with a larger one is refused
     *                     before the page is decompressed, so that memory stays bounded
     */
    public static ParquetExtract open(ParquetParts parts, ColumnChoice choice, int maxPageBytes) throws IOException {
        return new ParquetExtract(parts, choice, maxPageBytes);
    }

    /** The names of the columns read, in order. */
    public List<String> names() {
        return names;
    }

    /**
     * The next row group holding rows, in row order (the files in order, each file's in order), or
     * null after the last. Opens the next part when one is needed.
     */
    public RowGroup next() throws IOException {
        while (pending.isEmpty() && nextPart < parts.files().size()) {
            ParquetPart p = ParquetPart.open(parts.files().get(nextPart++), choice, maxPageBytes);
            if (!p.names().equals(names)) {
                throw new UnreadableExtractException("the Parquet part " + p.file() + " has the columns " + Excerpt.ofNames(p.names())
                        + ", but " + parts.files().get(0).getFileName() + " has " + Excerpt.ofNames(names)
                        + ": the parts of one extract must have the same columns in the same order");
            }
            pending.addAll(p.rowGroups());
        }
        return pending.poll();
    }

    /** Bytes of the Parquet files on disk. */
    public long totalBytes() {
        return totalBytes;
    }
}
