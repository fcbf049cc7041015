package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.backcheck.report.SpcResult.Direction;
import org.backcheck.report.SpcResult.Rule;
import org.junit.jupiter.api.Test;

/**
 * XmR charts of rates against NHSRplotthedots 0.2.2's own R code (github.com/nhs-r-community/NHSRplotthedots,
 * tag 0.2.2, commit 050b07d7eacc011767532732f69b8fd7d6a28fd3: R/ptd_spc.R, R/ptd_spc_standard.R,
 * R/ptd_calculate_point_type.R, R/ptd_calculate_assurance_type.R, R/ptd_add_rebase_column.R and the
 * helpers they call), run by {@code src/test/resources/org/backcheck/report/nhsrplotthedots-worked-examples.R}
 * with {@code improvement_direction = "decrease"}; its output, {@code nhsrplotthedots-worked-examples.out}, is
 * read here: per point, its index, value, rebase group, mean, lower and upper process limit, point type and
 * special cause type. The settings of each example mirror the script's arguments. R is needed only to make
 * the file again.
 */
class SpcRulesTest {

    /** Each example's settings, as the script passes them to ptd_spc. */
    private static final Map<String, SpcSettings> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put("shift_down", SpcSettings.STANDARD);
        EXAMPLES.put("shift_down_rebased", settings(OptionalInt.empty(), List.of("2024-01"), OptionalDouble.empty()));
        EXAMPLES.put("shift_down_fixed12", settings(OptionalInt.of(12), List.of(), OptionalDouble.empty()));
        EXAMPLES.put("spike", SpcSettings.STANDARD);
        EXAMPLES.put("trend_up", SpcSettings.STANDARD);
        EXAMPLES.put("two_in_three", SpcSettings.STANDARD);
        EXAMPLES.put("assure_pass", settings(OptionalInt.empty(), List.of(), OptionalDouble.of(16)));
        EXAMPLES.put("assure_fail", settings(OptionalInt.empty(), List.of(), OptionalDouble.of(8)));
        EXAMPLES.put("assure_inconsistent", settings(OptionalInt.empty(), List.of(), OptionalDouble.of(10.5)));
        EXAMPLES.put("trend_down_target", settings(OptionalInt.empty(), List.of(), OptionalDouble.of(11)));
        EXAMPLES.put("peak", SpcSettings.STANDARD);
        EXAMPLES.put("rebase_twice_fixed", settings(OptionalInt.of(12), List.of("2024-01", "2024-09"), OptionalDouble.of(10.5)));
    }

    private static SpcSettings settings(OptionalInt baseline, List<String> rebase, OptionalDouble target) {
        return new SpcSettings(baseline, rebase, target, Direction.LOW);
    }

    private record Expected(List<double[]> numbers, List<String> pointType, List<String> causeType, Optional<String> assurance) {
    }

    private static Map<String, Expected> readR() throws IOException {
        Map<String, Expected> out = new LinkedHashMap<>();
        try (InputStream in = SpcRulesTest.class.getResourceAsStream("nhsrplotthedots-worked-examples.out")) {
            String name = null;
            List<double[]> numbers = null;
            List<String> types = null;
            List<String> causes = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split(" +");
                if (line.startsWith("== ")) {
                    name = f[1];
                    numbers = new ArrayList<>();
                    types = new ArrayList<>();
                    causes = new ArrayList<>();
                    out.put(name, new Expected(numbers, types, causes, Optional.empty()));
                } else if (line.startsWith("assurance:")) {
                    Expected e = out.get(name);
                    out.put(name, new Expected(e.numbers(), e.pointType(), e.causeType(), Optional.of(f[1])));
                } else if (f.length == 8) {
                    numbers.add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5])});
                    types.add(f[6]);
                    causes.add(f[7]);
                }
            }
        }
        return out;
    }

    /** NHSRplotthedots' special cause type as Backcheck names it. */
    private static Optional<SpcResult.Signal> cause(String r) {
        Direction d = r.contains("Above") || r.contains("Increasing") ? Direction.HIGH : Direction.LOW;
        Rule rule;
        if (r.equals("Common_Cause")) {
            return Optional.empty();
        } else if (r.endsWith("UCL") || r.endsWith("LCL")) {
            rule = Rule.OUTSIDE_LIMITS;
        } else if (r.startsWith("7_Point_Trend")) {
            rule = Rule.TREND;
        } else if (r.startsWith("2_in_3")) {
            rule = Rule.TWO_OF_THREE;
        } else if (r.startsWith("7_Points")) {
            rule = Rule.SHIFT;
        } else {
            throw new AssertionError("unknown special cause type " + r);
        }
        return Optional.of(new SpcResult.Signal(rule, d));
    }

    private static SpcResult.Variation variation(String pointType) {
        return switch (pointType) {
            case "common_cause" -> SpcResult.Variation.COMMON_CAUSE;
            case "special_cause_improvement" -> SpcResult.Variation.IMPROVEMENT;
            case "special_cause_concern" -> SpcResult.Variation.CONCERN;
            default -> throw new AssertionError(pointType);
        };
    }

    private static SpcResult.Assurance assurance(String r) {
        return switch (r) {
            case "consistent_pass" -> SpcResult.Assurance.CONSISTENT_PASS;
            case "consistent_fail" -> SpcResult.Assurance.CONSISTENT_FAIL;
            case "inconsistent" -> SpcResult.Assurance.HIT_AND_MISS;
            default -> throw new AssertionError(r);
        };
    }

    @Test
    void everyExampleAgreesWithNhsrPlotTheDots() throws IOException {
        Map<String, Expected> r = readR();
        assertThat(r.keySet()).containsExactlyElementsOf(EXAMPLES.keySet());
        EXAMPLES.forEach((name, settings) -> {
            Expected e = r.get(name);
            List<SpcPoint> points = new ArrayList<>();
            for (int i = 0; i < e.numbers().size(); i++) {
                points.add(new SpcPoint(YearMonth.of(2023, 1).plusMonths(i).toString(), e.numbers().get(i)[0]));
            }
            SpcResult chart = SpcChart.of(points, settings);
            for (int i = 0; i < points.size(); i++) {
                double[] n = e.numbers().get(i);
                int group = (int) n[1];
                SpcResult.Segment segment = chart.segments().get(group);
                assertThat(i).as("%s point %d in segment %d", name, i + 1, group)
                        .isBetween(segment.first(), segment.first() + segment.size() - 1);
                SpcResult.Lines lines = segment.lines().orElseThrow();
                assertThat(lines.mean()).as("%s mean at %d", name, i + 1).isCloseTo(n[2], within(1e-9));
                assertThat(lines.lower()).as("%s lower limit at %d", name, i + 1).isCloseTo(n[3], within(1e-9));
                assertThat(lines.upper()).as("%s upper limit at %d", name, i + 1).isCloseTo(n[4], within(1e-9));
                SpcResult.Row row = chart.rows().get(i);
                assertThat(row.specialCause()).as("%s special cause at %d", name, i + 1).isEqualTo(cause(e.causeType().get(i)));
                assertThat(row.variation()).as("%s variation at %d", name, i + 1).isEqualTo(variation(e.pointType().get(i)));
            }
            assertThat(chart.segments()).hasSize((int) e.numbers().get(e.numbers().size() - 1)[1] + 1);
            assertThat(chart.variation()).isEqualTo(variation(e.pointType().get(e.pointType().size() - 1)));
            assertThat(chart.assurance()).as("%s assurance", name).isEqualTo(e.assurance().map(SpcRulesTest::assurance));
        });
    }

    @Test
    void everyRuleAndEveryIconIsExercisedByTheExamples() throws IOException {
        Map<String, Expected> r = readR();
        List<String> causes = r.values().stream().flatMap(e -> e.causeType().stream()).distinct().toList();
        assertThat(causes).contains("Above_UCL", "Below_LCL", "7_Point_Trend_(Increasing)", "7_Point_Trend_(Decreasing)",
                "2_in_3_Above_CL", "2_in_3_Below_CL", "7_Points_Above_CL", "7_Points_Below_CL", "Common_Cause");
        assertThat(r.values().stream().flatMap(e -> e.assurance().stream()).distinct().toList())
                .contains("consistent_pass", "consistent_fail", "inconsistent");
        // The last points give each variation icon: improvement (shift_down), concern (trend_up's neighbour), common.
        assertThat(r.values().stream().map(e -> e.pointType().get(e.pointType().size() - 1)).distinct().toList())
                .contains("common_cause", "special_cause_improvement");
    }

    @Test
    void higherIsBetterTurnsTheVariationAndAssuranceRound() {
        List<SpcPoint> points = new ArrayList<>();
        double[] y = {10, 10.4, 9.8, 10.1, 9.9, 10.2, 10.0, 14.5};
        for (int i = 0; i < y.length; i++) {
            points.add(new SpcPoint("2023-0" + (i + 1), y[i]));
        }
        SpcResult lower = SpcChart.of(points, new SpcSettings(OptionalInt.empty(), List.of(), OptionalDouble.of(50), Direction.LOW));
        SpcResult higher = SpcChart.of(points, new SpcSettings(OptionalInt.empty(), List.of(), OptionalDouble.of(50), Direction.HIGH));
        assertThat(lower.variation()).isEqualTo(SpcResult.Variation.CONCERN);
        assertThat(higher.variation()).isEqualTo(SpcResult.Variation.IMPROVEMENT);
        assertThat(lower.assurance()).contains(SpcResult.Assurance.CONSISTENT_PASS);
        assertThat(higher.assurance()).contains(SpcResult.Assurance.CONSISTENT_FAIL);
    }

    @Test
    void aRebaseMonthMissingFromTheChartStartsTheNewLimitsAtTheNextMonth() {
        List<SpcPoint> points = List.of(new SpcPoint("2024-01", 5), new SpcPoint("2024-02", 6), new SpcPoint("2024-04", 9),
                new SpcPoint("2024-05", 8), new SpcPoint("2024-06", 9.5));
        SpcResult chart = SpcChart.of(points, new SpcSettings(OptionalInt.empty(), List.of("2024-03"), OptionalDouble.empty(),
                Direction.LOW));
        assertThat(chart.segments()).extracting(SpcResult.Segment::first).containsExactly(0, 2);
        assertThat(chart.segments().get(1).rebased()).isTrue();
        assertThat(chart.limits().orElseThrow().mean()).isCloseTo((9 + 8 + 9.5) / 3, within(1e-12));
    }
}
