package org.backcheck.audit.parquet;

import org.backcheck.audit.ByteCount;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.backcheck.extract.Excerpt;
import org.backcheck.extract.UnreadableExtractException;

/**
 * One Parquet file of an extract: its footer, read and checked once, and the columns chosen from
 * it, each with its {@link ColumnText}. Its row groups are read by column (parquet-mr's column
 * readers; no record assembly, no Hadoop), each by a reader of its own ({@link RowDecoder}). Only
 * flat files are read: every column a top-level primitive, required or optional.
 */
public final class ParquetPart {

    /** The default bound on a page, as {@code --max-record-bytes}. */
    static final int DEFAULT_MAX_PAGE_BYTES = 64 << 20;

    private final Path file;
    private final ParquetMetadata footer;
    private final MessageType fileSchema;
    private final MessageType schema;
    private final List<String> names;
    private final ColumnText[] texts;
    private final int maxPageBytes;

    private ParquetPart(Path file, ParquetMetadata footer, ColumnChoice choice, int maxPageBytes) {
        this.file = file;
        this.footer = footer;
        this.maxPageBytes = maxPageBytes;
        this.fileSchema = footer.getFileMetaData().getSchema();
        this.schema = choice.of(fileSchema);
        List<Type> fields = schema.getFields();
        this.names = fields.stream().map(Type::getName).toList();
        this.texts = new ColumnText[fields.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = ColumnText.of(fields.get(i));
        }
    }

    /**
     * Reads a file's footer and checks its columns.
     *
     * @param maxPageBytes the largest page (decompressed) read; a file with a larger one is refused
     *                     before the page is decompressed, so that memory stays bounded
     * @throws UnreadableExtractException when it is not a readable Parquet file or has a column that cannot be text
     * @throws FileSystemException    when it cannot be opened at all
     */
    static ParquetPart open(Path file, ColumnChoice choice, int maxPageBytes) throws IOException {
        ParquetMetadata footer;
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalParquetFile(file), options(file, maxPageBytes))) {
            footer = reader.getFooter();
            checkChunkSizes(file, footer);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw damaged(file, e);
        }
        try {
            return new ParquetPart(file, footer, choice, maxPageBytes);
        } catch (RuntimeException e) {
            throw e instanceof UnreadableExtractException ? e : damaged(file, e);
        }
    }

    /**
     * Page checksums, where the writer stored them, are checked: a damaged page is an error, not
     * odd values. Pages are decompressed in Java alone ({@link PureJavaCodecs}), by codecs of this
     * reader's own.
     */
    private static ParquetReadOptions options(Path file, int maxPageBytes) {
        return ParquetReadOptions.builder().usePageChecksumVerification(true)
                .withCodecFactory(new PureJavaCodecs(file, maxPageBytes)).build();
    }

    public Path file() {
        return file;
    }

    /** The names of the columns read, in order. */
    public List<String> names() {
        return names;
    }

    /**
     * The row groups that hold rows, in file order.
     *
     * @throws UnreadableExtractException when a row group's chosen columns, compressed, take more than
     *         {@link #maxChosenBytes} (each worker holds one such group at a time)
     */
    List<RowGroup> rowGroups() {
        List<RowGroup> groups = new ArrayList<>();
        long before = 0;
        List<BlockMetaData> blocks = footer.getBlocks();
        java.util.Set<String> chosen = new java.util.HashSet<>(names);
        for (int i = 0; i < blocks.size(); i++) {
            long rows = blocks.get(i).getRowCount();
            long chosenBytes = 0;
            for (var column : blocks.get(i).getColumns()) {
                String[] path = column.getPath().toArray();
                if (path.length > 0 && chosen.contains(path[0])) {
                    chosenBytes += column.getTotalSize();
                }
            }
            if (chosenBytes > maxChosenBytes(maxPageBytes)) {
                throw new UnreadableExtractException("the Parquet file " + file + " has a row group (number " + (i + 1)
                        + ", from data row " + (before + 1) + ") whose audited columns take " + ByteCount.text(chosenBytes)
                        + " compressed, more than the " + ByteCount.text(maxChosenBytes(maxPageBytes)) + " each worker"
                        + " reads at once (twice --max-record-bytes). Write the file with smaller row groups (DuckDB:"
                        + " ROW_GROUP_SIZE; Spark: parquet.block.size), or raise --max-record-bytes.");
            }
            if (rows > 0) {
                groups.add(new RowGroup(this, i, before, rows, blocks.get(i).getCompressedSize()));
            }
            before += rows;
        }
        return groups;
    }

    /**
     * The most a row group's chosen columns may take, compressed: each worker reads one such group
     * whole, so this (with one decompressed page per column) bounds a worker's Parquet memory.
     */
    static long maxChosenBytes(int maxPageBytes) {
        return 2L * maxPageBytes;
    }

    /** A reader of the chosen columns of this file; the caller closes it. */
    ParquetFileReader openReader() throws IOException {
        // The footer is read again (a small read, once per thread): the constructor that takes it differs
        // between the parquet-mr this module ships (1.18) and the one Spark's class path has (1.15), where it also runs.
        ParquetFileReader reader = ParquetFileReader.open(new LocalParquetFile(file), options(file, maxPageBytes));
        if (schema != fileSchema) {
            // Only the chosen columns' pages are read and decompressed.
            reader.setRequestedSchema(schema);
        }
        return reader;
    }

    /** A decoder of one row group's rows, read through {@code readers}. */
    RowDecoder open(RowGroup group, PartReader readers) throws IOException {
        ParquetFileReader reader = readers.of(this);
        return new RowDecoder(reader.readRowGroup(group.index()), schema, footer.getFileMetaData().getCreatedBy(), texts,
                maxPageBytes);
    }

    /**
     * A row group is read whole (its chosen columns), in arrays of the sizes the footer gives:
     * sizes beyond the file's own are damage, refused before anything is allocated for them.
     */
    private static void checkChunkSizes(Path file, ParquetMetadata footer) throws IOException {
        long size = Files.size(file);
        for (BlockMetaData group : footer.getBlocks()) {
            for (var column : group.getColumns()) {
                if (column.getTotalSize() < 0 || column.getTotalSize() > size) {
                    throw new IOException("the footer gives column " + column.getPath() + " " + column.getTotalSize()
                            + " bytes, more than the whole file");
                }
            }
        }
    }

    static UnreadableExtractException damaged(Path file, Exception e) {
        String why = Excerpt.of(e.getMessage() == null ? e.toString() : e.getMessage());
        return new UnreadableExtractException("cannot read the Parquet file " + file + ": " + why
                + ". It is truncated or damaged, or not Parquet; export it again.");
    }
}
