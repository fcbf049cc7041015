package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ordinary medicines of {@code org/backcheck/cds/ordinary-medicines.csv}: pain relief, stomach
 * protection, laxatives, vitamins and products used on the skin or inhaled. A medicine ordered with
 * the scan that is not one of them cannot be judged (fifth independent review, R5-04): the list
 * fails closed.
 */
final class OrdinaryMedicines {

    private static final OrdinaryMedicines STANDARD = load();

    private final List<Pattern> patterns;

    private OrdinaryMedicines(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    static OrdinaryMedicines standard() {
        return STANDARD;
    }

    private static OrdinaryMedicines load() {
        List<Pattern> patterns = new ArrayList<>();
        for (String[] row : CdsData.rows("ordinary-medicines.csv", 3)) {
            CdsData.checkCitations("ordinary-medicines.csv", row[0], row[2]);
            patterns.add(Pattern.compile("(?<!\\w)(?:" + row[0].replace('\u00a6', '|') + ")(?!\\w)",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS));
        }
        return new OrdinaryMedicines(patterns);
    }

    /** True when the medicine's name is one of the ordinary ones. */
    boolean isOrdinary(String name) {
        if (name == null || name.isBlank() || name.length() > TextNet.MAX_TITLE) {
            return false;
        }
        String t = TextNet.normalised(name);
        return patterns.stream().anyMatch(p -> p.matcher(t).find());
    }
}
