package org.backcheck.measure;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One published exclusion. {@code keepWhen} is the condition as published ("not like …",
 * "<> '02'"): a row passes the exclusion when it is TRUE. What UNKNOWN means is the
 * {@link NullPolicy}'s business.
 */
public record Exclusion(String name, Condition keepWhen) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public Exclusion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keepWhen, "keepWhen");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("exclusion name must be snake_case: " + name);
        }
    }
}
