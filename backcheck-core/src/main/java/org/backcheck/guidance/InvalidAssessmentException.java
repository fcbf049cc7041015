package org.backcheck.guidance;

/** An assessment request that cannot be assessed: names the field (snake_case, as in the JSON) and why. */
public class InvalidAssessmentException extends IllegalArgumentException {

    private final String field;

    public InvalidAssessmentException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
