package org.backcheck.contract;

import java.util.ArrayList;
import java.util.List;

/**
 * An engine's answers collected by row number (from 1) in whatever order the engine gives them:
 * a row answered twice, a number outside the rows, or a row left without an answer is an error.
 */
public final class RowAnswers {

    private final RowAnswer[] answers;

    public RowAnswers(int rows) {
        answers = new RowAnswer[rows];
    }

    /** Records the answer for row {@code rowNo}; {@code source} names where it came from, for errors. */
    public void put(long rowNo, RowAnswer answer, String source) {
        if (rowNo < 1 || rowNo > answers.length) {
            throw new AssertionError(source + " names row " + rowNo + " of " + answers.length + " rows");
        }
        int at = (int) rowNo - 1;
        if (answers[at] != null) {
            throw new AssertionError(source + " answers row " + rowNo + " again: " + answer + " after " + answers[at]);
        }
        answers[at] = answer;
    }

    /** Every row's answer, in row order; rows without one get {@code missing}, or fail when it is null. */
    public List<RowAnswer> toList(RowAnswer missing) {
        List<RowAnswer> out = new ArrayList<>(answers.length);
        for (int i = 0; i < answers.length; i++) {
            RowAnswer a = answers[i] != null ? answers[i] : missing;
            if (a == null) {
                throw new AssertionError("no answer for row " + (i + 1));
            }
            out.add(a);
        }
        return out;
    }
}
