package org.backcheck.guidance;

import java.util.List;
import java.util.Objects;

/**
 * Backcheck's answer for one presentation.
 *
 * @param recommendation the most urgent finding
 * @param urgency        how soon, when imaging or referral is recommended (null otherwise)
 * @param summary        one line for the clinician
 * @param suspected      pathologies the red flags point to
 * @param findings       every recommendation that applies, most urgent first (the first is {@code recommendation})
 * @param reasons        why, each with the statements it rests on
 * @param management     what to do instead of, or as well as, imaging
 * @param startBack      the STarT Back score, when the answers were given
 * @param spondyloarthritis the NG65 count, when any feature was given or the gate applies
 * @param safetyNet      symptoms that mean seek help at once (every non-emergency result)
 * @param sources        every source cited above
 * @param screening      each red-flag group: present, absent or not asked
 * @param riskFactors    risk factors recorded (they raise vigilance; on their own they never make imaging appropriate)
 * @param consultationNote a plain-text entry for the clinical record: what was asked and found, and the advice
 */
public record Assessment(Recommendation recommendation, Urgency urgency, String summary, List<Pathology> suspected,
                         List<Recommendation> findings, List<Statement> reasons, List<Statement> management,
                         StartBackResult startBack, SpondyloarthritisCheck spondyloarthritis, List<Statement> safetyNet,
                         List<Source> sources, PatientInformation patientInformation, Screening screening,
                         List<RedFlag> riskFactors, String consultationNote) {

    public Assessment {
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(summary, "summary");
        suspected = List.copyOf(suspected);
        findings = List.copyOf(findings);
        reasons = List.copyOf(reasons);
        management = List.copyOf(management);
        safetyNet = List.copyOf(safetyNet);
        sources = List.copyOf(sources);
        Objects.requireNonNull(screening, "screening");
        riskFactors = List.copyOf(riskFactors);
        Objects.requireNonNull(consultationNote, "consultationNote");
        if (findings.isEmpty() || findings.get(0) != recommendation) {
            throw new IllegalArgumentException("the recommendation must be the first finding");
        }
    }
}
