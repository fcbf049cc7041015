package org.backcheck.service.feedback;

import java.util.Objects;

/** A CDS Hooks Coding: {@code code} and {@code system} required, {@code display} optional (null). */
public record Coding(String code, String system, String display) {
    public Coding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(system, "system");
    }
}
