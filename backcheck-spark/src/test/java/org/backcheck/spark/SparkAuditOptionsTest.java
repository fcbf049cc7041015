package org.backcheck.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backcheck.report.ReportOption;
import org.backcheck.report.ReportRequest;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;

class SparkAuditOptionsTest {

    @Test
    void theFormatFollowsTheInputsNameUnlessGiven() {
        assertThat(SparkAuditOptions.parse("--input", "s3a://b/opa.parquet/", "--output", "o").inputFormat())
                .isEqualTo(SparkAuditOptions.InputFormat.PARQUET);
        assertThat(SparkAuditOptions.parse("--input", "opa.csv.gz", "--output", "o").inputFormat())
                .isEqualTo(SparkAuditOptions.InputFormat.CSV);
        assertThat(SparkAuditOptions.parse("--input", "extract", "--output", "o", "--format", "parquet").inputFormat())
                .isEqualTo(SparkAuditOptions.InputFormat.PARQUET);
    }

    @Test
    void everyOptionIsRead() {
        SparkAuditOptions o = SparkAuditOptions.parse("--input", "in", "--output", "out", "--null-policy", "sql",
                "--output-format", "csv", "--delimiter", "pipe", "--id-column", "X", "--master", "local[1]", "--segment-mb", "8");
        assertThat(o.nullPolicy()).isEqualTo(NullPolicy.SQL);
        assertThat(o.outputFormat()).isEqualTo(SparkAuditOptions.OutputFormat.CSV);
        assertThat(o.delimiter()).isEqualTo('|');
        assertThat(o.idColumn()).isEqualTo("X");
        assertThat(o.master()).isEqualTo("local[1]");
        assertThat(o.segmentBytes()).isEqualTo(8L << 20);
    }

    @Test
    void theReportOptionsAreRead() {
        SparkAuditOptions standard = SparkAuditOptions.parse("--input", "in", "--output", "out");
        assertThat(standard.report()).isEqualTo(ReportRequest.standard());
        assertThat(standard.report().disclosureControl()).isTrue();
        ReportRequest r = SparkAuditOptions.parse("--input", "in", "--no-disclosure-control", "--output", "out",
                "--population", "pop.csv", "--period", "2024-04..2025-03", "--title", "Trust audit").report();
        assertThat(r).isEqualTo(ReportRequest.standard().with(ReportOption.TITLE, "Trust audit")
                .withFlag(ReportOption.NO_DISCLOSURE_CONTROL, true).with(ReportOption.POPULATION, "pop.csv")
                .with(ReportOption.PERIOD, "2024-04..2025-03"));
        assertThat(r.title()).isEqualTo("Trust audit");
        assertThat(r.disclosureControl()).isFalse();
        assertThat(SparkAuditOptions.parse("--input", "in", "--output", "out", "--no-report").report()).isNull();
        assertThatThrownBy(() -> SparkAuditOptions.parse("--input", "in", "--output", "o", "--period", "2025-03..2024-04"))
                .hasMessageContaining("--period must be FIRST..LAST");
        assertThatThrownBy(() -> SparkAuditOptions.parse("--input", "in", "--output", "o", "--period", "2024"))
                .hasMessageContaining("yyyy-MM..yyyy-MM");
    }

    @Test
    void aWrongCommandLineSaysWhatIsWrong() {
        assertThatThrownBy(() -> SparkAuditOptions.parse("--input", "in")).hasMessageContaining("--output");
        assertThatThrownBy(() -> SparkAuditOptions.parse("--input", "in", "--output", "o", "--null-policy", "lax"))
                .hasMessageContaining("clinical or sql");
        assertThatThrownBy(() -> SparkAuditOptions.parse("--input", "in", "--output", "o", "--threads", "2"))
                .hasMessageContaining("unknown option --threads");
        assertThatThrownBy(() -> SparkAuditOptions.parse("--input", "in", "--output", "o", "--segment-mb", "0"))
                .hasMessageContaining("1 to 1024");
    }
}
