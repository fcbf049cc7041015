package org.backcheck.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour a clinical review asked for: each test names the concern it settles. */
class ReviewFindingsTest {

    private static final Assessor ASSESSOR = Assessor.standard();

    private static AssessmentRequest request(int age, int weeks, boolean sciatica, Set<SpaFeature> spa, Integer onset,
                                             String... flags) {
        return new AssessmentRequest(age, weeks, sciatica, Setting.NON_SPECIALIST, null, Set.of(flags), spa,
                HlaB27.UNKNOWN, onset, null);
    }

    private static List<String> ids(List<Statement> statements) {
        return statements.stream().map(Statement::id).toList();
    }

    @Test
    void cancerWithNerveRootPainIsTreatedAsPossibleCordCompression() {
        Assessment a = ASSESSOR.assess(request(70, 2, true, Set.of(), null, "history_of_cancer"));
        assertThat(a.recommendation()).isEqualTo(Recommendation.EMERGENCY_MRI);
        assertThat(a.summary()).contains("metastatic spinal cord compression");
        assertThat(ids(a.management())).contains("manage_mscc_now").doesNotContain("manage_cancer_pathway");
        assertThat(a.sources()).extracting(Source::id).contains("NICE-NG234");
    }

    @Test
    void aCancerHistoryWithoutNeurologyIsUrgentAndSafetyNettedForCordCompression() {
        Assessment a = ASSESSOR.assess(request(70, 2, false, Set.of(), null, "history_of_cancer"));
        assertThat(a.recommendation()).isEqualTo(Recommendation.IMAGING_INDICATED);
        assertThat(a.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(ids(a.safetyNet())).contains("safety_mscc", "safety_ces", "safety_cord");
    }

    @Test
    void majorTraumaGoesToTheEmergencyDepartmentNow() {
        Assessment a = ASSESSOR.assess(request(30, 0, false, Set.of(), null, "major_trauma"));
        assertThat(a.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(ids(a.management())).contains("manage_trauma_now");
        assertThat(a.summary()).contains("emergency department now");
    }

    @Test
    void emergenciesCarryNoReassuranceAndAnEmergencyLeaflet() {
        Assessment a = ASSESSOR.assess(request(72, 3, false, Set.of(), null, "saddle_anaesthesia", "fever"));
        assertThat(ids(a.reasons())).doesNotContain("reason_age_over_50", "reason_six_weeks");
        assertThat(ids(a.management())).containsExactly("manage_ces_now");
        assertThat(a.patientInformation().ifYouDoNothing()).contains("Go now");
        assertThat(a.patientInformation().aboutYourBackPain()).doesNotContainIgnoringCase("uncommon");
    }

    @Test
    void redFlagResultsGetTheImagingLeafletNotTheRoutineOne() {
        Assessment a = ASSESSOR.assess(request(55, 3, false, Set.of(), null, "fever"));
        assertThat(a.patientInformation().benefits()).contains("worthwhile");
        assertThat(ids(a.reasons())).doesNotContain("reason_age_over_50");
    }

    @Test
    void childrenGetNoAdultEvidenceOrAdultLeaflet() {
        Assessment a = ASSESSOR.assess(request(10, 2, false, Set.of(), null));
        assertThat(a.recommendation()).isEqualTo(Recommendation.OUT_OF_SCOPE);
        assertThat(ids(a.reasons())).doesNotContain("reason_six_weeks").contains("reason_out_of_scope_under_16");
        assertThat(a.management()).isEmpty();
        assertThat(a.patientInformation().aboutYourBackPain()).contains("children");
        assertThat(ids(a.safetyNet())).contains("safety_ces");
    }

    @Test
    void ng65AsksForTheOnsetAgeRatherThanGuessing() {
        Set<SpaFeature> four = EnumSet.of(SpaFeature.BUTTOCK_PAIN, SpaFeature.PSORIASIS, SpaFeature.ARTHRITIS, SpaFeature.ENTHESITIS);
        Assessment open = ASSESSOR.assess(request(45, 20, false, four, null));
        assertThat(open.spondyloarthritis().outcome()).isEqualTo("onset_age_needed");
        assertThat(ids(open.reasons())).contains("reason_spa_onset_needed");
        Assessment given = ASSESSOR.assess(request(45, 20, false, four, 44));
        assertThat(given.recommendation()).isEqualTo(Recommendation.REFER_RHEUMATOLOGY);
        Assessment late = ASSESSOR.assess(request(47, 20, false, four, null));
        assertThat(late.spondyloarthritis().outcome()).isEqualTo("not_applicable");
    }

    @Test
    void ng65PromptsForTheFeaturesWhenTheGateIsMetAndNoneWereRecorded() {
        Assessment a = ASSESSOR.assess(request(30, 20, false, Set.of(), null));
        assertThat(a.spondyloarthritis().outcome()).isEqualTo("not_assessed");
        assertThat(ids(a.reasons())).contains("reason_spa_ask");
    }

    @Test
    void onsetBefore35CannotContradictTheOnsetAge() {
        assertThatThrownBy(() -> request(40, 20, false, EnumSet.of(SpaFeature.ONSET_BEFORE_35), 40))
                .isInstanceOfSatisfying(InvalidAssessmentException.class, e -> assertThat(e.field()).isEqualTo("spa_features"));
    }

    @Test
    void theCombinedProgrammeStartsAfterThirteenWeeksAsTheTextSays() {
        assertThat(ids(ASSESSOR.assess(request(50, 13, false, Set.of(), null)).management())).doesNotContain("manage_chronic_programme");
        assertThat(ids(ASSESSOR.assess(request(50, 14, false, Set.of(), null)).management())).contains("manage_chronic_programme");
    }
}
