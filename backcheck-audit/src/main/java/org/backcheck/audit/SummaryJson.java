package org.backcheck.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Writes {@code summary.json}: snake_case keys, stable order, counts as plain numbers. */
final class SummaryJson {

    private SummaryJson() {
    }

    static void write(AuditSummary s, Path file) throws IOException {
        OutputFile.writeString(file, JsonText.of(toMap(s)));
    }

    static Map<String, Object> toMap(AuditSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", s.measure());
        m.put("input", s.input());
        m.put("null_policy", s.nullPolicy());
        m.put("delimiter", s.delimiter());
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
        other.put("null_policy", s.otherNullPolicy());
        other.put("counted", s.otherPolicyCounted());
        other.put("excluded", s.otherPolicyExcluded());
        m.put("under_other_null_policy", other);
        m.put("blank_lines_skipped", s.blankLinesSkipped());
        if (!s.byProvider().isEmpty()) {
            m.put("by_provider", counts(s.byProvider()));
        }
        if (!s.byMonth().isEmpty()) {
            m.put("by_month", counts(s.byMonth()));
        }
        m.put("notes", s.notes());
        m.put("elapsed_seconds", Math.round(s.elapsedSeconds() * 1000) / 1000.0);
        return m;
    }

    private static Map<String, Object> counts(Map<String, AuditSummary.StatusCounts> byKey) {
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
