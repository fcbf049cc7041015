package org.backcheck.audit;

import java.nio.file.Path;
import java.util.Objects;
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
 * @param threads    worker threads; 0 means one per available core
 */
public record AuditOptions(Path input, Path outDir, Measure measure, NullPolicy nullPolicy, Character delimiter,
                           String idColumn, int threads) {

    public AuditOptions {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(nullPolicy, "nullPolicy");
        if (delimiter != null && delimiter != ',' && delimiter != '|' && delimiter != '\t' && delimiter != ';') {
            throw new IllegalArgumentException("delimiter must be comma, pipe, tab or semicolon");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (all cores) or more");
        }
    }

    /** The usual run: the EBI measure, clinical NULL policy, detected delimiter, default id column. */
    public static AuditOptions of(Path input, Path outDir) {
        return new AuditOptions(input, outDir, Measure.lowerBackImaging(), NullPolicy.CLINICAL, null, null, 0);
    }

    public AuditOptions withNullPolicy(NullPolicy policy) {
        return new AuditOptions(input, outDir, measure, policy, delimiter, idColumn, threads);
    }

    public AuditOptions withOutDir(Path dir) {
        return new AuditOptions(input, dir, measure, nullPolicy, delimiter, idColumn, threads);
    }

    public AuditOptions withThreads(int n) {
        return new AuditOptions(input, outDir, measure, nullPolicy, delimiter, idColumn, n);
    }
}
