package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.backcheck.classify.RuleCase;
import org.backcheck.measure.NullPolicy;
import org.backcheck.report.AuditFigures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The measure's edge-case table (spec/rule-cases.psv, shared with the core classifier's test)
 * run through the whole audit path: file format, header matching, field extraction, outputs.
 */
class AuditRuleCasesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> formats() {
        return Stream.of(
                Arguments.of("comma", UnaryOperator.<ExtractFile>identity(), "cases.csv"),
                Arguments.of("pipe, CRLF, BOM", (UnaryOperator<ExtractFile>) f -> f.delimiter("|").crlf().bom(), "cases.txt"),
                Arguments.of("tab, every field quoted, gzip", (UnaryOperator<ExtractFile>) f -> f.delimiter("\t").quoteAll(), "cases.tsv.gz"),
                Arguments.of("lower-case header", (UnaryOperator<ExtractFile>) f -> f, "lower.csv"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void everyCaseGetsItsExpectedStatusUnderBothPolicies(String name, UnaryOperator<ExtractFile> format, String fileName) throws Exception {
        List<RuleCase> cases = RuleCase.all();
        List<String> header = fileName.startsWith("lower")
                ? ExtractFile.OPA_COLUMNS.stream().map(String::toLowerCase).toList() : ExtractFile.OPA_COLUMNS;
        ExtractFile file = format.apply(new ExtractFile(header));
        for (int i = 0; i < cases.size(); i++) {
            RuleCase c = cases.get(i);
            file.row("id-" + c.id(), "2024-05-01", "RXH", c.adminCategory(), c.ageSus(), c.ageCds(), c.diagnoses(), c.procedures());
        }
        Path input = file.write(dir.resolve(fileName));
        for (NullPolicy policy : NullPolicy.values()) {
            Path out = dir.resolve("out-" + policy.id());
            AuditFigures summary = Audit.run(AuditOptions.of(input, out).withNullPolicy(policy));
            Map<Long, String> statuses = AuditOutputs.statuses(out);
            for (int i = 0; i < cases.size(); i++) {
                RuleCase c = cases.get(i);
                String expected = c.expected(policy);
                String actual = statuses.getOrDefault((long) i + 1, "unmatched");
                assertThat(actual).as("%s under %s", c.id(), policy.id()).isEqualTo(expected);
            }
            assertThat(summary.rowsRead()).isEqualTo(cases.size());
            assertThat(summary.counted() + summary.excluded() + summary.unmatched() + summary.rejected()).isEqualTo(cases.size());
            assertThat(summary.byProvider()).containsOnlyKeys("RXH");
            assertThat(summary.byMonth()).containsOnlyKeys("2024-05");
        }
    }
}
