package org.backcheck.cli;

import java.util.Locale;

/** Where {@code backcheck audit} runs the audit: the value of {@code --engine}. */
enum Engine {
    /** On this machine, in this JVM (backcheck-audit). */
    SINGLE,
    /** As a local Apache Spark job in a JVM of its own (backcheck-spark). */
    SPARK;

    /** The name on the command line. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Engine fromId(String id) {
        for (Engine e : values()) {
            if (e.id().equalsIgnoreCase(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + id + "': expected single or spark");
    }
}
