package org.backcheck.service.cdshooks;

import java.util.Locale;
import java.util.Set;

/**
 * Whether an order's name (ServiceRequest.code.text or a coding's display), category or body site
 * is only a test's name: every word one that an
 * imaging test's name is made of ("MRI lumbar spine without contrast", "XR L-spine AP and lateral").
 * A name that says anything else ("MRI L-spine ?cauda equina", "CT spine, known prostate primary")
 * is free text, which Backcheck cannot read and which stops a suggestion to cancel.
 */
final class OrderName {

    private static final Set<String> WORDS = Set.of(
            "mri", "mr", "ct", "x", "ray", "xray", "xr", "plain", "film", "films", "radiograph", "radiography", "scan",
            "imaging", "magnetic", "resonance", "computed", "tomography", "myelogram", "myelography",
            "lumbar", "lumbosacral", "lumbo", "sacral", "sacrum", "sacroiliac", "si", "joint", "joints", "spine", "spinal",
            "l", "ls", "s", "of", "the", "and", "with", "without", "w", "wo", "then",
            "contrast", "dye", "o", "or", "iv", "intravenous", "intrathecal", "gadolinium", "views", "view", "ap", "pa", "lateral", "lat",
            "oblique", "obliques", "flexion", "extension", "bending", "standing", "erect", "under", "anaesthesia",
            "anesthesia", "general", "sedation", "only", "minimum", "min", "routine", "left", "right",
            "1", "2", "3", "4", "5", "two", "three", "four",
            // a category or body site as EHRs send it: "Diagnostic imaging", "Radiology", "Lumbar spine structure"
            "diagnostic", "radiology", "radiological", "radiologic", "procedure", "procedures", "study", "exam",
            "examination", "investigation", "order", "structure", "region", "back", "lower", "vertebral",
            "column");

    /**
     * Letters, digits, spaces and the punctuation a test's name uses; anything else ("?" for a query,
     * "#" for a fracture, "!") is more than a name (fourth review R4-05).
     */
    private static final java.util.regex.Pattern NAME_CHARACTERS =
            java.util.regex.Pattern.compile("[\\p{L}\\p{N}\\s\\-,./()&+]*+", java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

    private static final java.util.regex.Pattern NOT_LETTERS = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    private OrderName() {
    }

    static boolean isPlain(String name) {
        String t = TextNet.normalised(name).toLowerCase(Locale.ROOT);
        if (!NAME_CHARACTERS.matcher(t).matches()) {
            return false;
        }
        for (String word : NOT_LETTERS.split(t)) {
            if (!word.isEmpty() && !WORDS.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
