package org.backcheck.audit;

import java.util.Map;
import java.util.TreeMap;
import org.backcheck.extract.Excerpt;

/**
 * Rejected rows by field and kind of problem, without the values: the reason {@code not a whole
 * number: 'forty'} of field {@code Age_at_Start_of_Episode_SUS} is counted as
 * {@code Age_at_Start_of_Episode_SUS: not a whole number}. At most {@link #MAX_KINDS} kinds are kept
 * (a hostile file could make one per row); the rest are counted as {@link #OTHER}.
 */
final class RejectionKinds {

    static final int MAX_KINDS = 100;
    static final String OTHER = "other problems";

    private final Map<String, Long> counts = new TreeMap<>();

    void add(String field, String reason) {
        int colon = reason.indexOf(':');
        String kind = Excerpt.of(field) + ": " + Excerpt.of(colon < 0 ? reason : reason.substring(0, colon));
        String key = counts.containsKey(kind) || counts.size() < MAX_KINDS ? kind : OTHER;
        counts.merge(key, 1L, Long::sum);
    }

    Map<String, Long> counts() {
        return Map.copyOf(counts);
    }
}
