package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;

class AuditFiguresTest {

    private static final Activity ACTIVITY = new Activity(true, true, true, List.of(
            new Activity.Cell("RXH", "2024-01", AgeBand.AGE_30_39, 2, 0, 1, 0),
            new Activity.Cell("RXH", "2024-01", AgeBand.AGE_40_49, 1, 1, 0, 0),
            new Activity.Cell("RXH", "2024-03", AgeBand.AGE_40_49, 0, 0, 0, 1),
            new Activity.Cell("R0A", "2024-03", AgeBand.AGE_40_49, 0, 0, 4, 0)), List.of());

    private static AuditFigures figures(long rowsRead, NullPolicy policy) {
        return new AuditFigures("m", "in.csv", policy, "comma", rowsRead, 3, 1, Map.of(), 5, 1, 0, 0, 0, 0, List.of(), 0,
                ACTIVITY, Map.of(), RunRecords.EXAMPLE);
    }

    @Test
    void rowsMustReconcile() {
        assertThat(figures(10, NullPolicy.CLINICAL).reconciliation())
                .isEqualTo("rows_read 10 = counted 3 + excluded 1 + unmatched 5 + rejected 1");
        assertThatThrownBy(() -> figures(11, NullPolicy.CLINICAL)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rows_read 11 != counted 3");
    }

    @Test
    void theOtherPolicyIsTheOneNotApplied() {
        assertThat(figures(10, NullPolicy.CLINICAL).otherNullPolicy()).isEqualTo(NullPolicy.SQL);
        assertThat(figures(10, NullPolicy.SQL).otherNullPolicy()).isEqualTo(NullPolicy.CLINICAL);
    }

    @Test
    void providersAndMonthsAreTheProviderCellsAddedUpInOrder() {
        AuditFigures f = figures(10, NullPolicy.CLINICAL);
        assertThat(f.byProvider()).containsExactly(
                Map.entry("R0A", new StatusCounts(4, 0, 0, 4, 0)),
                Map.entry("RXH", new StatusCounts(6, 3, 1, 1, 1)));
        assertThat(f.byMonth()).containsExactly(
                Map.entry("2024-01", new StatusCounts(5, 3, 1, 1, 0)),
                Map.entry("2024-03", new StatusCounts(5, 0, 0, 4, 1)));
    }

    @Test
    void cellsFromATallyLeaveOutEmptyBands() {
        long[] counts = new long[AgeBand.values().length * Activity.STATUSES];
        counts[AgeBand.AGE_19_29.ordinal() * Activity.STATUSES + org.backcheck.classify.Status.EXCLUDED.ordinal()] = 2;
        counts[AgeBand.UNKNOWN.ordinal() * Activity.STATUSES + org.backcheck.classify.Status.REJECTED.ordinal()] = 1;
        assertThat(Activity.cells(Map.of("RXH", Map.of("2024-05", counts)))).containsExactly(
                new Activity.Cell("RXH", "2024-05", AgeBand.AGE_19_29, 0, 2, 0, 0),
                new Activity.Cell("RXH", "2024-05", AgeBand.UNKNOWN, 0, 0, 0, 1));
    }
}
