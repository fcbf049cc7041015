package org.backcheck.audit;

import java.nio.file.Path;
import java.util.Objects;
import org.backcheck.extract.Delimiter;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;

/**
 * What one {@code backcheck audit} run does.
 *
 * @param input      the extract: CSV, pipe- or tab-delimited, optionally {@code .gz}
 * @param outDir     where {@code matches.csv}, {@code rejected.csv} and {@code summary.json} go
 * @param measure    the measure to apply
 * @param nullPolicy what a missing exclusion field means
 * @param delimiter  the field delimiter, or {@code null} to detect it from the header line
 * @param idColumn   the column copied to the {@code id} output column, or {@code null} for
 *                   {@code OPA_Ident} when present (else the id column is left empty)
 * @param threads    worker threads; 0 means one per available core; at most {@link #maxThreads()}
 * @param maxRecordBytes the longest record (line, or lines of one quoted record) or Parquet page held
 *                   in memory: what bounds memory, whatever the input (see README, "Memory")
 */
public record AuditOptions(Path input, Path outDir, Measure measure, NullPolicy nullPolicy, Character delimiter,
                           String idColumn, int threads, int maxRecordBytes) {

    /** Default of {@code --max-record-bytes}. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 64 << 20;

    /** Largest {@code --max-record-bytes}: a record must fit in one Java array with room to grow. */
    public static final int LARGEST_MAX_RECORD_BYTES = 1 << 30;

    /** Smallest {@code --max-record-bytes}. */
    public static final int SMALLEST_MAX_RECORD_BYTES = 1 << 10;

    public AuditOptions(Path input, Path outDir, Measure measure, NullPolicy nullPolicy, Character delimiter,
                        String idColumn, int threads) {
        this(input, outDir, measure, nullPolicy, delimiter, idColumn, threads, DEFAULT_MAX_RECORD_BYTES);
    }

    public AuditOptions {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(nullPolicy, "nullPolicy");
        Delimiter.orDetect(delimiter); // refuses any other
        checkThreads(threads);
        checkMaxRecordBytes(maxRecordBytes);
    }

    /**
     * Most worker threads: four per core. The workers only compute (the reading is on one thread),
     * so threads beyond the cores add no speed, and each holds two chunks of input in memory.
     */
    public static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** Refuses a thread count that is negative or above {@link #maxThreads()}, saying why. */
    public static void checkThreads(int threads) {
        if (threads < 0 || threads > maxThreads()) {
            throw new IllegalArgumentException("--threads must be from 0 (one per core, the default) to " + maxThreads()
                    + " (four per core: the workers only compute, so more threads than cores add no speed, and each "
                    + "holds two 4 MiB chunks of input in memory), not " + threads);
        }
    }

    /** Refuses a record limit outside 1 KiB to 1 GiB, saying so. */
    public static void checkMaxRecordBytes(long bytes) {
        if (bytes < SMALLEST_MAX_RECORD_BYTES || bytes > LARGEST_MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("--max-record-bytes must be from 1k to 1G, not " + ByteCount.text(bytes));
        }
    }

    /** The usual run: the EBI measure, clinical NULL policy, detected delimiter, default id column. */
    public static AuditOptions of(Path input, Path outDir) {
        return new AuditOptions(input, outDir, Measure.lowerBackImaging(), NullPolicy.CLINICAL, null, null, 0);
    }

    public AuditOptions withNullPolicy(NullPolicy policy) {
        return new AuditOptions(input, outDir, measure, policy, delimiter, idColumn, threads, maxRecordBytes);
    }

    public AuditOptions withOutDir(Path dir) {
        return new AuditOptions(input, dir, measure, nullPolicy, delimiter, idColumn, threads, maxRecordBytes);
    }

    public AuditOptions withThreads(int n) {
        return new AuditOptions(input, outDir, measure, nullPolicy, delimiter, idColumn, n, maxRecordBytes);
    }

    public AuditOptions withMaxRecordBytes(int bytes) {
        return new AuditOptions(input, outDir, measure, nullPolicy, delimiter, idColumn, threads, bytes);
    }
}
