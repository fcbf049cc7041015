package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ordinary medicines of {@code org/backcheck/cds/ordinary-medicines.csv}: pain relief, stomach
 * protection, laxatives, vitamins and products used on the skin or inhaled. A medicine ordered with
 * the scan that is not one of them, whole, cannot be judged (fifth and sixth independent reviews,
 * R5-04 and R6-04): the list fails closed.
 */
final class OrdinaryMedicines {

    /** A dose or strength: digits, with a decimal point or comma. */
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(?:[.,][0-9]+)?");
    private static final OrdinaryMedicines STANDARD = load();

    private final List<Pattern> medicines;
    private final List<Pattern> forms;

    private OrdinaryMedicines(List<Pattern> medicines, List<Pattern> forms) {
        this.medicines = List.copyOf(medicines);
        this.forms = List.copyOf(forms);
    }

    static OrdinaryMedicines standard() {
        return STANDARD;
    }

    private static OrdinaryMedicines load() {
        List<Pattern> medicines = new ArrayList<>();
        List<Pattern> forms = new ArrayList<>();
        for (String[] row : CdsData.rows("ordinary-medicines.csv", 4)) {
            CdsData.checkCitations("ordinary-medicines.csv", row[0], row[3]);
            // Whole words by letters: "500mg" is read as "500" and "mg", "5%" as "5" and "%".
            Pattern p = Pattern.compile("(?<!\\p{L})(?:" + row[0].replace('\u00a6', '|') + ")(?!\\p{L})",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
            switch (row[1]) {
                case "medicine" -> medicines.add(p);
                case "form" -> forms.add(p);
                default -> throw new IllegalStateException("ordinary-medicines.csv: kind must be medicine or form: " + row[0]);
            }
        }
        return new OrdinaryMedicines(medicines, forms);
    }

    /**
     * True when the medicine's whole name is ordinary: at least one ordinary medicine, and nothing
     * but ordinary medicines and the words of a form and strength ("Naproxen 500mg / esomeprazole
     * 20mg modified-release tablets").
     */
    boolean isOrdinary(String name) {
        if (name == null || name.isBlank() || name.length() > TextNet.MAX_TITLE) {
            return false;
        }
        String rest = TextNet.normalised(name).toLowerCase(Locale.ROOT);
        boolean named = false;
        for (Pattern p : medicines) {
            java.util.regex.Matcher m = p.matcher(rest);
            if (m.find()) {
                named = true;
                rest = m.replaceAll(" ");
            }
        }
        if (!named) {
            return false;
        }
        rest = NUMBER.matcher(rest).replaceAll(" ");
        for (Pattern p : forms) {
            rest = p.matcher(rest).replaceAll(" ");
        }
        return !rest.codePoints().anyMatch(Character::isLetter);
    }
}
