package org.backcheck.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code summary.json}: the single-machine audit's keys, in its order, where they apply (no
 * {@code delimiter} for Parquet input), then what only a Spark run has ({@code engine},
 * {@code spark_version}, {@code input_format}, {@code input_files}, {@code outputs}, the report's files among them).
 */
final class SummaryJson {

    private SummaryJson() {
    }

    static String of(SparkAuditSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", s.measure());
        m.put("input", s.input());
        m.put("null_policy", s.nullPolicy());
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
        other.put("null_policy", s.otherNullPolicy());
        other.put("counted", s.otherPolicyCounted());
        other.put("excluded", s.otherPolicyExcluded());
        m.put("under_other_null_policy", other);
        m.put("blank_lines_skipped", s.blankLinesSkipped());
        if (!s.byProvider().isEmpty()) {
            m.put("by_provider", s.byProvider());
        }
        if (!s.byMonth().isEmpty()) {
            m.put("by_month", s.byMonth());
        }
        m.put("notes", s.notes());
        m.put("elapsed_seconds", Math.round(s.elapsedSeconds() * 1000) / 1000.0);
        m.put("engine", "spark");
        m.put("spark_version", s.sparkVersion());
        m.put("input_format", s.inputFormat());
        m.put("input_files", s.files().size());
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("format", s.outputFormat());
        for (String name : OutputFolder.ALL) {
            outputs.put(name, s.output() + "/" + name);
        }
        for (String name : s.reportFiles()) {
            outputs.put(name, s.output() + "/" + name);
        }
        m.put("outputs", outputs);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
