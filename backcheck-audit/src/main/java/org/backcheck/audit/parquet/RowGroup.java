package org.backcheck.audit.parquet;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.backcheck.extract.UnreadableExtractException;

/**
 * One row group of one Parquet file: the unit read in parallel. Any thread may read any row group,
 * through a {@link PartReader} of its own (its own file handle and decompressors); memory is one
 * row group's chosen columns, compressed, and one page of each decompressed.
 *
 * @param firstRow the rows of its file before it (0 for the first)
 * @param bytes    its size on disk (compressed), for progress
 */
public record RowGroup(ParquetPart part, int index, long firstRow, long rows, long bytes) {

    /** Decodes every row into {@code sink}, in order, with a file handle of its own. */
    public void read(RowSink sink) throws IOException {
        try (PartReader readers = new PartReader()) {
            read(sink, readers);
        }
    }

    /**
     * Decodes every row into {@code sink}, in order, reading through the calling thread's
     * {@code readers} (closed, to be opened afresh, when the file cannot be read).
     */
    public void read(RowSink sink, PartReader readers) throws IOException {
        RowDecoder decoder = null;
        try {
            decoder = part.open(this, readers);
            decoder.rows(sink);
        } catch (RowDecoder.SinkFailure e) {
            throw e.failure();
        } catch (FileSystemException e) {
            readers.close();
            throw e;
        } catch (PureJavaCodecs.PageTooLargeException e) {
            readers.close();
            long row = firstRow + (decoder == null ? 0 : decoder.rowsDone()) + 1;
            throw new UnreadableExtractException("the Parquet file " + part.file() + " has, at its data row "
                    + row + " or soon after, " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            readers.close();
            throw e instanceof UnreadableExtractException f ? f : ParquetPart.damaged(part.file(), e);
        }
    }

    Path file() {
        return part.file();
    }
}
