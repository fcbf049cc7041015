package org.backcheck.guidance;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition the patient's record names, as a coded record (a CDS Hooks call, a link from one)
 * passes it: what it means to Backcheck and the code it came from. It is the diagnosis itself,
 * never a symptom standing in for it: {@code id} is a pathology ({@code cauda_equina}, ...) when the
 * code names that pathology (cauda equina syndrome, vertebral osteomyelitis), or a red-flag id when
 * the code is that very feature (a cancer is {@code history_of_cancer}; weight loss is
 * {@code unexplained_weight_loss}).
 *
 * @param id   a pathology id or a red-flag id
 * @param code the code as shown to the clinician, e.g. "ICD-10 C50.9" (letters, digits, spaces, '.', '-', at most 40)
 */
public record RecordedCondition(String id, String code) {

    private static final Pattern CODE_LABEL = Pattern.compile("[A-Za-z0-9 .\\-]{1,40}");

    public RecordedCondition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        if (pathologyOf(id) == null) {
            throw new InvalidAssessmentException("recorded", "unknown id '" + id
                    + "'; use a pathology (cauda_equina, cord_compression, cancer, infection, fracture) or a red-flag id");
        }
        if (!CODE_LABEL.matcher(code).matches()) {
            throw new InvalidAssessmentException("recorded", "code must be a short code label such as 'ICD-10 C50.9' "
                    + "(letters, digits, spaces, '.' and '-', at most 40 characters)");
        }
    }

    /** The pathology this condition points to. */
    public Pathology pathology() {
        return pathologyOf(id);
    }

    /** The red flag when {@code id} is one, else null (the condition names a pathology). */
    public RedFlag redFlag() {
        return RedFlags.vocabulary().get(id);
    }

    /** True when the code is a risk factor (osteoporosis, steroid use): it does not make its group present. */
    public boolean isRiskFactor() {
        RedFlag flag = redFlag();
        return flag != null && flag.isRiskFactor();
    }

    private static Pathology pathologyOf(String id) {
        RedFlag flag = RedFlags.vocabulary().get(id);
        if (flag != null) {
            return flag.pathology();
        }
        for (Pathology p : Pathology.values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        return null;
    }
}
