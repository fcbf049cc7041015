package org.backcheck.audit.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.backcheck.extract.Excerpt;
import org.backcheck.extract.UnreadableExtractException;

/**
 * One Parquet file, read row group by row group and column by column (parquet-mr's column
 * readers; no record assembly, no Hadoop), its rows written as CSV records in file order. Only
 * flat files are read: every column a top-level primitive, required or optional.
 */
final class ParquetPart implements Closeable {

    /**
     * Page checksums, where the writer stored them, are checked: a damaged page is an error, not
     * odd values. Pages are decompressed in Java alone ({@link PureJavaCodecs}).
     */
    private static ParquetReadOptions options(Path file, int maxPageBytes) {
        return ParquetReadOptions.builder().usePageChecksumVerification(true)
                .withCodecFactory(new PureJavaCodecs(file, maxPageBytes)).build();
    }

    /** The default bound on a page, as {@code --max-record-bytes}. */
    static final int DEFAULT_MAX_PAGE_BYTES = 64 << 20;

    private final Path file;
    private final ParquetFileReader reader;
    private final MessageType schema;
    private final String createdBy;
    private final GroupConverter converter;
    private final List<String> names;
    private final ColumnDescriptor[] columns;
    private final ColumnText[] texts;
    private final int[] maxDefinition;
    private ColumnReader[] readers;
    private long rowsLeft;
    private int rowGroup;
    private long bytesRead;
    private long rowsWritten;

    private ParquetPart(Path file, ParquetFileReader reader, ColumnChoice choice) {
        this.file = file;
        this.reader = reader;
        FileMetaData meta = reader.getFooter().getFileMetaData();
        this.schema = choice.of(meta.getSchema());
        if (this.schema != meta.getSchema()) {
            // Only the chosen columns' pages are read and decompressed.
            reader.setRequestedSchema(this.schema);
        }
        this.createdBy = meta.getCreatedBy();
        List<Type> fields = schema.getFields();
        this.names = fields.stream().map(Type::getName).toList();
        this.texts = new ColumnText[fields.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = ColumnText.of(fields.get(i));
        }
        // Flat, so there is one leaf column per field, in field order.
        this.columns = schema.getColumns().toArray(ColumnDescriptor[]::new);
        this.maxDefinition = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            maxDefinition[i] = columns[i].getMaxDefinitionLevel();
        }
        this.converter = new DummyRecordConverter(schema).getRootConverter();
    }

    /**
     * Opens a file and checks its columns.
     *
     * @throws UnreadableExtractException when it is not a readable Parquet file or has a column that cannot be text
     * @throws FileSystemException    when it cannot be opened at all
     */
    static ParquetPart open(Path file) throws IOException {
        return open(file, ColumnChoice.ALL, DEFAULT_MAX_PAGE_BYTES);
    }

    /** Opens a file, reading only the columns {@code choice} keeps and no page over {@code maxPageBytes}. */
    static ParquetPart open(Path file, ColumnChoice choice, int maxPageBytes) throws IOException {
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(new LocalParquetFile(file), options(file, maxPageBytes));
            checkChunkSizes(file, reader);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
        try {
            return new ParquetPart(file, reader, choice);
        } catch (RuntimeException e) {
            reader.close();
            throw e instanceof UnreadableExtractException ? e : damaged(file, e);
        }
    }

    Path file() {
        return file;
    }

    /** The column names, in order. */
    List<String> names() {
        return names;
    }

    /** Bytes of the file's row groups read so far (compressed, as on disk). */
    long bytesRead() {
        return bytesRead;
    }

    /**
     * Writes rows as CSV records until {@code out} holds at least {@code target} bytes; false when
     * the file has no more rows.
     */
    boolean writeRows(CsvText out, int target) throws IOException {
        try {
            while (out.length() < target) {
                if (rowsLeft == 0 && !nextRowGroup()) {
                    return false;
                }
                writeRow(out);
                rowsLeft--;
                rowsWritten++;
            }
            return true;
        } catch (FileSystemException e) {
            throw e;
        } catch (PureJavaCodecs.PageTooLargeException e) {
            throw new UnreadableExtractException("the Parquet file " + file + " has, at its data row " + (rowsWritten + 1)
                    + " or soon after, " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw e instanceof UnreadableExtractException f ? f : damaged(file, e);
        }
    }

    private void writeRow(CsvText out) {
        ColumnReader[] r = readers;
        for (int c = 0; c < r.length; c++) {
            ColumnReader column = r[c];
            if (column.getCurrentDefinitionLevel() == maxDefinition[c]) {
                texts[c].append(column, out);
            } else {
                out.emptyField();
            }
            column.consume();
        }
        out.endRecord();
    }

    private boolean nextRowGroup() throws IOException {
        while (true) {
            PageReadStore pages = reader.readNextRowGroup();
            if (pages == null) {
                return false;
            }
            bytesRead += reader.getRowGroups().get(rowGroup++).getCompressedSize();
            if (pages.getRowCount() == 0) {
                continue;
            }
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, converter, schema, createdBy);
            readers = new ColumnReader[columns.length];
            for (int i = 0; i < columns.length; i++) {
                readers[i] = store.getColumnReader(columns[i]);
            }
            rowsLeft = pages.getRowCount();
            return true;
        }
    }

    /**
     * A row group is read whole (its chosen columns), in arrays of the sizes the footer gives:
     * sizes beyond the file's own are damage, refused before anything is allocated for them.
     */
    private static void checkChunkSizes(Path file, ParquetFileReader reader) throws IOException {
        long size = java.nio.file.Files.size(file);
        for (var group : reader.getRowGroups()) {
            for (var column : group.getColumns()) {
                if (column.getTotalSize() < 0 || column.getTotalSize() > size) {
                    throw new IOException("the footer gives column " + column.getPath() + " " + column.getTotalSize()
                            + " bytes, more than the whole file");
                }
            }
        }
    }

    private static UnreadableExtractException damaged(Path file, Exception e) {
        String why = Excerpt.of(e.getMessage() == null ? e.toString() : e.getMessage());
        return new UnreadableExtractException("cannot read the Parquet file " + file + ": " + why
                + ". It is truncated or damaged, or not Parquet; export it again.");
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
