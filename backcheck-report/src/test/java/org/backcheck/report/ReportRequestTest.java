package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRequestTest {

    @Test
    void theStandardRequestIsTheDefaultReport() throws Exception {
        ReportRequest r = ReportRequest.standard();
        assertThat(r.title()).isEqualTo(ReportRequest.DEFAULT_TITLE);
        assertThat(r.disclosureControl()).isTrue();
        assertThat(r.arguments()).isEmpty();
        ImagingReport.Options o = r.options(false);
        assertThat(o.disclosure()).isEqualTo(Disclosure.CONTROLLED);
        assertThat(o.population()).isEmpty();
        assertThat(o.period()).isEmpty();
    }

    @Test
    void argumentsGivenBackAreReadAsTheSameRequest(@TempDir Path dir) throws Exception {
        Path population = dir.resolve("pop.csv");
        Files.writeString(population, "org_code,year,population\n15E,2024,1000\n");
        ReportRequest r = ReportRequest.standard().with(ReportOption.PERIOD, "2024-04..2025-03")
                .withFlag(ReportOption.NO_DISCLOSURE_CONTROL, true).with(ReportOption.TITLE, "Trust audit")
                .with(ReportOption.POPULATION, population.toString());
        assertThat(r.arguments()).containsExactly("--title", "Trust audit", "--population", population.toString(),
                "--no-disclosure-control", "--period", "2024-04..2025-03");
        assertThat(reread(r.arguments())).isEqualTo(r);
        ImagingReport.Options o = r.options(true);
        assertThat(o.title()).isEqualTo("Trust audit");
        assertThat(o.sampleData()).isTrue();
        assertThat(o.disclosure()).isEqualTo(Disclosure.NONE);
        assertThat(o.population()).isPresent();
        assertThat(o.period().get()).containsExactly(YearMonth.of(2024, 4), YearMonth.of(2025, 3));
    }

    @Test
    void aLaterValueOfAnOptionThatIsNotRepeatableReplacesTheEarlier() {
        ReportRequest r = ReportRequest.standard().with(ReportOption.TITLE, "a").with(ReportOption.TITLE, "b");
        assertThat(r.values(ReportOption.TITLE)).containsExactly("b");
        assertThat(r.title()).isEqualTo("b");
    }

    @Test
    void wrongValuesAreRefusedWhenGivenNamingTheOption() {
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.PERIOD, "2025-03..2024-04"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--period");
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.TITLE, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--title");
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.NO_DISCLOSURE_CONTROL, "yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> ReportRequest.standard().withFlag(ReportOption.TITLE, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a flag");
    }

    @Test
    void theStatisticalOptionsAreReadIntoStatsOptionsAndGivenBackAsArguments() throws Exception {
        ReportRequest r = ReportRequest.standard().with(ReportOption.BENCHMARK, "11.5").with(ReportOption.TARGET, "9")
                .with(ReportOption.SPC_BASELINE, "12").withAll(ReportOption.REBASE, List.of("2024-09", "2024-03"))
                .with(ReportOption.FUNNEL_RATIO_METHOD, "CQC");
        assertThat(reread(r.arguments())).isEqualTo(r);
        StatsOptions s = r.options(false).stats();
        assertThat(s.benchmarkPer1000()).hasValue(11.5);
        assertThat(s.targetPer1000()).hasValue(9);
        assertThat(s.spcBaseline()).hasValue(12);
        assertThat(s.rebase()).containsExactly(YearMonth.of(2024, 3), YearMonth.of(2024, 9));
        assertThat(s.ratioMethod()).isEqualTo(FunnelRatioMethod.CQC);
        assertThat(s.spc().rebase()).containsExactly("2024-03", "2024-09");
        assertThat(ReportRequest.standard().options(false).stats()).isEqualTo(StatsOptions.DEFAULT);
    }

    @Test
    void wrongStatisticalValuesAreRefusedNamingTheOptionAndWhatItTakes() {
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.BENCHMARK, "lots"))
                .hasMessageContaining("--benchmark").hasMessageContaining("per 1,000");
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.TARGET, "-1")).hasMessageContaining("--target");
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.TARGET, "NaN")).hasMessageContaining("--target");
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.SPC_BASELINE, "6"))
                .hasMessageContaining("--spc-baseline").hasMessageContaining("at least 12");
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.REBASE, "2024-13"))
                .hasMessageContaining("--rebase").hasMessageContaining("YYYY-MM");
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.FUNNEL_RATIO_METHOD, "winsor"))
                .hasMessageContaining("--funnel-ratio-method").hasMessageContaining("shmi");
    }

    @Test
    void aMissingPopulationFileIsFoundBeforeAnyAudit(@TempDir Path dir) {
        ReportRequest r = ReportRequest.standard().with(ReportOption.POPULATION, dir.resolve("none.csv").toString());
        assertThatThrownBy(() -> r.options(false)).hasMessageContaining("none.csv");
    }

    @Test
    void theUsageLineNamesEveryOption() {
        for (ReportOption o : ReportOption.values()) {
            assertThat(ReportOption.usage()).contains("[" + o.optionName());
            assertThat(ReportOption.named(o.optionName())).contains(o);
        }
        assertThat(ReportOption.named("--input")).isEmpty();
    }

    /** Reads arguments back as the Spark job's loop does: a flag alone, any other option with its value. */
    private static ReportRequest reread(List<String> args) {
        ReportRequest r = ReportRequest.standard();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            ReportOption o = ReportOption.named(rest.remove(0)).orElseThrow();
            r = o.isFlag() ? r.withFlag(o, true) : r.with(o, rest.remove(0));
        }
        return r;
    }
}
