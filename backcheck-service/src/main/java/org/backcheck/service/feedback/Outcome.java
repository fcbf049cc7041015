package org.backcheck.service.feedback;

/** What the user did with a card (CDS Hooks 2.0 Feedback {@code outcome}). */
public enum Outcome {
    ACCEPTED("accepted"),
    OVERRIDDEN("overridden");

    private final String code;

    Outcome(String code) {
        this.code = code;
    }

    /** The wire value, {@code accepted} or {@code overridden}. */
    public String code() {
        return code;
    }

    /** The outcome for a wire value, or null if there is none. */
    static Outcome of(String code) {
        for (Outcome o : values()) {
            if (o.code.equals(code)) {
                return o;
            }
        }
        return null;
    }
}
