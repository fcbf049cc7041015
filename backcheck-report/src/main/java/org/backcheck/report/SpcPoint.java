package org.backcheck.report;

import java.util.Objects;

/**
 * One observation in time order, e.g. a month's imaging count or rate.
 *
 * @param label shown on the chart's x axis (such as {@code 2024-04}); not parsed, the list order is the time order
 * @param value the observation; must be finite, because a gap cannot be charted as a number
 */
public record SpcPoint(String label, double value) {
    public SpcPoint {
        Objects.requireNonNull(label, "label");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite: " + value + " (" + label + ")");
        }
    }
}
