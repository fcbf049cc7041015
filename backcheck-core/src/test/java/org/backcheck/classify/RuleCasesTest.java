package org.backcheck.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backcheck.measure.Column;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.Test;

/**
 * The spec's rule-case table itself and the classifier's checks beyond it. Every engine, the
 * classifier included, runs the table's cases through {@code org.backcheck.contract.MeasureEngineContract}.
 */
class RuleCasesTest {

    private static final Classifier CLASSIFIER = new Classifier(Measure.lowerBackImaging());

    @Test
    void theTableCoversEveryClauseAndStatus() {
        List<RuleCase> all = RuleCase.all();
        assertThat(all).extracting(RuleCase::clause).contains("W1", "W2", "AGE", "X1", "X2", "NULL");
        assertThat(all).extracting(c -> c.clinical().split(":")[0])
                .contains("counted", "excluded", "unmatched", "rejected");
        assertThat(all).extracting(RuleCase::id).doesNotHaveDuplicates();
    }

    @Test
    void rejectedRowsNameTheFieldAndTheValue() {
        Outcome o = CLASSIFIER.classify(fieldsFor(new RuleCase("x", "AGE", "U054", "45.5", "abc", "", "01", "", "", "")),
                NullPolicy.CLINICAL);
        assertThat(o.status()).isEqualTo(Status.REJECTED);
        assertThat(o.problems()).extracting(Outcome.Problem::field)
                .containsExactly("Age_at_Start_of_Episode_SUS", "Der_Age_at_CDS_Activity_Date");
        assertThat(o.problems().get(0).reason()).isEqualTo("not a whole number: '45.5'");
    }

    /**
     * The classifier skips rows whose procedure field cannot match before evaluating the rule.
     * On generated procedure fields (lower case, non-ASCII, near misses), its answer must equal an
     * independent regex reading of the published WHEN clause.
     */
    @Test
    void skippingRowsEarlyNeverChangesTheAnswer() {
        String[] pieces = {"U054", "u055", "U053", "U135", "U13", "u216", "U213", "Z665", "z665", "O162", "o16", "X999",
            "é", "Ü", ",", " ", "||", "5", "U", "ŭ055", "\u212A"};
        java.util.regex.Pattern spine = java.util.regex.Pattern.compile(".*U05[45].*", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE | java.util.regex.Pattern.DOTALL);
        java.util.regex.Pattern imaging = java.util.regex.Pattern.compile(".*(U13[2356]|U21[1267]).*", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE | java.util.regex.Pattern.DOTALL);
        java.util.regex.Pattern site = java.util.regex.Pattern.compile(".*(Z665|O162).*", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE | java.util.regex.Pattern.DOTALL);
        java.util.SplittableRandom random = new java.util.SplittableRandom(99);
        Classifier.Scratch scratch = CLASSIFIER.newScratch();
        int included = 0;
        for (int n = 0; n < 30_000; n++) {
            StringBuilder proc = new StringBuilder();
            for (int k = random.nextInt(5); k > 0; k--) {
                proc.append(pieces[random.nextInt(pieces.length)]);
            }
            String p = proc.toString();
            boolean expected = !p.isBlank()
                    && (spine.matcher(p).matches() || imaging.matcher(p).matches() && site.matcher(p).matches());
            Outcome o = CLASSIFIER.classify(fieldsFor(new RuleCase("g", "W", p, "40", "", "M545", "01", "", "", "")),
                    NullPolicy.CLINICAL, scratch);
            assertThat(o.status() == Status.COUNTED).as("procedures '%s'", p).isEqualTo(expected);
            included += expected ? 1 : 0;
        }
        assertThat(included).isGreaterThan(3000);
    }

    /** Puts the case's values in the classifier's field order, found by column name. */
    static Fields fieldsFor(RuleCase c) {
        List<Column> columns = CLASSIFIER.columns();
        String[] values = new String[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (columns.get(i).key()) {
                case "der_procedure_all" -> c.procedures();
                case "der_diagnosis_all" -> c.diagnoses();
                case "administrative_category" -> c.adminCategory();
                case "age_at_start_of_episode_sus" -> c.ageSus();
                case "der_age_at_cds_activity_date" -> c.ageCds();
                default -> throw new IllegalStateException("unexpected column " + columns.get(i));
            };
        }
        return Fields.of(values);
    }
}
