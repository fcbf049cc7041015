package org.backcheck.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.backcheck.measure.Column;
import org.backcheck.measure.Measure;
import org.junit.jupiter.api.Test;

class SlotLayoutTest {

    private static final List<Column> COLUMNS = Measure.lowerBackImaging().columns();

    private static List<String> names(String... extra) {
        List<String> names = new java.util.ArrayList<>(COLUMNS.stream().map(Column::name).toList());
        names.addAll(List.of(extra));
        return names;
    }

    @Test
    void measureColumnsComeFirstThenIdProviderDateCommissionerAndTreatmentFunction() {
        List<String> names = names("opa_ident", "Appointment_Date");
        SlotLayout layout = SlotLayout.of(names, COLUMNS, null);
        int k = COLUMNS.size();
        assertThat(layout.slots()).isEqualTo(SlotLayout.slots(k)).isEqualTo(k + 5);
        assertThat(layout.columnOfSlot()[layout.idSlot()]).isEqualTo(k);
        assertThat(layout.columnOfSlot()[layout.dateSlot()]).isEqualTo(k + 1);
        assertThat(layout.hasDate()).isTrue();
        assertThat(layout.hasProvider()).isFalse();
        assertThat(layout.hasCommissioner()).isFalse();
        assertThat(layout.hasTreatmentFunction()).isFalse();
        assertThat(layout.columnCount()).isEqualTo(names.size());
    }

    @Test
    void theTreatmentFunctionColumnIsAnOptionalSlotOfItsOwn() {
        List<String> names = names("treatment_function_code", SlotLayout.COMMISSIONER_COLUMN);
        SlotLayout layout = SlotLayout.of(names, COLUMNS, null);
        int k = COLUMNS.size();
        assertThat(layout.hasTreatmentFunction()).isTrue();
        assertThat(layout.treatmentFunctionSlot()).isEqualTo(k + 4).isEqualTo(layout.slots() - 1);
        assertThat(layout.columnOfSlot()[layout.treatmentFunctionSlot()]).isEqualTo(k);
        assertThat(layout.columnOfSlot()[layout.commissionerSlot()]).isEqualTo(k + 1);
        assertThat(layout.idSlot()).isEqualTo(k);
    }

    @Test
    void aColumnThatFeedsTwoSlotsFillsTheSecondByCopying() {
        SlotLayout layout = SlotLayout.of(names(SlotLayout.PROVIDER_COLUMN), COLUMNS, SlotLayout.PROVIDER_COLUMN);
        int provider = COLUMNS.size();
        assertThat(layout.firstSlotOfColumn()[provider]).isEqualTo(layout.idSlot());
        assertThat(layout.copies()).isDeepEqualTo(new int[][] {{layout.idSlot(), layout.providerSlot()}});
    }

    @Test
    void missingDuplicatedAndAbsentColumnsAreRefusedByName() {
        assertThatThrownBy(() -> SlotLayout.of(List.of("x", "y"), COLUMNS, null))
                .isInstanceOf(UnreadableExtractException.class).hasMessageStartingWith("the extract has no column ");
        assertThatThrownBy(() -> SlotLayout.of(names("x"), COLUMNS, "nope"))
                .hasMessage("--id-column nope is not in the extract. Columns found: " + Excerpt.ofNames(names("x")));
        assertThatThrownBy(() -> SlotLayout.of(names("OPA_IDENT", "opa_ident"), COLUMNS, null))
                .hasMessageContaining("the extract has two columns named OPA_Ident");
        Header noHeader = new Header(Delimiter.COMMA, List.of("1", "2024-01-01"), 0);
        assertThatThrownBy(() -> SlotLayout.ofHeader(noHeader, COLUMNS, null))
                .hasMessageStartingWith("the first line names none of the columns the measure needs")
                .hasMessageContaining("it has 2 field(s). Is the header row missing?")
                .hasMessageNotContaining("2024-01-01");
    }
}
