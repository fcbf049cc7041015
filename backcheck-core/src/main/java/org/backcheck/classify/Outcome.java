package org.backcheck.classify;

import java.util.List;
import java.util.Objects;

/**
 * The classification of one record under one NULL policy.
 *
 * @param status          the row's status
 * @param reasons         for {@link Status#EXCLUDED}: the exclusions that applied, in definition order;
 *                        for {@link Status#REJECTED}: one problem per unreadable field
 * @param matchedCodes    for counted and excluded rows: the codes that satisfied the rule, upper-cased,
 *                        in the order the rule names them, without repeats
 * @param policySensitive true when the other NULL policy would give this row a different status
 */
public record Outcome(Status status, List<String> reasons, List<String> matchedCodes, List<Problem> problems,
                      boolean policySensitive) {

    static final Outcome UNMATCHED = new Outcome(Status.UNMATCHED, List.of(), List.of(), List.of(), false);

    public Outcome {
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        matchedCodes = List.copyOf(matchedCodes);
        problems = List.copyOf(problems);
    }

    /** A field that could not be read: which field (as named in the measure) and why. */
    public record Problem(String field, String reason) {
        public Problem {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
