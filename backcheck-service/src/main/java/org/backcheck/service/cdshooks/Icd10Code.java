package org.backcheck.service.cdshooks;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ICD-10 code as records write it, normalised for reading by range: capitals, no dot, no spaces,
 * without the padding and marks that HES and SUS add. Accepts WHO ICD-10 (A00.0), ICD-10-CM's
 * longer codes (S32.009A, M80.08XA) and national editions that use the same letter-digit-digit
 * category (ICD-10-UK, ICD-10-GM...).
 *
 * <p>What is removed: the dot; a dagger or asterisk mark (a trailing {@code +}, {@code *},
 * {@code †}, or HES's {@code D} and {@code A} after a four-character code); HES's filler for an
 * undivided three-character category ({@code C50X}) and an unused fifth character ({@code C509-},
 * {@code C50-}). The category is a letter, a digit, then a digit or (ICD-10-CM: C4A, C7A, D3A) a
 * letter; what follows is up to five letters or digits.
 *
 * @param value the normalised code, e.g. "C509", "S32009A"
 */
record Icd10Code(String value) {

    /** The longest text read as a possible code. */
    static final int MAX_RAW = 32;
    private static final Pattern SHAPE = Pattern.compile("[A-Z][0-9][0-9A-Z][0-9A-Z]{0,5}");

    /** The code read from a record, or empty when it is not an ICD-10 code in any form Backcheck knows. */
    static Optional<Icd10Code> parse(String raw) {
        // No ICD-10 code, with its dot, padding and marks, is longer than this: longer input is not one,
        // and is refused before any work proportional to its length (security review F02).
        if (raw == null || raw.length() > MAX_RAW) {
            return Optional.empty();
        }
        String c = raw.strip().toUpperCase(Locale.ROOT).replace(".", "").replace(" ", "");
        int end = c.length();
        while (end > 0 && "+*\u2020-".indexOf(c.charAt(end - 1)) >= 0) {
            end--;
        }
        c = c.substring(0, end);
        // HES/SUS: "C50X" (an undivided category padded to four), "C509D"/"C509A" (dagger/asterisk).
        if (c.length() == 4 && c.charAt(3) == 'X' && Character.isDigit(c.charAt(2))) {
            c = c.substring(0, 3);
        } else if (c.length() == 5 && (c.charAt(4) == 'D' || c.charAt(4) == 'A')
                && Character.isDigit(c.charAt(2)) && (Character.isDigit(c.charAt(3)) || c.charAt(3) == 'X')) {
            c = c.charAt(3) == 'X' ? c.substring(0, 3) : c.substring(0, 4);
        }
        return SHAPE.matcher(c).matches() ? Optional.of(new Icd10Code(c)) : Optional.empty();
    }

    /** The code with its dot, as a clinician reads it: "C50.9", "C50". */
    String dotted() {
        return value.length() <= 3 ? value : value.substring(0, 3) + "." + value.substring(3);
    }
}
