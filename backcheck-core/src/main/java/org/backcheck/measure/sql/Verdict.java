package org.backcheck.measure.sql;

import java.util.Objects;
import java.util.stream.Collectors;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.Status;

/**
 * A row's {@code status} and {@code reason} as the SQL from {@link MeasureSql} gives them, so that an
 * engine's {@link Outcome} and a warehouse's answer can be compared row by row.
 *
 * <ul>
 *   <li>{@code status}: {@link Status#id()}, lower case: {@code counted}, {@code excluded},
 *       {@code unmatched}, {@code rejected};</li>
 *   <li>{@code reason} of an excluded row: the names of the exclusions that applied, in the order the
 *       measure lists them, joined by {@value #EXCLUSION_SEPARATOR} (as {@code matches.csv} has them);</li>
 *   <li>{@code reason} of a rejected row: one {@code <field>: <problem>} per unreadable field, in the
 *       measure's order, joined by {@value #PROBLEM_SEPARATOR}, for example
 *       {@code Age_at_Start_of_Episode_SUS: not a whole number}. The field's value is not repeated:
 *       it is in the same output row;</li>
 *   <li>{@code reason} of any other row: NULL.</li>
 * </ul>
 */
public record Verdict(String status, String reason) {

    public static final String EXCLUSION_SEPARATOR = ";";
    public static final String PROBLEM_SEPARATOR = "; ";
    /** What follows a problem in {@link Outcome.Problem#reason()}: the value, quoted. */
    private static final String VALUE_FOLLOWS = ": '";

    public Verdict {
        Objects.requireNonNull(status, "status");
    }

    public static Verdict of(Outcome outcome) {
        return switch (outcome.status()) {
            case EXCLUDED -> new Verdict(outcome.status().id(), String.join(EXCLUSION_SEPARATOR, outcome.reasons()));
            case REJECTED -> new Verdict(outcome.status().id(), outcome.problems().stream()
                    .map(p -> p.field() + ": " + withoutValue(p.reason()))
                    .collect(Collectors.joining(PROBLEM_SEPARATOR)));
            default -> new Verdict(outcome.status().id(), null);
        };
    }

    /** "not a whole number: '45.5'" is "not a whole number". */
    private static String withoutValue(String reason) {
        int at = reason.indexOf(VALUE_FOLLOWS);
        return at < 0 ? reason : reason.substring(0, at);
    }

    @Override
    public String toString() {
        return reason == null ? status : status + " (" + reason + ")";
    }
}
