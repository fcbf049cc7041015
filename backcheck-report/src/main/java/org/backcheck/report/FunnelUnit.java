package org.backcheck.report;

import java.util.Objects;

/**
 * One organisation's figures for a funnel plot.
 *
 * @param org         the organisation (provider or sub-ICB code), shown in the report
 * @param numerator   events: imaging attendances counted by the measure, or observed events
 * @param denominator attendances for a proportion, or expected events for an indirectly standardised
 *                    ratio; a double because expected counts come from a model and are rarely whole.
 *                    Zero is allowed here, so that the report can list the unit as excluded rather
 *                    than the caller silently dropping it.
 */
public record FunnelUnit(String org, long numerator, double denominator) {
    public FunnelUnit {
        Objects.requireNonNull(org, "org");
        if (org.isBlank()) {
            throw new IllegalArgumentException("org must not be blank");
        }
        if (numerator < 0) {
            throw new IllegalArgumentException("numerator must not be negative: " + numerator + " (" + org + ")");
        }
        if (!Double.isFinite(denominator) || denominator < 0) {
            throw new IllegalArgumentException("denominator must be finite and not negative: " + denominator
                    + " (" + org + ")");
        }
    }
}
