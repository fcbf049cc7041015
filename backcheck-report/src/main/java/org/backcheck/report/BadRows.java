package org.backcheck.report;

import java.util.List;

/**
 * The list of problems a refused input file gets in its message (population and organisations files):
 * one per line, at most {@link #MAX_SHOWN}, then how many more there are.
 */
final class BadRows {

    /** Most problems listed before the message stops listing. */
    static final int MAX_SHOWN = 20;

    /** Bad rows noted before a reader stops reading a file: more would only lengthen the message. */
    static final int MAX_READ = 1000;

    private BadRows() {
    }

    /** The problems, each on a line of its own, indented. */
    static String listed(List<String> problems) {
        List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_SHOWN));
        return "\n  " + String.join("\n  ", shown)
                + (problems.size() > shown.size() ? "\n  ... and " + (problems.size() - shown.size()) + " more" : "");
    }

    /** Whether a reader has noted {@link #MAX_READ} bad rows and stops reading. */
    static boolean full(List<String> problems) {
        return problems.size() >= MAX_READ;
    }

    /** " or more (reading stopped there)" after the count, when the reader stopped at {@link #MAX_READ}; else "". */
    static String stopped(List<String> problems) {
        return full(problems) ? " or more (reading stopped at the " + MAX_READ + "th)" : "";
    }

    /** "1 bad row" or "N bad rows"; "it" or "them". */
    static String count(List<String> problems, String what) {
        return problems.size() + " " + what + (problems.size() == 1 ? "" : "s");
    }
}
