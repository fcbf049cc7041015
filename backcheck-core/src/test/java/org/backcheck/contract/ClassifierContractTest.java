package org.backcheck.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.RuleCase;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core classifier itself, one row at a time with no reused scratch space, stated as the audit's
 * outputs state a row. Against the spec's rule cases this is the measure's own test; the
 * comparison with the reference (the same classifier, reusing its scratch space) checks that reuse.
 */
class ClassifierContractTest extends MeasureEngineContract {

    private static final Classifier CLASSIFIER = new Classifier(Measure.lowerBackImaging());

    @Override
    protected List<RowAnswer> classify(List<ContractRow> rows, NullPolicy policy) {
        return rows.stream().map(r -> form().expected(CLASSIFIER.classify(r.fields(CLASSIFIER.columns()), policy)))
                .toList();
    }

    @Override
    protected RowAnswer.Form form() {
        return RowAnswer.Form.OUTPUT_ROWS;
    }

    static List<RuleCase> ruleCases() {
        return RuleCase.all();
    }

    /** Only the classifier says, row by row, whether the other policy would change the status. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleCases")
    void aRowIsPolicySensitiveExactlyWhenThePoliciesGiveItDifferentStatuses(RuleCase c) {
        ContractRow row = ContractRow.of(c);
        Outcome clinical = CLASSIFIER.classify(row.fields(CLASSIFIER.columns()), NullPolicy.CLINICAL);
        Outcome sql = CLASSIFIER.classify(row.fields(CLASSIFIER.columns()), NullPolicy.SQL);
        boolean differ = !c.clinical().startsWith(c.sql().split(":")[0]);
        assertThat(clinical.policySensitive()).as("clinical policy").isEqualTo(differ);
        assertThat(sql.policySensitive()).as("sql policy").isEqualTo(differ);
    }
}
