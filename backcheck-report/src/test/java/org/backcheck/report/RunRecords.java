package org.backcheck.report;

import java.time.Instant;
import java.util.List;

/** A fixed {@link RunRecord} for tests that make {@link AuditFigures} by hand. */
final class RunRecords {

    static final RunRecord EXAMPLE = new RunRecord(Instant.parse("2024-05-01T09:30:15.250Z"), "single",
            new InputIdentity("in.csv", 123, "0123456789abcdef".repeat(4), InputIdentity.FILE),
            "EBI example (last revised December 2023); definition file SHA-256 " + "ab".repeat(32),
            List.of("--engine", "single", "--null-policy", "sql"));

    private RunRecords() {
    }
}
