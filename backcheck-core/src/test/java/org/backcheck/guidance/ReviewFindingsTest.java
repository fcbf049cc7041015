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
                HlaB27.UNKNOWN, onset, null).screenedFully();
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
        // A safety net written for the parent or carer, not the adult one.
        assertThat(ids(a.safetyNet())).containsExactly("safety_child_now", "safety_child_soon");
    }

    @Test
    void aChildUnder5IsReferredUrgentlyAndNoDurationThresholdIsInvented() {
        Assessment four = ASSESSOR.assess(request(4, 0, false, Set.of(), null));
        assertThat(ids(four.reasons())).contains("reason_child_under_5");
        assertThat(ids(four.management())).contains("manage_child_under_5");
        assertThat(four.sources()).extracting(Source::id).contains("PMM-BACK");
        Assessment five = ASSESSOR.assess(request(5, 30, false, Set.of(), null));
        assertThat(ids(five.reasons())).doesNotContain("reason_child_under_5");
    }

    @Test
    void youngPeopleAged16To18GetNoEbiLeafletText() {
        Assessment a = ASSESSOR.assess(request(17, 2, false, Set.of(), null));
        assertThat(a.recommendation()).isEqualTo(Recommendation.OUT_OF_SCOPE);
        assertThat(a.patientInformation().aboutYourBackPain()).contains("young people");
        assertThat(a.sources()).extracting(Source::id).contains("NICE-NG59");
    }

    // ---------------------------------------------------------------- issue 10: clinical safety

    @Test
    void knownCancerWithSpinalPainIsContactWithin24HoursNotAnEmergency() {
        Assessment a = ASSESSOR.assess(request(64, 2, false, Set.of(), null, "history_of_cancer"));
        assertThat(a.recommendation()).isEqualTo(Recommendation.IMAGING_INDICATED);
        assertThat(a.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(ids(a.management())).contains("manage_mscc_24h").doesNotContain("manage_cancer_pathway", "manage_mscc_now");
        assertThat(ids(a.reasons())).contains("reason_cancer_known");
        assertThat(a.sources()).extracting(Source::id).contains("NICE-NG234");
    }

    @Test
    void knownCancerWithNeurologyIsImmediateContactAndMriWithin24Hours() {
        for (AssessmentRequest r : List.of(request(64, 2, true, Set.of(), null, "history_of_cancer"),
                request(64, 2, false, Set.of(), null, "history_of_cancer", "gait_disturbance"))) {
            Assessment a = ASSESSOR.assess(r);
            assertThat(a.recommendation()).isEqualTo(Recommendation.EMERGENCY_MRI);
            assertThat(ids(a.management())).contains("manage_mscc_now");
            assertThat(a.management().stream().filter(s -> s.id().equals("manage_mscc_now")).findFirst().orElseThrow().text())
                    .contains("immediately").contains("24 hours");
        }
    }

    @Test
    void withoutACancerDiagnosisNobodyIsSentToTheMsccTeam() {
        for (String flag : List.of("unexplained_weight_loss")) {
            for (boolean sciatica : new boolean[] {false, true}) {
                Assessment a = ASSESSOR.assess(request(66, 3, sciatica, Set.of(), null, flag));
                assertThat(a.recommendation()).as(flag).isEqualTo(Recommendation.IMAGING_INDICATED);
                assertThat(ids(a.management())).as(flag).contains("manage_cancer_pathway")
                        .doesNotContain("manage_mscc_now", "manage_mscc_24h");
                assertThat(ids(a.reasons())).doesNotContain("reason_mscc", "reason_cancer_known");
                assertThat(ids(a.safetyNet())).doesNotContain("safety_mscc");
            }
        }
    }

    @Test
    void infectionRiskFactorsAndNightPainAloneAskForAssessmentNotAScan() {
        // Independent review M8: graded as risk factors (Finucane 2020; Downie 2013), fever stays a red flag.
        for (String flag : List.of("immunosuppression", "recent_bacterial_infection", "iv_drug_use", "non_mechanical_night_pain")) {
            Assessment a = ASSESSOR.assess(request(45, 2, false, Set.of(), null, flag));
            assertThat(a.recommendation()).as(flag).isEqualTo(Recommendation.ASSESS_FURTHER);
            assertThat(a.findings()).as(flag).doesNotContain(Recommendation.IMAGING_INDICATED);
            assertThat(ids(a.reasons())).as(flag).contains("reason_risk_" + flag);
        }
        Assessment withFever = ASSESSOR.assess(request(45, 2, false, Set.of(), null, "iv_drug_use", "fever"));
        assertThat(withFever.recommendation()).isEqualTo(Recommendation.IMAGING_INDICATED);
        assertThat(withFever.urgency()).isEqualTo(Urgency.SAME_DAY);
    }

    @Test
    void aNeoplasmThatIsNotAKnownCancerNeverTriggersMscc() {
        // Independent review M6: in situ, uncertain behaviour or skin cancers are recorded as the cancer pathology.
        Assessment a = ASSESSOR.assess(AssessmentRequest.of(64, 0).withRecorded(List.of(new RecordedCondition("cancer", "ICD-10 D06.9"))));
        AssessmentRequest withSciatica = new AssessmentRequest(64, 0, true, Setting.NON_SPECIALIST, null, Set.of(),
                java.util.Map.of(), List.of(new RecordedCondition("cancer", "ICD-10 C44.9")), Set.of(), HlaB27.UNKNOWN, null, null);
        Assessment b = ASSESSOR.assess(withSciatica);
        for (Assessment x : List.of(a, b)) {
            assertThat(x.recommendation()).isEqualTo(Recommendation.IMAGING_INDICATED);
            assertThat(ids(x.management())).contains("manage_cancer_pathway").doesNotContain("manage_mscc_now", "manage_mscc_24h");
        }
    }

    @Test
    void aChildUnder5HasAnUrgentSummaryNotJustOutOfScope() {
        Assessment a = ASSESSOR.assess(request(3, 1, false, Set.of(), null));
        assertThat(a.summary()).contains("Under 5").contains("urgent paediatric assessment");
        assertThat(a.urgency()).isEqualTo(Urgency.URGENT);
    }

    @Test
    void sixtyAndOverArePromptedForMyelomaBloods() {
        assertThat(ids(ASSESSOR.assess(request(60, 1, false, Set.of(), null)).management())).contains("manage_myeloma_bloods");
        assertThat(ids(ASSESSOR.assess(request(59, 30, false, Set.of(), null)).management())).doesNotContain("manage_myeloma_bloods");
        assertThat(ids(ASSESSOR.assess(request(75, 3, false, Set.of(), null, "fever")).management())).contains("manage_myeloma_bloods");
        // In an emergency nothing slows the referral down.
        assertThat(ids(ASSESSOR.assess(request(75, 3, false, Set.of(), null, "saddle_anaesthesia")).management()))
                .doesNotContain("manage_myeloma_bloods");
        Assessment a = ASSESSOR.assess(request(61, 1, false, Set.of(), null));
        assertThat(a.sources()).extracting(Source::id).contains("NICE-NG12");
    }

    @Test
    void aRecordedDiagnosisActsWithoutStandingInForASymptom() {
        AssessmentRequest ces = AssessmentRequest.of(55, 1).withRecorded(List.of(new RecordedCondition("cauda_equina", "ICD-10 G83.4")));
        Assessment a = ASSESSOR.assess(ces);
        assertThat(a.recommendation()).isEqualTo(Recommendation.EMERGENCY_MRI);
        assertThat(ces.redFlags()).isEmpty();
        assertThat(a.reasons()).extracting(Statement::text).anySatisfy(t -> assertThat(t).contains("ICD-10 G83.4"));
        assertThat(a.consultationNote()).contains("recorded as ICD-10 G83.4");

        Assessment cancer = ASSESSOR.assess(AssessmentRequest.of(71, 0)
                .withRecorded(List.of(new RecordedCondition("history_of_cancer", "ICD-10 C50.9"))));
        assertThat(cancer.recommendation()).isEqualTo(Recommendation.IMAGING_INDICATED);
        assertThat(ids(cancer.management())).contains("manage_mscc_24h");

        Assessment steroids = ASSESSOR.assess(AssessmentRequest.of(71, 0)
                .withRecorded(List.of(new RecordedCondition("long_term_corticosteroids", "ICD-10 Z79.52"))).screenedFully());
        assertThat(steroids.recommendation()).isEqualTo(Recommendation.ASSESS_FURTHER);
        assertThat(steroids.screening().answers().get(Pathology.FRACTURE)).isEqualTo(ScreeningAnswer.ABSENT);
    }

    @Test
    void screeningAnswersThatContradictTheFlagsAreRefusedNamingTheGroup() {
        assertThatThrownBy(() -> new AssessmentRequest(40, 2, false, Setting.NON_SPECIALIST, null, Set.of("fever"),
                java.util.Map.of(Pathology.INFECTION, ScreeningAnswer.ABSENT), List.of(), Set.of(), HlaB27.UNKNOWN, null, null))
                .isInstanceOfSatisfying(InvalidAssessmentException.class, e -> assertThat(e.field()).isEqualTo("screening.infection"));
        assertThatThrownBy(() -> new AssessmentRequest(40, 2, false, Setting.NON_SPECIALIST, null, Set.of("diabetes"),
                java.util.Map.of(Pathology.INFECTION, ScreeningAnswer.PRESENT), List.of(), Set.of(), HlaB27.UNKNOWN, null, null))
                .isInstanceOfSatisfying(InvalidAssessmentException.class, e -> assertThat(e.getMessage()).contains("tick which"));
    }

    @Test
    void theConsultationNoteRecordsEveryGroupsAnswerAndTheAdvice() {
        AssessmentRequest r = new AssessmentRequest(48, 3, true, Setting.NON_SPECIALIST, null, Set.of("diabetes"),
                java.util.Map.of(Pathology.CAUDA_EQUINA, ScreeningAnswer.ABSENT, Pathology.CANCER, ScreeningAnswer.ABSENT),
                List.of(), Set.of(), HlaB27.UNKNOWN, null, AssessmentCase.startBack("aaadaddd:moderately"));
        String note = ASSESSOR.assess(r).consultationNote();
        assertThat(note).contains("Cauda equina syndrome: asked, none present", "Spinal cord compression: not asked",
                "Risk factors: diabetes", "STarT Back: medium risk (total 4/9", "Advice: Screening incomplete",
                "Screen incomplete: not asked about spinal cord compression, spinal infection, vertebral fracture");
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
