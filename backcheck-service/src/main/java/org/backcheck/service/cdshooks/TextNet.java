package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text net: words in a condition's name, an order's reason or note that point to a red flag
 * ({@code org/backcheck/cds/text-net.csv}). It catches what codes miss: an unknown code whose
 * display says "metastatic", a reason typed as "?cauda equina". It does not read negation ("no
 * fever" still matches "fever"): a false alarm costs a click, a missed red flag can cost a spine, so
 * the card quotes the words it matched and says that it cannot tell whether they were negated. When a
 * qualifying word is in the same text ("no", "family history", "safety net", "screening"), a
 * red-flag match becomes a risk factor: named, no pathway claimed, still no cancel.
 */
final class TextNet {

    /** The label of a reading that came from words. */
    static final String LABEL = "text";
    /** Longest stretch of text Backcheck reads; longer text is read up to here and the rest reported unread. */
    static final int MAX_TEXT = 2000;
    /** Longer than any code system's title: a display this long was written by someone. */
    static final int MAX_TITLE = 250;

    private record Rule(Pattern pattern, Grade grade, String means, String meaning) {
    }

    private final List<Rule> rules;
    /** Words that may negate or qualify what a text names ("no", "family history", "safety net"). */
    private final List<Pattern> qualifiers;

    private TextNet(List<Rule> rules, List<Pattern> qualifiers) {
        this.rules = List.copyOf(rules);
        this.qualifiers = List.copyOf(qualifiers);
    }

    static TextNet load() {
        List<Rule> rules = new ArrayList<>();
        List<Pattern> qualifiers = new ArrayList<>();
        for (String[] row : CdsData.rows("text-net.csv", 5)) {
            CdsData.checkCitations("text-net.csv", row[0], row[4]);
            // The word boundaries use the same \\w as the patterns (Unicode letters, digits, marks and the
            // underscore), so a match can start only where a word starts: a pattern such as
            // \\w*carcinoma\\w*+ then costs at most the length of one word, not the cube of the text
            // (the security review's ReDoS finding F01).
            Pattern p = Pattern.compile("(?<!\\w)(?:" + row[0].replace('\u00a6', '|') + ")(?!\\w)",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
            if (row[1].equals("qualifier")) {
                qualifiers.add(p);
                continue;
            }
            Grade grade = Grade.fromId(row[1]);
            String means = row[2].equals("-") ? null : row[2];
            CdsData.checkMeans("text-net.csv", row[0], grade, means);
            rules.add(new Rule(p, grade, means, row[3]));
        }
        return new TextNet(rules, qualifiers);
    }

    /**
     * The text as matched: at most {@link #MAX_TEXT} characters, dashes, underscores and non-breaking
     * or other unusual spaces read as spaces ("cauda-equina", "cauda\u00a0equina").
     */
    static String normalised(String text) {
        String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        return APOSTROPHES.matcher(SPACE_LIKE.matcher(t).replaceAll(" ")).replaceAll("'");
    }

    private static final Pattern SPACE_LIKE = Pattern.compile("[\\p{Pd}_\\p{Z}\\u00ad]");
    private static final Pattern APOSTROPHES = Pattern.compile("[\\u2018\\u2019\\u02bc\\u0060\\u00b4]");

    /**
     * Words in a display that a clinician has typed or edited rather than a code system's title: a
     * clause break (";", ":", " - "), a query or fracture mark ("?", "#"), or words titles never use
     * ("known", "suspected", "now", "but"...).
     */
    private static final Pattern EDITED = Pattern.compile(
            "[;:?#!+&@\\p{Cf}\\p{Cc}\\p{Mn}\\u034f\\ufe00-\\ufe0f]|\\s[\\p{Pd}]\\s|(?<!\\w)(?:known|suspected|query|possible|probable|confirmed|now|new|today|"
                    + "but|however|pt|patient|himself|herself|mets|ca|hx|fh|since|ago|yesterday|last|week|weeks|"
                    + "started|stopped|ongoing|awaiting|seen|referred)(?!\\w)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * In a code system's title, the words just before a match that say it is absent or not the
     * patient's: "Spondylosis without myelopathy", "...without perforation or abscess", "not specified
     * as traumatic", "Benign lipomatous neoplasm", "due to old tear or injury", "Family history of
     * malignant neoplasm", "screening mammogram for malignant neoplasm". After "without" or "not
     * specified as" only a word joined by "or" may come between; the others are exact fragments of
     * titles, never a wildcard (fifth review R5-01: "due to old vertebral fracture" is not a title).
     */
    private static final Pattern TITLE_QUALIFIED = Pattern.compile(
            "(?<!\\w)(?:(?:without|not\\s+specified\\s+as)\\s+(?:\\p{L}++\\s+or\\s+)?"
                    + "|benign\\s+(?:lipomatous\\s+)?"
                    + "|inhaled\\s+"
                    + "|due\\s+to\\s+old\\s+tear\\s+or\\s+"
                    + "|family\\s+history\\s+of\\s+(?:other\\s+)?(?:malignant\\s+)?"
                    + "|screening\\s+(?:examination\\s+|mammogram\\s+)?for\\s+(?:malignant\\s+)?)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * A recognised code's display. When it reads as the code system's own title (nothing a clinician
     * would type; {@link #EDITED}), a match that the title itself negates or gives to someone else
     * ({@link #TITLE_QUALIFIED}) is left out, so "Spondylosis without myelopathy or radiculopathy" and
     * "Family history of malignant neoplasm of breast" name no red flag. Any other display is read
     * like any words, every match counting (third and fourth independent reviews, R3-01, R4-02, R4-09).
     */
    List<Reading> readDisplay(String display) {
        if (display == null || display.isBlank()) {
            return List.of();
        }
        String original = display.length() > MAX_TEXT ? display.substring(0, MAX_TEXT) : display;
        display = java.text.Normalizer.normalize(display, java.text.Normalizer.Form.NFKC);
        String raw = display.length() > MAX_TEXT ? display.substring(0, MAX_TEXT) : display;
        if (display.length() > MAX_TITLE || EDITED.matcher(raw).find() || EDITED.matcher(original).find()) {
            // A clinician's words: free text, which Backcheck cannot read whole (fifth review R5-02); the
            // net's matches say what it names.
            List<Reading> out = new ArrayList<>(read(display));
            out.add(new Reading(Grade.UNCLASSIFIED, null, "a name that was typed or edited, which Backcheck cannot read",
                    LABEL, "a code's name that is not a code system's title"));
            return out;
        }
        String t = normalised(display);
        List<Reading> out = new ArrayList<>();
        for (Rule r : rules) {
            Matcher m = r.pattern().matcher(t);
            while (m.find()) {
                String before = t.substring(Math.max(0, m.start() - 120), m.start());
                if (!TITLE_QUALIFIED.matcher(before).find()) {
                    out.add(new Reading(r.grade(), r.means(), r.meaning(), LABEL,
                            "the words \u201c" + m.group().strip().toLowerCase(Locale.ROOT) + "\u201d"));
                    break;
                }
            }
        }
        out.sort((a, b) -> a.grade().compareTo(b.grade()));
        return out;
    }

    /** True when the text holds a word that may negate or qualify what it names ("no", "family history"). */
    boolean qualified(String text) {
        return text != null && qualifier(normalised(text)) != null;
    }

    private String qualifier(String t) {
        for (Pattern q : qualifiers) {
            Matcher m = q.matcher(t);
            if (m.find()) {
                return m.group().strip().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Invisible format characters (zero-width space, word joiner): they may split a word or join two. */
    /**
     * Words with anything that could hide a word taken out: compatibility forms folded (full-width
     * letters), invisible format and control characters and combining marks removed. For matching
     * settings and names, where a hidden letter must not split a word (seventh review R7-08).
     */
    static String plain(String text) {
        if (text == null) {
            return null;
        }
        String t = java.text.Normalizer.normalize(FORMAT.matcher(text).replaceAll(""), java.text.Normalizer.Form.NFKD);
        return java.text.Normalizer.normalize(MARKS.matcher(t).replaceAll(""), java.text.Normalizer.Form.NFC);
    }

    /** Combining marks (accents written as separate characters, or added to hide a word). */
    private static final Pattern MARKS = Pattern.compile("\\p{Mn}");

    private static final Pattern FORMAT = Pattern.compile("[\\p{Cf}\\p{Cc}\\u034f\\ufe00-\\ufe0f\\u180b-\\u180f]");

    /**
     * Every rule the text matches, once each, most serious first; empty when none does. Text holding
     * invisible format characters is read twice, with them taken out and as spaces, so that
     * "cauda\u200bequina" and "metast\u200batic" are both read (sixth review R6-08).
     */
    List<Reading> read(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        // Full-width letters, ligatures and decomposed accents read as their plain forms (seventh review R7-08).
        text = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
        if (FORMAT.matcher(text).find() || MARKS.matcher(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD)).find()) {
            String stripped = MARKS.matcher(java.text.Normalizer.normalize(FORMAT.matcher(text).replaceAll(""),
                    java.text.Normalizer.Form.NFD)).replaceAll("");
            List<Reading> both = new ArrayList<>(readPlain(stripped));
            for (Reading r : readPlain(FORMAT.matcher(text).replaceAll(" "))) {
                if (both.stream().noneMatch(b -> b.meaning().equals(r.meaning()))) {
                    both.add(r);
                }
            }
            both.sort((a, b) -> a.grade().compareTo(b.grade()));
            return both;
        }
        return readPlain(text);
    }

    private List<Reading> readPlain(String text) {
        String t = normalised(text);
        String qualifier = qualifier(t);
        List<Reading> out = new ArrayList<>();
        for (Rule r : rules) {
            Matcher m = r.pattern().matcher(t);
            if (m.find()) {
                String words = "the words \u201c" + m.group().strip().toLowerCase(Locale.ROOT) + "\u201d";
                if (qualifier != null && r.grade() == Grade.RED_FLAG) {
                    // "No CES symptoms", "family history of cancer": name it, claim nothing.
                    out.add(new Reading(Grade.RISK_FACTOR, null, r.meaning() + ", with \u201c" + qualifier
                            + "\u201d nearby: Backcheck cannot tell whether it is present", LABEL, words));
                } else {
                    out.add(new Reading(r.grade(), r.means(), r.meaning(), LABEL, words));
                }
            }
        }
        out.sort((a, b) -> a.grade().compareTo(b.grade()));
        return out;
    }
}
