package org.backcheck.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backcheck.measure.Column;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The age the report bands by is the one the measure read: ISNULL(SUS age, CDS age). */
class RangeValueTest {

    private static final Classifier CLASSIFIER = new Classifier(Measure.lowerBackImaging());

    @ParameterizedTest(name = "SUS ''{0}'', CDS ''{1}'' -> {2}")
    @CsvSource(value = {"45|46|45", "''|46|46", "'  '|7002|7002", "' 19 '|''|19", "''|''|NULL", "-3|50|-3", "+120|''|120"},
            delimiter = '|')
    void theFirstNonNullAgeIsRead(String sus, String cds, String expected) {
        Classifier.Scratch scratch = CLASSIFIER.newScratch();
        Outcome o = CLASSIFIER.classify(fields(sus, cds), NullPolicy.CLINICAL, scratch);
        assertThat(o.status()).isNotEqualTo(Status.REJECTED);
        long value = CLASSIFIER.rangeValue(scratch);
        assertThat(value == Classifier.NO_VALUE ? "NULL" : Long.toString(value)).isEqualTo(expected);
    }

    private static Fields fields(String sus, String cds) {
        List<Column> columns = CLASSIFIER.columns();
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            String name = columns.get(i).name();
            values[i] = name.equalsIgnoreCase("Age_at_Start_of_Episode_SUS") ? sus
                    : name.equalsIgnoreCase("Der_Age_at_CDS_Activity_Date") ? cds
                    : name.equalsIgnoreCase("Der_Procedure_All") ? "U054" : "";
        }
        return Fields.of(values);
    }
}
