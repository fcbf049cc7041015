package org.backcheck.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.backcheck.classify.Status;
import org.backcheck.measure.NullPolicy;

/**
 * The figures of one audit run, whichever engine made them (the single-machine audit or the Spark
 * job): what {@code summary.json} and the report are written from. Every data row has exactly one
 * status, so {@code rowsRead == counted + excluded + unmatched + rejected}; the constructor refuses
 * anything else.
 *
 * @param measure          the measure's id
 * @param input            the input as the user named it
 * @param nullPolicy       the NULL policy the run applied
 * @param delimiter        the delimiter's name for delimited text input; null when the input has none (Parquet)
 * @param excludedByReason rows per exclusion that applied (a row excluded for two reasons counts in both)
 * @param otherPolicyCounted rows the other NULL policy would count
 * @param blankLinesSkipped blank lines in delimited input, which are not rows
 * @param notes            the measure's notes, {@code id: text}
 * @param activity         rows by provider, commissioner, month and age band: the report's figures, and the
 *                         source of {@link #byProvider()} and {@link #byMonth()}
 * @param rejectedByReason rejected rows by field and kind of problem (e.g. "Age_at_Start_of_Episode_SUS: not a whole
 *                         number"), without the values; empty when the engine does not tally them (the Spark job)
 * @param run              when and from what the figures were made ({@link Provenance})
 */
public record AuditFigures(String measure, String input, NullPolicy nullPolicy, String delimiter, long rowsRead,
                           long counted, long excluded, Map<String, Long> excludedByReason, long unmatched, long rejected,
                           long nullPolicySensitiveRows, long otherPolicyCounted, long otherPolicyExcluded,
                           long blankLinesSkipped, List<String> notes, double elapsedSeconds, Activity activity,
                           Map<String, Long> rejectedByReason, RunRecord run) {

    public AuditFigures {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(nullPolicy, "nullPolicy");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(run, "run");
        excludedByReason = Collections.unmodifiableMap(new LinkedHashMap<>(excludedByReason));
        rejectedByReason = Map.copyOf(rejectedByReason);
        notes = List.copyOf(notes);
        if (rowsRead != counted + excluded + unmatched + rejected) {
            throw new IllegalStateException("rows do not reconcile: rows_read " + rowsRead + " != counted " + counted
                    + " + excluded " + excluded + " + unmatched " + unmatched + " + rejected " + rejected);
        }
    }

    /** These figures with another run's record (for comparing two runs' reports apart from their provenance). */
    public AuditFigures withRun(RunRecord other) {
        return new AuditFigures(measure, input, nullPolicy, delimiter, rowsRead, counted, excluded, excludedByReason, unmatched,
                rejected, nullPolicySensitiveRows, otherPolicyCounted, otherPolicyExcluded, blankLinesSkipped, notes,
                elapsedSeconds, activity, rejectedByReason, other);
    }

    /** The NULL policy the run did not apply, whose counts are given for comparison. */
    public NullPolicy otherNullPolicy() {
        return nullPolicy == NullPolicy.CLINICAL ? NullPolicy.SQL : NullPolicy.CLINICAL;
    }

    /** The reconciliation line printed after every run. */
    public String reconciliation() {
        return "rows_read " + rowsRead + " = counted " + counted + " + excluded " + excluded + " + unmatched "
                + unmatched + " + rejected " + rejected;
    }

    /** Rows by status per provider code (sorted, "unknown" for none), or empty when the input has no provider column. */
    public Map<String, StatusCounts> byProvider() {
        return activity.hasProvider() ? sum(Activity.Cell::organisation) : Map.of();
    }

    /** Rows by status per month of appointment ({@code yyyy-MM}, then "unknown"), or empty when the input has no date column. */
    public Map<String, StatusCounts> byMonth() {
        return activity.hasDate() ? sum(Activity.Cell::month) : Map.of();
    }

    /** The provider cells added up by {@code key}: every row is in exactly one provider cell. */
    private Map<String, StatusCounts> sum(Function<Activity.Cell, String> key) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Activity.Cell c : activity.providers()) {
            c.addTo(sums.computeIfAbsent(key.apply(c), k -> new long[Status.values().length]));
        }
        Map<String, StatusCounts> out = new LinkedHashMap<>();
        sums.forEach((k, t) -> out.put(k, StatusCounts.of(t)));
        return Collections.unmodifiableMap(out);
    }
}
