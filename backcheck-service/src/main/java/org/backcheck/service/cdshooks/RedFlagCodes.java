package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything the CDS Hooks service knows about codes and words in a record: ICD-10 by range
 * ({@link Icd10Rules}), SNOMED CT by the curated list and an optional terminology server
 * ({@link SnomedConcepts}), and the text net over displays and free text ({@link TextNet}). A coding
 * in any other code system is unclassified: Backcheck says it could not read it.
 */
final class RedFlagCodes {

    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    /** The URI NHS England's terminology server uses for ICD-10 5th edition (UK). */
    static final String ICD10_UK = "http://hl7.org/fhir/sid/icd-10-uk";
    private static final String SNOMED_OID = "urn:oid:2.16.840.1.113883.6.96";
    private static final List<String> ICD10_OIDS = List.of("urn:oid:2.16.840.1.113883.6.3", "urn:oid:2.16.840.1.113883.6.90");

    /**
     * What one hook call may spend on reading (security review F04): characters through the text net
     * and concepts looked up on the terminology server. What is beyond the budget is not read, and
     * the reading says so, which stops a suggestion to cancel. Not thread-safe: one per call.
     */
    static final class Budget {
        static final int TEXT_CHARACTERS = 200_000;
        static final int LOOKUPS = 10;
        private int textLeft = TEXT_CHARACTERS;
        private int lookupsLeft = LOOKUPS;
        boolean textRanOut;
        boolean lookupsRanOut;

        static Budget unlimited() {
            Budget b = new Budget();
            b.textLeft = Integer.MAX_VALUE;
            b.lookupsLeft = Integer.MAX_VALUE;
            return b;
        }

        boolean spendText(String words) {
            int n = Math.min(words.length(), TextNet.MAX_TEXT);
            if (n > textLeft) {
                textRanOut = true;
                return false;
            }
            textLeft -= n;
            return true;
        }

        boolean spendLookup() {
            if (lookupsLeft <= 0) {
                lookupsRanOut = true;
                return false;
            }
            lookupsLeft--;
            return true;
        }
    }

    private static final java.util.regex.Pattern SNOMED_ID_SHAPE = java.util.regex.Pattern.compile("[0-9]{6,18}");

    private final Icd10Rules icd10;
    private final SnomedConcepts snomed;
    private final TextNet text;

    private RedFlagCodes(Icd10Rules icd10, SnomedConcepts snomed, TextNet text) {
        this.icd10 = icd10;
        this.snomed = snomed;
        this.text = text;
    }

    /** The shipped codelists, with the given terminology for SNOMED CT concepts not on the list. */
    static RedFlagCodes load(SnomedTerminology terminology) {
        return new RedFlagCodes(Icd10Rules.load(), SnomedConcepts.load(Objects.requireNonNull(terminology)), TextNet.load());
    }

    Icd10Rules icd10() {
        return icd10;
    }

    SnomedConcepts snomed() {
        return snomed;
    }

    /**
     * ICD-10 in any of its FHIR system URIs: WHO's, ICD-10-CM's, the UK's and other national
     * editions' ({@code http://hl7.org/fhir/sid/icd-10-*}), and the HL7 OIDs; never ICD-10-PCS
     * (procedures).
     */
    static boolean isIcd10(String system) {
        if (system == null) {
            return false;
        }
        String s = system.strip().toLowerCase(Locale.ROOT);
        return s.startsWith(ICD10) && !s.contains("pcs") || ICD10_OIDS.contains(s);
    }

    static boolean isSnomed(String system) {
        return system != null && (system.strip().equals(SNOMED) || system.strip().equals(SNOMED_OID));
    }

    /** The reading of a coding's code, without its display, with no limit on look-ups (tests). */
    Reading readCode(String system, String code) {
        return readCode(system, code, Budget.unlimited());
    }

    /** The reading of a coding's code, without its display. */
    Reading readCode(String system, String code, Budget budget) {
        if (code == null || code.isBlank()) {
            return Reading.unclassified("a coding without a code", "a coding without a code");
        }
        String shown = code.strip().length() > 24 ? code.strip().substring(0, 24) + "..." : code.strip();
        if (isIcd10(system)) {
            return Icd10Code.parse(code)
                    .map(c -> icd10.read(c, "ICD-10 " + c.dotted()))
                    .orElseGet(() -> Reading.unclassified("ICD-10 " + shown, "not a valid ICD-10 code"));
        }
        if (isSnomed(system)) {
            String id = code.strip();
            if (!SNOMED_ID_SHAPE.matcher(id).matches()) {
                return Reading.unclassified("SNOMED CT " + shown, "not a SNOMED CT identifier");
            }
            return snomed.read(id, "SNOMED CT " + id, budget);
        }
        return Reading.unclassified(shown, system == null ? "a code without a code system"
                : "a code system Backcheck does not read (" + abbreviated(system) + ")");
    }

    /** The text net's readings of some words: every match, most serious first (no budget: tests). */
    List<Reading> readText(String words) {
        return text.read(words);
    }

    /** The text net's readings within a call's budget; nothing once the budget has run out. */
    List<Reading> readText(String words, Budget budget) {
        if (words == null || words.isBlank() || !budget.spendText(words)) {
            return List.of();
        }
        return text.read(words);
    }

    /**
     * A coding read whole: its code and its display. When the code could not be classified, the
     * display is read by the text net like any words. When the code is recognised, its display
     * cannot make it a red flag ("Fracture of lower end of radius" is not a spinal fracture), but a
     * display that names a red flag or risk factor ("Low back pain ?cauda equina", edited by a
     * clinician) makes it a risk factor: Backcheck cannot tell whether the code or the words are
     * right. A match that a code system's own title negates or gives to someone else ("without
     * myelopathy", "Family history of malignant neoplasm") is left out, but only while the display
     * reads as a title: any edit ("FH bowel cancer; own bony mets") is read whole (TextNet.readDisplay).
     */
    List<Reading> read(String system, String code, String display) {
        return read(system, code, display, Budget.unlimited());
    }

    List<Reading> read(String system, String code, String display, Budget budget) {
        List<Reading> out = new ArrayList<>();
        Reading coded = readCode(system, code, budget);
        out.add(coded);
        if (coded.grade() == Grade.UNCLASSIFIED) {
            out.addAll(readText(display, budget));
        } else if (display != null && !display.isBlank() && budget.spendText(display)) {
            boolean named = false;
            for (Reading hit : text.readDisplay(display)) {
                if (!named && (hit.grade() == Grade.RED_FLAG || hit.grade() == Grade.RISK_FACTOR)) {
                    named = true;
                    out.add(new Reading(Grade.RISK_FACTOR, null, "the code is " + coded.meaning() + ", but its name also names "
                            + hit.meaning().replace(" named in the text", "") + ": Backcheck cannot tell which is right",
                            coded.label(), hit.basis(), true));
                } else if (hit.grade() == Grade.UNCLASSIFIED) {
                    out.add(new Reading(Grade.UNCLASSIFIED, null, "the code is " + coded.meaning() + ", but its name was typed "
                            + "or edited, and Backcheck cannot read the words", coded.label(), hit.basis(), true));
                }
            }
        }
        return out;
    }

    private static String abbreviated(String system) {
        String s = system.strip();
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
