package org.backcheck.classify;

import java.util.List;
import org.backcheck.measure.Column;
import org.backcheck.measure.Condition;

/**
 * A cheap test that rules rows out before the WHEN condition is evaluated: derived from the
 * condition itself, it names a text field and the characters of which the field must hold at
 * least one for the condition to be TRUE. For the EBI measure: every branch needs a procedure
 * code starting with U, so a procedure field without a U (in either case) cannot match.
 */
record Prefilter(int field, boolean[] ascii) {

    static Prefilter of(Condition c, List<Column> columns) {
        if (c instanceof Condition.Like like && !like.negated()) {
            boolean[] chars = like.pattern().requiredAsciiChars();
            return chars == null ? null : new Prefilter(columns.indexOf(like.column()), chars);
        }
        if (c instanceof Condition.And and) {
            for (Condition operand : and.operands()) {
                Prefilter p = of(operand, columns);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (c instanceof Condition.Or or) {
            Prefilter union = null;
            for (Condition operand : or.operands()) {
                Prefilter p = of(operand, columns);
                if (p == null || (union != null && union.field != p.field)) {
                    return null;
                }
                union = union == null ? p : union.or(p);
            }
            return union;
        }
        return null;
    }

    private Prefilter or(Prefilter other) {
        boolean[] both = ascii.clone();
        for (int i = 0; i < both.length; i++) {
            both[i] |= other.ascii[i];
        }
        return new Prefilter(field, both);
    }

    /** True when the field is pure ASCII and holds none of the characters. */
    boolean rulesOut(Fields fields) {
        byte[] b = fields.bytes(field);
        for (int i = fields.offset(field), end = i + fields.length(field); i < end; i++) {
            int c = b[i];
            if (c < 0 || ascii[c]) {
                return false;
            }
        }
        return true;
    }
}
