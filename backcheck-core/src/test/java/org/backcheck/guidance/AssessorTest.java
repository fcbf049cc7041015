package org.backcheck.guidance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AssessorTest {

    private static final Assessor ASSESSOR = Assessor.standard();

    static Stream<RedFlag> everyRedFlag() {
        return RedFlags.vocabulary().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRedFlag")
    void everyRedFlagOnItsOwn(RedFlag flag) {
        Assessment a = ASSESSOR.assess(AssessmentRequest.of(45, 2).withRedFlags(flag.id()).screenedFully());
        if (flag.isRiskFactor()) {
            // A risk factor alone asks for a closer look, never a scan.
            assertThat(a.recommendation()).isEqualTo(Recommendation.ASSESS_FURTHER);
            assertThat(a.suspected()).isEmpty();
            assertThat(a.riskFactors()).containsExactly(flag);
            assertThat(a.reasons()).extracting(Statement::id).contains("reason_risk_" + flag.id());
            assertThat(a.summary()).doesNotContain("No red flags");
        } else {
            Recommendation expected = flag.pathology().isEmergency() ? Recommendation.EMERGENCY_MRI : Recommendation.IMAGING_INDICATED;
            assertThat(a.recommendation()).isEqualTo(expected);
            assertThat(a.suspected()).containsExactly(flag.pathology());
            assertThat(a.urgency()).isNotNull();
        }
        assertThat(a.findings()).doesNotContain(Recommendation.SCREENING_INCOMPLETE);
        assertThat(a.sources()).extracting(Source::id)
                .containsAll(flag.citations().stream().map(Citation::source).toList());
    }

    @Test
    void theVocabularyIsExactlyTheOneTheProductPromises() {
        assertThat(RedFlags.vocabulary().keySet()).containsExactly(
                "bladder_dysfunction", "bowel_dysfunction", "saddle_anaesthesia", "bilateral_radicular_pain", "sexual_dysfunction",
                "progressive_neurological_deficit", "gait_disturbance", "upper_motor_neuron_signs",
                "history_of_cancer", "unexplained_weight_loss", "non_mechanical_night_pain",
                "fever", "iv_drug_use", "immunosuppression", "recent_bacterial_infection", "diabetes",
                "major_trauma", "minor_trauma_with_osteoporosis", "long_term_corticosteroids", "osteoporosis",
                "structural_deformity");
    }

    @Test
    void unknownRedFlagsAreRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> AssessmentRequest.of(40, 2).withRedFlags("back_ache"))
                .isInstanceOf(InvalidAssessmentException.class)
                .hasMessageContaining("red_flags: unknown red flag 'back_ache'")
                .hasMessageContaining("saddle_anaesthesia");
    }

    @ParameterizedTest(name = "age {0}, weeks {1}: {2}")
    @CsvSource({"-1,2,age", "126,2,age", "40,-1,duration_weeks", "40,5201,duration_weeks"})
    void outOfRangeNumbersNameTheField(int age, int weeks, String field) {
        assertThatThrownBy(() -> AssessmentRequest.of(age, weeks))
                .isInstanceOfSatisfying(InvalidAssessmentException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void resultWouldChangeManagementOnlyInASpecialistSetting() {
        assertThatThrownBy(() -> new AssessmentRequest(40, 2, false, Setting.NON_SPECIALIST, true, Set.of(), Set.of(),
                HlaB27.UNKNOWN, null, null)).isInstanceOfSatisfying(InvalidAssessmentException.class,
                e -> assertThat(e.field()).isEqualTo("result_would_change_management"));
    }

    @ParameterizedTest(name = "age {0} -> {1}")
    @CsvSource({"18,out_of_scope", "19,no_imaging", "15,out_of_scope", "16,out_of_scope", "0,out_of_scope", "125,no_imaging"})
    void theUnder19Boundary(int age, String expected) {
        assertThat(ASSESSOR.assess(AssessmentRequest.of(age, 3).screenedFully()).recommendation().id()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "age {0}")
    @CsvSource({"10", "18", "19", "40", "72"})
    void withoutScreeningNoAgeIsToldThereAreNoRedFlags(int age) {
        Assessment a = ASSESSOR.assess(AssessmentRequest.of(age, 3));
        assertThat(a.recommendation()).isEqualTo(Recommendation.SCREENING_INCOMPLETE);
        assertThat(a.findings()).doesNotContain(Recommendation.NO_IMAGING, Recommendation.SPECIALIST_IMAGING_IF_CHANGES_MANAGEMENT);
        assertThat(a.summary()).doesNotContainIgnoringCase("no red flag").contains("cauda equina syndrome");
        assertThat(a.screening().notAsked()).containsExactly(Pathology.values());
        assertThat(reasonIds(a)).doesNotContain("reason_no_red_flags", "reason_six_weeks");
    }

    @Test
    void outOfScopeSaysWhereToLookInstead() {
        assertThat(ASSESSOR.assess(AssessmentRequest.of(17, 3).screenedFully()).summary()).contains("NICE NG59");
        assertThat(ASSESSOR.assess(AssessmentRequest.of(10, 3).screenedFully()).summary()).contains("paediatric");
    }

    @Test
    void underSixWeeksWithoutRedFlagsSaysMostRecoverWithinSixWeeks() {
        assertThat(reasonIds(ASSESSOR.assess(AssessmentRequest.of(40, 5).screenedFully()))).contains("reason_six_weeks");
        assertThat(reasonIds(ASSESSOR.assess(AssessmentRequest.of(40, 6).screenedFully()))).doesNotContain("reason_six_weeks");
        assertThat(reasonIds(ASSESSOR.assess(AssessmentRequest.of(40, 2).withRedFlags("fever")))).doesNotContain("reason_six_weeks");
    }

    @Test
    void persistentPainGetsTheCombinedProgrammeAndSpecialistReferral() {
        assertThat(managementIds(ASSESSOR.assess(AssessmentRequest.of(40, 13)))).doesNotContain("manage_chronic_programme");
        assertThat(managementIds(ASSESSOR.assess(AssessmentRequest.of(40, 14))))
                .contains("manage_chronic_programme", "manage_chronic_specialist");
    }

    @Test
    void noImagingComesWithTheEbiPrimaryCareManagement() {
        assertThat(managementIds(ASSESSOR.assess(AssessmentRequest.of(40, 2)))).contains("manage_reassure",
                "manage_stay_active", "manage_analgesia", "manage_manual_therapy", "manage_weight", "manage_start_back");
    }

    @Test
    void ageOver50AloneIsASoftSignNotARedFlag() {
        Assessment settling = ASSESSOR.assess(AssessmentRequest.of(72, 3).screenedFully());
        assertThat(settling.recommendation()).isEqualTo(Recommendation.NO_IMAGING);
        assertThat(reasonIds(settling)).contains("reason_age_over_50").doesNotContain("reason_over_50_not_settling");
        // Over 50 and not settling after a month is not "no red flags": assess further, still no scan on this alone.
        Assessment a = ASSESSOR.assess(AssessmentRequest.of(72, 5).screenedFully());
        assertThat(a.recommendation()).isEqualTo(Recommendation.ASSESS_FURTHER);
        assertThat(a.findings()).contains(Recommendation.NO_IMAGING).doesNotContain(Recommendation.IMAGING_INDICATED);
        assertThat(a.summary()).contains("age over 50 with pain not settling").doesNotContain("No red flags");
        assertThat(reasonIds(a)).contains("reason_age_over_50", "reason_over_50_not_settling");
        assertThat(reasonIds(ASSESSOR.assess(AssessmentRequest.of(50, 5).screenedFully()))).doesNotContain("reason_age_over_50");
    }

    @ParameterizedTest(name = "{0} -> total {1}, distress {2}, {3}")
    @CsvSource({
        // items 1-8 (a = agree), bothersomeness
        "dddddddd:not_at_all,0,0,low", "aaaddddd:slightly,3,0,low", "aaddaddd:moderately,3,1,low",
        "aaadaddd:moderately,4,1,medium", "aaaaaddd:extremely,6,2,medium", "ddddaaad:very_much,4,4,high",
        "ddddaaad:moderately,3,3,low", "dddaaaad:moderately,4,3,medium", "ddddaaaa:slightly,4,4,high",
        "aaaaaaaa:extremely,9,5,high", "aaaadddd:very_much,5,1,medium"})
    void startBackScoring(String answers, int total, int distress, String risk) {
        StartBackResult r = StartBackResult.score(AssessmentCase.startBack(answers));
        assertThat(r.total()).isEqualTo(total);
        assertThat(r.distress()).isEqualTo(distress);
        assertThat(r.risk().id()).isEqualTo(risk);
    }

    @Test
    void startBackRiskSelectsTheManagement() {
        AssessmentRequest base = AssessmentRequest.of(40, 3);
        for (String[] c : new String[][] {{"dddddddd:not_at_all", "manage_start_back_low"},
            {"aaadaddd:moderately", "manage_start_back_medium"}, {"ddddaaaa:slightly", "manage_start_back_high"}}) {
            AssessmentRequest r = new AssessmentRequest(base.age(), base.durationWeeks(), false, Setting.NON_SPECIALIST, null,
                    Set.of(), Set.of(), HlaB27.UNKNOWN, null, AssessmentCase.startBack(c[0]));
            Assessment a = ASSESSOR.assess(r);
            assertThat(managementIds(a)).contains(c[1]);
            assertThat(a.startBack()).isNotNull();
        }
    }

    @Test
    void ng65CountsDerivedOnsetBefore35OnlyWhenTheOnsetIsSurelyBefore35() {
        // 35 years old, 30 weeks: onset somewhere in the 35th year, so "before 35" is not assumed.
        AssessmentRequest r = new AssessmentRequest(35, 30, false, Setting.NON_SPECIALIST, null, Set.of(),
                EnumSet.of(SpaFeature.BUTTOCK_PAIN, SpaFeature.PSORIASIS, SpaFeature.ARTHRITIS), HlaB27.UNKNOWN, null, null);
        Assessment a = ASSESSOR.assess(r.screenedFully());
        assertThat(a.spondyloarthritis().criteria()).doesNotContain(SpaFeature.ONSET_BEFORE_35);
        assertThat(a.recommendation()).isEqualTo(Recommendation.HLA_B27_TEST);
    }

    /**
     * Safety invariant: any cauda equina flag, whatever else is true, means an emergency MRI; and
     * no input with any red flag is ever told it needs no imaging. Every non-empty combination of
     * the cauda equina flags is crossed with a deterministic sample of every other dimension.
     */
    @Test
    void safetyInvariantCaudaEquinaAlwaysEmergencyAndRedFlagsNeverNoImaging() {
        List<String> ces = RedFlags.vocabulary().values().stream()
                .filter(f -> f.pathology() == Pathology.CAUDA_EQUINA).map(RedFlag::id).toList();
        List<String> others = RedFlags.vocabulary().values().stream()
                .filter(f -> f.pathology() != Pathology.CAUDA_EQUINA).map(RedFlag::id).toList();
        List<String> otherRedFlags = RedFlags.vocabulary().values().stream()
                .filter(f -> f.pathology() != Pathology.CAUDA_EQUINA && !f.isRiskFactor()).map(RedFlag::id).toList();
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        int checked = 0;
        for (int mask = 1; mask < (1 << ces.size()); mask++) {
            for (int sample = 0; sample < 300; sample++) {
                Set<String> flags = new java.util.LinkedHashSet<>();
                for (int i = 0; i < ces.size(); i++) {
                    if ((mask & (1 << i)) != 0) {
                        flags.add(ces.get(i));
                    }
                }
                others.stream().filter(o -> random.nextInt(6) == 0).forEach(flags::add);
                AssessmentRequest r = randomRequest(random, flags);
                Assessment a = ASSESSOR.assess(r);
                assertThat(a.recommendation()).as("%s", r).isEqualTo(Recommendation.EMERGENCY_MRI);
                assertThat(a.urgency()).isEqualTo(Urgency.EMERGENCY);
                assertThat(a.management()).extracting(Statement::id).contains("manage_ces_now");
                checked++;
            }
        }
        for (int sample = 0; sample < 20_000; sample++) {
            Set<String> flags = new java.util.LinkedHashSet<>();
            flags.add(otherRedFlags.get(random.nextInt(otherRedFlags.size())));
            others.stream().filter(o -> random.nextInt(10) == 0).forEach(flags::add);
            AssessmentRequest r = randomRequest(random, flags);
            Assessment a = ASSESSOR.assess(r);
            assertThat(a.findings()).as("%s", r).doesNotContain(Recommendation.NO_IMAGING,
                    Recommendation.SPECIALIST_IMAGING_IF_CHANGES_MANAGEMENT);
            assertThat(a.recommendation()).isIn(Recommendation.EMERGENCY_MRI, Recommendation.IMAGING_INDICATED);
            checked++;
        }
        assertThat(checked).isGreaterThan(29_000);
    }

    private static AssessmentRequest randomRequest(java.util.SplittableRandom random, Set<String> flags) {
        int age = random.nextInt(126);
        int weeks = random.nextInt(400);
        Setting setting = random.nextBoolean() ? Setting.SPECIALIST : Setting.NON_SPECIALIST;
        Boolean changes = setting == Setting.SPECIALIST && random.nextBoolean() ? random.nextBoolean() : null;
        Set<SpaFeature> spa = EnumSet.noneOf(SpaFeature.class);
        for (SpaFeature f : SpaFeature.values()) {
            if (random.nextInt(3) == 0) {
                spa.add(f);
            }
        }
        HlaB27 hla = HlaB27.values()[random.nextInt(3)];
        Integer onset = random.nextBoolean() ? random.nextInt(age + 1) : null;
        if (onset != null && onset >= 35) {
            spa.remove(SpaFeature.ONSET_BEFORE_35); // would contradict the onset age, which is refused
        }
        StartBackAnswers sb = random.nextBoolean() ? null : new StartBackAnswers(random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean(), StartBackAnswers.Bothersomeness.values()[random.nextInt(5)]);
        AssessmentRequest plain = new AssessmentRequest(age, weeks, random.nextBoolean(), setting, changes, flags, spa, hla, onset, sb);
        // Screening: each group absent (when no red flag of it is ticked) or not asked, at random.
        java.util.Map<Pathology, ScreeningAnswer> screening = new java.util.EnumMap<>(Pathology.class);
        for (Pathology p : Pathology.values()) {
            if (plain.answer(p) == ScreeningAnswer.NOT_ASKED && random.nextInt(4) != 0) {
                screening.put(p, ScreeningAnswer.ABSENT);
            }
        }
        return new AssessmentRequest(age, weeks, plain.sciatica(), setting, changes, flags, screening, List.of(), spa, hla, onset, sb);
    }

    /**
     * Safety invariant of the screen: "no imaging" (or "no red flags") is only ever said after every
     * red-flag group has been asked; risk factors alone never make imaging appropriate.
     */
    @Test
    void safetyInvariantNoConclusionBeforeScreeningAndRiskFactorsAloneNeverImage() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<String> riskFactors = RedFlags.vocabulary().values().stream().filter(RedFlag::isRiskFactor).map(RedFlag::id).toList();
        int incomplete = 0;
        for (int n = 0; n < 20_000; n++) {
            Set<String> flags = new java.util.LinkedHashSet<>();
            riskFactors.stream().filter(f -> random.nextInt(3) == 0).forEach(flags::add);
            AssessmentRequest r = randomRequest(random, flags);
            Assessment a = ASSESSOR.assess(r);
            assertThat(a.findings()).as("%s", r).doesNotContain(Recommendation.IMAGING_INDICATED, Recommendation.EMERGENCY_MRI);
            if (!a.screening().complete()) {
                incomplete++;
                assertThat(a.recommendation()).as("%s", r).isEqualTo(Recommendation.SCREENING_INCOMPLETE);
                assertThat(a.findings()).doesNotContain(Recommendation.NO_IMAGING,
                        Recommendation.SPECIALIST_IMAGING_IF_CHANGES_MANAGEMENT);
                assertThat(a.summary()).doesNotContainIgnoringCase("no red flag");
                assertThat(a.consultationNote()).contains("Screen incomplete");
            } else {
                assertThat(a.recommendation()).isNotEqualTo(Recommendation.SCREENING_INCOMPLETE);
            }
        }
        assertThat(incomplete).isBetween(5_000, 19_000);
    }

    /** Traceability: everything said cites sources that are listed, texts are complete, non-emergencies are safety-netted. */
    @Test
    void everyStatementIsTraceableAndEveryNonEmergencyIsSafetyNetted() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(2);
        List<String> all = List.copyOf(RedFlags.vocabulary().keySet());
        for (int n = 0; n < 5_000; n++) {
            Set<String> flags = new java.util.LinkedHashSet<>();
            all.stream().filter(o -> random.nextInt(12) == 0).forEach(flags::add);
            AssessmentRequest r = randomRequest(random, flags);
            Assessment a = ASSESSOR.assess(r);
            Set<String> listed = a.sources().stream().map(Source::id).collect(java.util.stream.Collectors.toSet());
            Stream.of(a.reasons(), a.management(), a.safetyNet()).flatMap(List::stream).forEach(s -> {
                assertThat(s.citations()).isNotEmpty();
                assertThat(s.text()).doesNotContain("{", "}");
                s.citations().forEach(c -> assertThat(listed).as("source of %s", s.id()).contains(c.source()));
            });
            assertThat(a.summary()).doesNotContain("{").isNotBlank();
            assertThat(a.reasons()).isNotEmpty();
            if (a.recommendation() != Recommendation.EMERGENCY_MRI) {
                // Children get a safety net written for their parents, never the adult one.
                List<String> net = a.safetyNet().stream().map(Statement::id).toList();
                if (r.age() < 16) {
                    assertThat(net).contains("safety_child_now", "safety_child_soon").doesNotContain("safety_ces", "safety_other");
                } else {
                    assertThat(net).contains("safety_ces", "safety_other").doesNotContain("safety_child_now");
                }
            }
            assertThat(a.patientInformation().benefits()).isNotBlank();
        }
    }

    private static List<String> reasonIds(Assessment a) {
        return a.reasons().stream().map(Statement::id).toList();
    }

    private static List<String> managementIds(Assessment a) {
        return a.management().stream().map(Statement::id).toList();
    }
}
