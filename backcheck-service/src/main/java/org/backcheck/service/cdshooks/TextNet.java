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
 * the card quotes the words it matched and says that it cannot tell whether they were negated.
 */
final class TextNet {

    /** The label of a reading that came from words. */
    static final String LABEL = "text";
    /** Longest stretch of text Backcheck reads; longer text is read up to here and the rest reported unread. */
    static final int MAX_TEXT = 2000;

    private record Rule(Pattern pattern, Grade grade, String means, String meaning) {
    }

    private final List<Rule> rules;

    private TextNet(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static TextNet load() {
        List<Rule> rules = new ArrayList<>();
        for (String[] row : CdsData.rows("text-net.csv", 5)) {
            Grade grade = Grade.fromId(row[1]);
            String means = row[2].equals("-") ? null : row[2];
            CdsData.checkMeans("text-net.csv", row[0], grade, means);
            CdsData.checkCitations("text-net.csv", row[0], row[4]);
            Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + row[0] + ")(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            rules.add(new Rule(p, grade, means, row[3]));
        }
        return new TextNet(rules);
    }

    /** Every rule the text matches, once each, most serious first; empty when none does. */
    List<Reading> read(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        List<Reading> out = new ArrayList<>();
        for (Rule r : rules) {
            Matcher m = r.pattern().matcher(t);
            if (m.find()) {
                out.add(new Reading(r.grade(), r.means(), r.meaning(), LABEL,
                        "the words \u201c" + m.group().strip().toLowerCase(Locale.ROOT) + "\u201d"));
            }
        }
        out.sort((a, b) -> a.grade().compareTo(b.grade()));
        return out;
    }
}
