package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;

/** What the provenance records: the build, the run, the input, the measure's revision and the options in order. */
class ProvenanceTest {

    @Test
    void theEnginesOptionsComeFirstThenTheReportsAndAValueWithASpaceIsQuoted() {
        AuditFigures f = figures();
        ReportRequest request = ReportRequest.standard().with(ReportOption.TITLE, "Trust \"board\" pack")
                .with(ReportOption.PERIOD, "2024-04..2025-03");
        Provenance p = Provenance.of(f, request.provenanceArguments());
        assertThat(p.options()).containsExactly("--engine", "single", "--null-policy", "sql", "--title",
                "Trust \"board\" pack", "--period", "2024-04..2025-03");
        assertThat(p.optionsLine()).isEqualTo(
                "--engine single --null-policy sql --title \"Trust \\\"board\\\" pack\" --period 2024-04..2025-03");
        assertThat(p.tool()).isEqualTo(ToolBuild.current());
    }

    @Test
    void aFileOptionIsRecordedByItsNameOnlySoTheMachinesFoldersAreNotShown() {
        ReportRequest request = ReportRequest.standard().with(ReportOption.POPULATION, "/home/jsmith/private/pop.csv");
        assertThat(request.provenanceArguments()).containsExactly("--population", "pop.csv");
        assertThat(request.arguments()).containsExactly("--population", "/home/jsmith/private/pop.csv");
    }

    @Test
    void theJsonHasTheRunTimeToTheSecondInUtcAndTheInputsChecksum() {
        Map<String, Object> m = Provenance.of(figures(), List.of()).toMap();
        assertThat(m.keySet()).containsExactly("tool", "version", "commit", "run_utc", "engine", "input", "measure",
                "measure_revision", "options");
        assertThat(m.get("run_utc")).isEqualTo("2024-05-01T09:30:15Z");
        assertThat(m.get("input")).isEqualTo(Map.of("name", "in.csv", "bytes", 123L, "sha256",
                "0123456789abcdef".repeat(4), "checksum_of", InputIdentity.FILE));
    }

    @Test
    void theEngineOptionsAreTheSameListForBothEngines() {
        assertThat(RunRecord.engineOptions("spark", NullPolicy.CLINICAL, "pipe", "Row_Id")).containsExactly("--engine",
                "spark", "--null-policy", "clinical", "--delimiter", "pipe", "--id-column", "Row_Id");
        assertThat(RunRecord.engineOptions("single", NullPolicy.SQL, null, null)).containsExactly("--engine", "single",
                "--null-policy", "sql");
    }

    @Test
    void theMeasureRevisionNamesThePublishedRevisionAndTheDefinitionFilesChecksum() {
        String revision = RunRecord.measureRevision(Measure.lowerBackImaging());
        assertThat(revision).contains("last revised December 2023").containsPattern("definition file SHA-256 [0-9a-f]{64}$");
    }

    @Test
    void aBuildThatCouldNotTellSaysUnknown() {
        assertThat(ToolBuild.known(null)).isEqualTo(ToolBuild.UNKNOWN);
        assertThat(ToolBuild.known(" ")).isEqualTo(ToolBuild.UNKNOWN);
        assertThat(ToolBuild.known("${build.commit}")).isEqualTo(ToolBuild.UNKNOWN);
        assertThat(ToolBuild.known("0123abc\n")).isEqualTo("0123abc");
        // This build ran in a git checkout (the tests run from one), so it knows its version and commit.
        assertThat(ToolBuild.current().version()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(ToolBuild.current().commit()).matches("[0-9a-f]{40}( \\+ uncommitted changes)?|unknown");
    }

    static AuditFigures figures() {
        Activity activity = new Activity(true, false, true, List.of(
                new Activity.Cell("RXH", "2024-01", AgeBand.AGE_40_49, 1, 0, 0, 0)), List.of());
        return new AuditFigures("2S_lower_back_imaging", "in.csv", NullPolicy.SQL, "comma", 1, 1, 0, Map.of(), 0, 0, 0, 0, 0,
                0, List.of(), 0, activity, Map.of(), RunRecords.EXAMPLE);
    }
}
