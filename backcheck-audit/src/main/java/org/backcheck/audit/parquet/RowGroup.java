package org.backcheck.audit.parquet;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * One row group of one Parquet file: the unit read in parallel. Each is read by its own reader
 * (its own file handle and decompressors), so any thread may read any row group; memory is one
 * row group's chosen columns, compressed, and one page of each decompressed.
 *
 * @param firstRow the rows of its file before it (0 for the first)
 * @param bytes    its size on disk (compressed), for progress
 */
public record RowGroup(ParquetPart part, int index, long firstRow, long rows, long bytes) {

    /** Decodes every row into {@code sink}, in order. */
    public void read(RowSink sink) throws IOException {
        RowDecoder decoder = null;
        try {
            decoder = part.open(this);
            decoder.rows(sink);
        } catch (RowDecoder.SinkFailure e) {
            throw e.failure();
        } catch (FileSystemException e) {
            throw e;
        } catch (PureJavaCodecs.PageTooLargeException e) {
            long row = firstRow + (decoder == null ? 0 : decoder.rowsDone()) + 1;
            throw new org.backcheck.audit.ExtractFormatException("the Parquet file " + part.file() + " has, at its data row "
                    + row + " or soon after, " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw e instanceof org.backcheck.audit.ExtractFormatException f ? f : ParquetPart.damaged(part.file(), e);
        } finally {
            if (decoder != null) {
                decoder.close();
            }
        }
    }

    Path file() {
        return part.file();
    }
}
