package org.backcheck.measure.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's outcomes stated as the SQL states them. The problem texts of a rejected row are
 * written into the SQL by {@link WholeNumberSql}; these cases fail if the engine's texts change. The rule
 * cases, read through {@link Verdict}, are run by {@code org.backcheck.contract.VerdictContractTest}.
 */
class VerdictTest {

    private static final Classifier CLASSIFIER = new Classifier(Measure.lowerBackImaging());

    /** Fields in the classifier's order: procedures, diagnoses, category, SUS age, CDS age. */
    private static Verdict verdict(String procedures, String ageSus, String ageCds, String diagnoses, String category,
                                   NullPolicy policy) {
        return Verdict.of(CLASSIFIER.classify(Fields.of(procedures, diagnoses, category, ageSus, ageCds), policy));
    }

    @ParameterizedTest(name = "SUS age ''{0}'', CDS age ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "45.5||Age_at_Start_of_Episode_SUS: " + WholeNumberSql.NOT_A_WHOLE_NUMBER,
        "+||Age_at_Start_of_Episode_SUS: " + WholeNumberSql.NOT_A_WHOLE_NUMBER,
        "\"1 9\"||Age_at_Start_of_Episode_SUS: " + WholeNumberSql.NOT_A_WHOLE_NUMBER,
        "0000000000000000019||Age_at_Start_of_Episode_SUS: " + WholeNumberSql.TOO_LONG,
        "2147483648||Age_at_Start_of_Episode_SUS: " + WholeNumberSql.OUT_OF_RANGE,
        "-2147483649||Age_at_Start_of_Episode_SUS: " + WholeNumberSql.OUT_OF_RANGE,
        "40|x|Der_Age_at_CDS_Activity_Date: " + WholeNumberSql.NOT_A_WHOLE_NUMBER,
        "x|99999999999|Age_at_Start_of_Episode_SUS: " + WholeNumberSql.NOT_A_WHOLE_NUMBER + Verdict.PROBLEM_SEPARATOR
                + "Der_Age_at_CDS_Activity_Date: " + WholeNumberSql.OUT_OF_RANGE,
    })
    void rejectedRowsNameEachFieldAndItsProblem(String ageSus, String ageCds, String reason) {
        Verdict v = verdict("U054", ageSus, ageCds, "M545", "01", NullPolicy.CLINICAL);
        assertThat(v).isEqualTo(new Verdict("rejected", reason));
    }
}
