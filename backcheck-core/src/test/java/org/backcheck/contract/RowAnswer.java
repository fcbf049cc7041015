package org.backcheck.contract;

import java.util.stream.Collectors;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.Status;
import org.backcheck.measure.sql.Verdict;

/**
 * What an engine says about one row, in the parts every engine can state; a part an engine's form
 * does not carry is {@code null}.
 *
 * @param status  {@code counted}, {@code excluded}, {@code unmatched} or {@code rejected}
 * @param reason  an excluded row's exclusions; a rejected row's problems (see {@link Form})
 * @param codes   the matched codes of a counted or excluded row, joined by {@code ;}
 * @param fields  the unreadable fields of a rejected row, joined by {@code ;}
 */
public record RowAnswer(String status, String reason, String codes, String fields) {

    /** A row the engine did not select. */
    public static final RowAnswer UNMATCHED = new RowAnswer(Status.UNMATCHED.id(), null, null, null);

    /** How an engine states its answers, and so what the contract expects of each row. */
    public enum Form {
        /**
         * As {@code matches.csv} and {@code rejected.csv} (and the Spark job's {@code matches} and
         * {@code rejected}) hold a row: a counted or excluded row with its exclusions and matched codes;
         * a rejected row with its unreadable fields and, for each, the problem and the value; an
         * unmatched row is in neither.
         */
        OUTPUT_ROWS {
            @Override
            public RowAnswer expected(Outcome o) {
                return switch (o.status()) {
                    case COUNTED -> new RowAnswer(o.status().id(), null, String.join(";", o.matchedCodes()), null);
                    case EXCLUDED -> new RowAnswer(o.status().id(), String.join(";", o.reasons()),
                            String.join(";", o.matchedCodes()), null);
                    case REJECTED -> new RowAnswer(o.status().id(),
                            o.problems().stream().map(Outcome.Problem::reason).collect(Collectors.joining("; ")), null,
                            o.problems().stream().map(Outcome.Problem::field).collect(Collectors.joining(";")));
                    case UNMATCHED -> UNMATCHED;
                };
            }
        },
        /** As the SQL of {@code backcheck sql} states a row: {@link Verdict}'s status and reason. */
        VERDICT {
            @Override
            public RowAnswer expected(Outcome o) {
                return RowAnswer.of(Verdict.of(o));
            }
        };

        /** What an engine of this form must answer for a row the reference classifier gives {@code o}. */
        public abstract RowAnswer expected(Outcome o);
    }

    /** A verdict as the SQL states it. */
    public static RowAnswer of(Verdict v) {
        return new RowAnswer(v.status(), v.reason(), null, null);
    }

    /** {@code status}, or {@code excluded:<reasons>}: the form of the spec's expected columns. */
    public String rendered() {
        return status.equals(Status.EXCLUDED.id()) ? status + ":" + reason : status;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(status);
        if (reason != null) {
            sb.append(" reason '").append(reason).append('\'');
        }
        if (codes != null) {
            sb.append(" codes '").append(codes).append('\'');
        }
        if (fields != null) {
            sb.append(" fields '").append(fields).append('\'');
        }
        return sb.toString();
    }
}
