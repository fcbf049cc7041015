package org.backcheck.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code summary.json}, as both engines write it: snake_case keys in a stable order, counts as plain
 * numbers. An engine may add keys of its own after the shared ones (the Spark job adds
 * {@code engine}, {@code spark_version}, {@code input_format}, {@code input_files} and {@code outputs}).
 */
public final class SummaryJson {

    /** The file's name in the output folder. */
    public static final String FILE = "summary.json";

    private SummaryJson() {
    }

    /** Writes the summary with no keys of the engine's own and no report options. */
    public static void write(AuditFigures s, Path file) throws IOException {
        write(s, List.of(), file);
    }

    /** Writes the summary with no keys of the engine's own; {@code reportArguments} go into its provenance. */
    public static void write(AuditFigures s, List<String> reportArguments, Path file) throws IOException {
        OutputFile.writeString(file, of(s, reportArguments, Map.of()));
    }

    /** The summary's text without report options: the shared keys, then {@code engineKeys} in their order. */
    public static String of(AuditFigures s, Map<String, Object> engineKeys) {
        return of(s, List.of(), engineKeys);
    }

    /**
     * The summary's text: the shared keys (the last being {@code provenance}, with the report's options
     * after the engine's), then {@code engineKeys} in their order.
     */
    public static String of(AuditFigures s, List<String> reportArguments, Map<String, Object> engineKeys) {
        Map<String, Object> m = toMap(s);
        m.put("provenance", Provenance.of(s, reportArguments).toMap());
        engineKeys.forEach((k, v) -> {
            if (m.containsKey(k)) {
                throw new IllegalArgumentException("an engine's key may not replace a shared one: " + k);
            }
            m.put(k, v);
        });
        return JsonText.of(m);
    }

    static Map<String, Object> toMap(AuditFigures s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", s.measure());
        m.put("input", s.input());
        m.put("null_policy", s.nullPolicy().id());
        if (s.delimiter() != null) {
            m.put("delimiter", s.delimiter());
        }
        m.put("rows_read", s.rowsRead());
        m.put("counted", s.counted());
        m.put("excluded", s.excluded());
        m.put("excluded_by_reason", new TreeMap<>(s.excludedByReason()));
        m.put("unmatched", s.unmatched());
        m.put("rejected", s.rejected());
        m.put("reconciles", true);
        m.put("reconciliation", s.reconciliation());
        m.put("null_policy_sensitive_rows", s.nullPolicySensitiveRows());
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("null_policy", s.otherNullPolicy().id());
        other.put("counted", s.otherPolicyCounted());
        other.put("excluded", s.otherPolicyExcluded());
        m.put("under_other_null_policy", other);
        m.put("blank_lines_skipped", s.blankLinesSkipped());
        Map<String, StatusCounts> byProvider = s.byProvider();
        if (!byProvider.isEmpty()) {
            m.put("by_provider", counts(byProvider));
        }
        Map<String, StatusCounts> byMonth = s.byMonth();
        if (!byMonth.isEmpty()) {
            m.put("by_month", counts(byMonth));
        }
        m.put("notes", s.notes());
        m.put("elapsed_seconds", Math.round(s.elapsedSeconds() * 1000) / 1000.0);
        return m;
    }

    private static Map<String, Object> counts(Map<String, StatusCounts> byKey) {
        Map<String, Object> out = new LinkedHashMap<>();
        byKey.forEach((k, c) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("rows", c.rows());
            v.put("counted", c.counted());
            v.put("excluded", c.excluded());
            v.put("unmatched", c.unmatched());
            v.put("rejected", c.rejected());
            out.put(k, v);
        });
        return out;
    }
}
