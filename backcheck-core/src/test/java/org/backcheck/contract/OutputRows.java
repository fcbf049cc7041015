package org.backcheck.contract;

import java.util.List;
import java.util.function.ToLongFunction;
import org.backcheck.classify.Status;

/**
 * An engine's row outputs read back as answers, row by row: {@code matches} (columns row, id, status,
 * reason, matched_codes) and {@code rejected} (row, id, field, reason), each a list of text fields
 * without the header, as the single-machine audit and the Spark job write them. Row numbers count
 * the extract's records from 1; a row in neither output is unmatched.
 */
public final class OutputRows {

    private OutputRows() {
    }

    /** One answer per contract row; each output row's id must be the label of the row it numbers. */
    public static List<RowAnswer> answers(List<ContractRow> rows, List<List<String>> matches, List<List<String>> rejected) {
        RowAnswers answers = new RowAnswers(rows.size());
        for (List<String> m : matches) {
            long rowNo = checkedRowNo(m, rows, "matches");
            String status = m.get(2);
            String reason = m.get(3).isEmpty() && status.equals(Status.COUNTED.id()) ? null : m.get(3);
            answers.put(rowNo, new RowAnswer(status, reason, m.get(4), null), "matches");
        }
        for (List<String> r : rejected) {
            answers.put(checkedRowNo(r, rows, "rejected"), new RowAnswer(Status.REJECTED.id(), r.get(3), null, r.get(2)),
                    "rejected");
        }
        return answers.toList(RowAnswer.UNMATCHED);
    }

    /**
     * The run's totals (summary.json's {@code rows_read}, {@code counted}, {@code excluded},
     * {@code unmatched}, {@code rejected}, read by {@code summary}) are those of its row answers.
     */
    public static void assertTotals(List<RowAnswer> answers, ToLongFunction<String> summary) {
        long[] byStatus = new long[Status.values().length];
        for (RowAnswer a : answers) {
            byStatus[Status.valueOf(a.status().toUpperCase(java.util.Locale.ROOT)).ordinal()]++;
        }
        check("rows_read", summary.applyAsLong("rows_read"), answers.size());
        for (Status s : Status.values()) {
            check(s.id(), summary.applyAsLong(s.id()), byStatus[s.ordinal()]);
        }
    }

    private static void check(String key, long inSummary, long inRows) {
        if (inSummary != inRows) {
            throw new AssertionError("summary.json " + key + " is " + inSummary + "; the row outputs give " + inRows);
        }
    }

    /** The output row's row number, once its id is found to be the label of the row it numbers. */
    private static long checkedRowNo(List<String> outputRow, List<ContractRow> rows, String output) {
        long rowNo = Long.parseLong(outputRow.get(0));
        if (rowNo >= 1 && rowNo <= rows.size() && !outputRow.get(1).equals(rows.get((int) rowNo - 1).label())) {
            throw new AssertionError(output + " row " + rowNo + " has id '" + outputRow.get(1) + "', not '"
                    + rows.get((int) rowNo - 1).label() + "'");
        }
        return rowNo;
    }
}
