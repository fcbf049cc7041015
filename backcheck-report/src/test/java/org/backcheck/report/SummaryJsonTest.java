package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json, the one writer both engines use: its exact text, and what an engine may add. */
class SummaryJsonTest {

    @TempDir
    Path dir;

    /** Three rows: RXH counted in January 2024, RXH excluded in February, and a rejected row with no provider. */
    private static Activity activity(boolean hasProvider, boolean hasDate) {
        List<Activity.Cell> providers = List.of(
                new Activity.Cell("R\u001bX", "2024-01", AgeBand.AGE_40_49, 1, 0, 0, 0),
                new Activity.Cell("RXH", "2024-02", AgeBand.AGE_50_59, 0, 1, 0, 0),
                new Activity.Cell("unknown", "unknown", AgeBand.UNKNOWN, 0, 0, 0, 1));
        List<Activity.Cell> commissioners = List.of(new Activity.Cell("unknown", "unknown", AgeBand.UNKNOWN, 1, 1, 0, 1));
        return new Activity(hasProvider, false, hasDate, providers, commissioners);
    }

    private static AuditFigures figures(NullPolicy policy, String delimiter, Activity activity) {
        Map<String, Long> excluded = new LinkedHashMap<>();
        excluded.put("private_patient", 0L);
        excluded.put("cancer_diagnosis", 1L);
        return new AuditFigures("2S_lower_back_imaging", "in.csv", policy, delimiter, 3, 1, 1, excluded, 0, 1, 1, 2, 0,
                4, List.of("a: note"), 1.23456, activity, Map.of("Age: not a whole number", 1L), RunRecords.EXAMPLE);
    }

    @Test
    void theSharedKeysAreWrittenInTheirOrderWithTheNullPoliciesByName() throws Exception {
        Path file = dir.resolve(SummaryJson.FILE);
        SummaryJson.write(figures(NullPolicy.SQL, "pipe", activity(true, true)), file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("""
                {
                  "measure" : "2S_lower_back_imaging",
                  "input" : "in.csv",
                  "null_policy" : "sql",
                  "delimiter" : "pipe",
                  "rows_read" : 3,
                  "counted" : 1,
                  "excluded" : 1,
                  "excluded_by_reason" : {
                    "cancer_diagnosis" : 1,
                    "private_patient" : 0
                  },
                  "unmatched" : 0,
                  "rejected" : 1,
                  "reconciles" : true,
                  "reconciliation" : "rows_read 3 = counted 1 + excluded 1 + unmatched 0 + rejected 1",
                  "null_policy_sensitive_rows" : 1,
                  "under_other_null_policy" : {
                    "null_policy" : "clinical",
                    "counted" : 2,
                    "excluded" : 0
                  },
                  "blank_lines_skipped" : 4,
                  "by_provider" : {
                    "R\\u001bX" : {
                      "rows" : 1,
                      "counted" : 1,
                      "excluded" : 0,
                      "unmatched" : 0,
                      "rejected" : 0
                    },
                    "RXH" : {
                      "rows" : 1,
                      "counted" : 0,
                      "excluded" : 1,
                      "unmatched" : 0,
                      "rejected" : 0
                    },
                    "unknown" : {
                      "rows" : 1,
                      "counted" : 0,
                      "excluded" : 0,
                      "unmatched" : 0,
                      "rejected" : 1
                    }
                  },
                  "by_month" : {
                    "2024-01" : {
                      "rows" : 1,
                      "counted" : 1,
                      "excluded" : 0,
                      "unmatched" : 0,
                      "rejected" : 0
                    },
                    "2024-02" : {
                      "rows" : 1,
                      "counted" : 0,
                      "excluded" : 1,
                      "unmatched" : 0,
                      "rejected" : 0
                    },
                    "unknown" : {
                      "rows" : 1,
                      "counted" : 0,
                      "excluded" : 0,
                      "unmatched" : 0,
                      "rejected" : 1
                    }
                  },
                  "notes" : [ "a: note" ],
                  "elapsed_seconds" : 1.235,
                  "provenance" : {
                    "tool" : "backcheck",
                    "version" : "VERSION",
                    "commit" : "COMMIT",
                    "run_utc" : "2024-05-01T09:30:15Z",
                    "engine" : "single",
                    "input" : {
                      "name" : "in.csv",
                      "bytes" : 123,
                      "sha256" : "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                      "checksum_of" : "SHA-256 of the file's bytes as stored"
                    },
                    "measure" : "2S_lower_back_imaging",
                    "measure_revision" : "EBI example (last revised December 2023); definition file SHA-256 abababababababababababababababababababababababababababababababab",
                    "options" : [ "--engine", "single", "--null-policy", "sql" ]
                  }
                }
                """.replace("VERSION", ToolBuild.current().version()).replace("COMMIT", ToolBuild.current().commit()));
    }

    @Test
    void anEngineAddsItsOwnKeysAfterTheSharedOnesAndInputWithoutADelimiterHasNone() {
        Map<String, Object> spark = new LinkedHashMap<>();
        spark.put("engine", "spark");
        spark.put("outputs", Map.of("format", "csv"));
        String json = SummaryJson.of(figures(NullPolicy.CLINICAL, null, activity(true, true)), spark);
        assertThat(json).doesNotContain("\"delimiter\"")
                .contains("\"null_policy\" : \"clinical\"", "\"null_policy\" : \"sql\"")
                .contains("  \"elapsed_seconds\" : 1.235,\n  \"provenance\" : {")
                .endsWith("  },\n  \"engine\" : \"spark\",\n  \"outputs\" : {\n    \"format\" : \"csv\"\n  }\n}\n");
    }

    @Test
    void anEngineCannotReplaceASharedKey() {
        assertThatThrownBy(() -> SummaryJson.of(figures(NullPolicy.CLINICAL, "comma", activity(true, true)),
                Map.of("rows_read", 0))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows_read");
    }

    @Test
    void providersAndMonthsAreLeftOutWhenTheInputHasNoSuchColumn() {
        String json = SummaryJson.of(figures(NullPolicy.CLINICAL, "comma", activity(false, false)), Map.of());
        assertThat(json).doesNotContain("by_provider", "by_month");
        String monthsOnly = SummaryJson.of(figures(NullPolicy.CLINICAL, "comma", activity(false, true)), Map.of());
        assertThat(monthsOnly).doesNotContain("by_provider").contains("\"by_month\"");
    }
}
