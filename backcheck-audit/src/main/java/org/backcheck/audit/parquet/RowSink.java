package org.backcheck.audit.parquet;

/**
 * Takes the rows of a row group, decoded, one at a time: the text of each column read (in the
 * order of {@link ParquetExtract#names()}), as a CSV export of the row would hold it unquoted.
 */
@FunctionalInterface
public interface RowSink {

    /**
     * One row. Column {@code c}'s text is {@code bytes[c][offset[c], offset[c] + length[c])}; a null
     * is empty ({@code length[c] == 0}). The arrays are the reader's and valid only during the call.
     *
     * @param tooLong the row, as a CSV record, would be longer than the record limit
     *                ({@code --max-record-bytes}), so it is rejected unread as the CSV path rejects
     *                such a record
     */
    void row(byte[][] bytes, int[] offset, int[] length, boolean tooLong);
}
