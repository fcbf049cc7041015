package org.backcheck.contract;

import java.util.List;
import org.backcheck.classify.Classifier;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.measure.sql.Verdict;

/**
 * The core classifier's outcomes read through {@link Verdict}, as the SQL engines' answers are
 * compared with them: the rule cases check {@link Verdict#of} itself (status, exclusions, and a
 * rejected row's problems named without the value).
 */
class VerdictContractTest extends MeasureEngineContract {

    private static final Classifier CLASSIFIER = new Classifier(Measure.lowerBackImaging());

    @Override
    protected List<RowAnswer> classify(List<ContractRow> rows, NullPolicy policy) {
        return rows.stream().map(r -> RowAnswer.of(Verdict.of(CLASSIFIER.classify(r.fields(CLASSIFIER.columns()), policy))))
                .toList();
    }

    @Override
    protected RowAnswer.Form form() {
        return RowAnswer.Form.VERDICT;
    }
}
