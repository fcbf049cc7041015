package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.List;
import org.backcheck.guidance.Recommendation;

/**
 * Which card a lumbar imaging order gets: the fail-safe decision table. The rows are tried in
 * order and the first that applies decides; every row is tested on its own in
 * {@code CardPolicyTest}, and the table is repeated in {@code clinical-safety/README.md}.
 *
 * <pre>
 * | # | when (first match wins)                                             | kind                   | indicator | cancel suggestion |
 * |---|---------------------------------------------------------------------|------------------------|-----------|-------------------|
 * | 1 | the engine, given the record's CODED red flags, says emergency MRI   | EMERGENCY              | critical  | never             |
 * |   | (cauda equina or cord compression; a known cancer with nerve-root    |                        |           |                   |
 * |   | pain from the order: NICE NG234)                                     |                        |           |                   |
 * | 2 | any counted entry is a red flag (coded, past cancer, or text net),   | RED_FLAG               | info      | never             |
 * |   | or words alone call for an emergency ("if suspected: emergency")     |                        |           |                   |
 * | 3 | no date of birth                                                     | CANNOT_JUDGE           | info      | never             |
 * | 4 | age under 19                                                         | OUT_OF_SCOPE           | info      | never             |
 * | 5 | anything Backcheck could not judge: an urgent/ASAP/STAT order, free  | CANNOT_JUDGE           | info      | never             |
 * |   | text (any), an unclassified code (unknown system, invalid, or in no  |                        |           |                   |
 * |   | range: the tables fail closed), a risk factor (a past red flag is    |                        |           |                   |
 * |   | one), a reason or problem list not read whole (empty, filtered,      |                        |           |                   |
 * |   | paged, fewer than its total, redacted), an unreadable priority       |                        |           |                   |
 * | 6 | otherwise: 19 or over, routine, every entry classified, none a red   | NO_RED_FLAG_RECOGNISED | warning   | offered           |
 * |   | flag or risk factor                                                  |                        |           |                   |
 * </pre>
 *
 * A warning with a suggestion to cancel is therefore given only when Backcheck read everything it
 * was sent, recognised all of it, and found nothing that calls for imaging or for judgement; and
 * even then the card says that only coded conditions were read and lists the red flags to ask about.
 */
final class CardPolicy {

    private CardPolicy() {
    }

    /** The kinds of card, each with its CDS Hooks indicator. */
    enum Kind {
        EMERGENCY("critical"),
        RED_FLAG("info"),
        CANNOT_JUDGE("info"),
        OUT_OF_SCOPE("info"),
        NO_RED_FLAG_RECOGNISED("warning");

        final String indicator;

        Kind(String indicator) {
            this.indicator = indicator;
        }
    }

    /**
     * @param kind        the card to give
     * @param row         the row of the table that decided (1 to 6), for tests and the card's audit trail
     * @param cannotJudge what Backcheck could not judge, in its words (may be non-empty for any kind)
     */
    record Decision(Kind kind, int row, List<String> cannotJudge) {
        Decision {
            cannotJudge = List.copyOf(cannotJudge);
        }
    }

    /**
     * @param reading    what was read from the orders and the record
     * @param age        whole years today, or null without a date of birth
     * @param engine     the engine's recommendation for the record's red flags, words included (assessed without a screen)
     * @param fromCodes  the same for the coded red flags alone: only codes can make a card critical
     */
    static Decision decide(RecordReading reading, Integer age, Recommendation engine, Recommendation fromCodes) {
        List<String> cannot = new ArrayList<>(reading.cannotJudge);
        List<RecordEntry> counted = reading.counted();
        for (RecordEntry e : counted) {
            if (e.grade() == Grade.UNCLASSIFIED) {
                cannot.add("\u201c" + e.shown() + "\u201d (" + e.verdict().label() + "): " + e.verdict().meaning() + ".");
            } else if (e.grade() == Grade.RISK_FACTOR) {
                cannot.add("\u201c" + e.shown() + "\u201d (" + e.verdict().label() + "): " + e.verdict().meaning()
                        + "; Backcheck cannot see from the record what goes with it.");
            }
        }
        boolean coded = counted.stream().anyMatch(e -> !e.verdict().fromText() && e.grade() != Grade.UNCLASSIFIED);
        if (!coded) {
            cannot.add("The order has no coded reason and the record no coded condition Backcheck recognised, so it has "
                    + "nothing to check against.");
        }
        if (fromCodes == Recommendation.EMERGENCY_MRI) {
            return new Decision(Kind.EMERGENCY, 1, cannot);
        }
        if (engine == Recommendation.EMERGENCY_MRI || counted.stream().anyMatch(e -> e.grade() == Grade.RED_FLAG)) {
            return new Decision(Kind.RED_FLAG, 2, cannot);
        }
        if (age == null) {
            cannot.add(0, "The record has no date of birth, and the guidance covers people aged 19 and over.");
            return new Decision(Kind.CANNOT_JUDGE, 3, cannot);
        }
        if (age < 19) {
            return new Decision(Kind.OUT_OF_SCOPE, 4, cannot);
        }
        if (!cannot.isEmpty()) {
            return new Decision(Kind.CANNOT_JUDGE, 5, cannot);
        }
        return new Decision(Kind.NO_RED_FLAG_RECOGNISED, 6, cannot);
    }
}
