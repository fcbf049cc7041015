package org.backcheck.guidance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The point-of-care assessment: red flags, duration, setting, NG65 criteria and STarT Back in;
 * a recommendation with reasons, management, safety net, sources and patient information out.
 * Every sentence comes from {@code statements.csv}, where it carries its citations.
 *
 * <p>Decisions Backcheck makes where the sources leave room, recorded here so a reviewer can
 * weigh them:
 * <ul>
 *   <li><b>Most urgent wins, all reported.</b> Findings are ordered as {@link Recommendation}
 *       declares them; the first is the recommendation, the rest are reported too.</li>
 *   <li><b>Red flags override age scope.</b> Cauda equina and cord compression flags give an
 *       emergency MRI at any age (GIRFT: never delay); other red flags give imaging_indicated at
 *       any age. Under 19 with no red flags the answer is out_of_scope (the EBI guidance covers
 *       19 and over), pointing to NICE NG59 for 16 to 18 and paediatric guidance under 16.</li>
 *   <li><b>Soft signs do not trigger imaging.</b> Age over 50 on its own is not a red flag
 *       (NG59 1.1.1 asks for alternative diagnoses to be considered, CKS lists age as a risk
 *       factor only alongside other features); it adds a reason to stay alert, never a change
 *       of recommendation. Night pain that movement does not change is in the vocabulary as a
 *       cancer red flag, as the product's vocabulary defines it.</li>
 *   <li><b>"Lasted longer than 3 months"</b> (NG65, and the EBI guidance's "greater than 3 to 6
 *       months" for the combined programme) is read as more than 13 weeks.</li>
 *   <li><b>Onset age.</b> When none is given, "began before 45" and "before 35" are taken as met
 *       only when age and duration make them certain, and as not met only when they make that
 *       certain; in between, Backcheck asks for the onset age (outcome onset_age_needed) rather
 *       than guess either way.</li>
 *   <li><b>Cancer with nerve-root or neurological symptoms</b> is treated as possible metastatic
 *       spinal cord compression: an emergency (NICE NG234), not the routine cancer pathway.</li>
 *   <li><b>Major trauma</b> is an emergency (emergency department now); infection same day;
 *       suspected cancer or fragility fracture urgent; NG65 referral or test routine. The sources
 *       do not grade urgency beyond cauda equina; these grades are Backcheck's.</li>
 *   <li><b>Not done:</b> "no improvement after a month" under 50 is not a flag (no source here
 *       makes it one); thoracic pain, multi-site pain and aortic aneurysm are outside the
 *       vocabulary the product asks for and are left to the clinician.</li>
 * </ul>
 */
public final class Assessor {

    /** Over this many weeks, pain has lasted "longer than 3 months" (NG65 gate, combined programme). */
    static final int THREE_MONTHS_WEEKS = 13;
    /** Under this many weeks, say most people recover within six weeks. */
    static final int RECOVERY_WEEKS = 6;
    /** Over 50 and not settling after a month (CKS): assess further for cancer. */
    static final int NOT_SETTLING_WEEKS = 4;
    /** NICE NG12 1.10.1: from 60, persistent back pain prompts the myeloma blood tests. */
    static final int MYELOMA_AGE = 60;
    /** PMM red flags: back pain in a child younger than this is a reason for urgent paediatric assessment. */
    static final int CHILD_WARNING_AGE = 5;

    private final GuidanceText text;

    private Assessor(GuidanceText text) {
        this.text = text;
    }

    /** The assessor over the guidance shipped with Backcheck. */
    public static Assessor standard() {
        return new Assessor(GuidanceText.get());
    }

    public Assessment assess(AssessmentRequest r) {
        Draft d = new Draft();
        Set<Pathology> suspected = EnumSet.noneOf(Pathology.class);
        Set<RedFlag> riskFactors = new LinkedHashSet<>();
        for (String id : r.redFlags()) {
            RedFlag flag = RedFlags.vocabulary().get(id);
            if (flag.isRiskFactor()) {
                riskFactors.add(flag);
            } else {
                suspected.add(flag.pathology());
            }
        }
        for (RecordedCondition c : r.recorded()) {
            if (c.isRiskFactor()) {
                riskFactors.add(c.redFlag());
            } else {
                suspected.add(c.pathology());
            }
            d.reason("reason_recorded", Map.of("code", c.code(),
                    "meaning", c.redFlag() != null ? c.redFlag().label().toLowerCase(java.util.Locale.ROOT) : c.pathology().label()));
        }
        Set<Pathology> emergency = EnumSet.noneOf(Pathology.class);
        Set<Pathology> other = EnumSet.noneOf(Pathology.class);
        for (Pathology p : suspected) {
            (p.isEmergency() ? emergency : other).add(p);
        }
        // A known cancer is one recorded or reported as a cancer (history_of_cancer); a coded neoplasm
        // in situ, of uncertain behaviour or a non-melanoma skin cancer is recorded as the cancer
        // pathology instead: a reason to look, not an MSCC trigger.
        boolean knownCancer = r.redFlags().contains("history_of_cancer")
                || r.recorded().stream().anyMatch(c -> c.id().equals("history_of_cancer"));

        // NG234: known cancer with neurological symptoms or signs (nerve-root pain, cauda equina or cord features)
        // is possible metastatic spinal cord compression. Without a cancer diagnosis it never is.
        boolean mscc = knownCancer && (r.sciatica() || !emergency.isEmpty());
        if (!emergency.isEmpty() || mscc) {
            d.findings.add(Recommendation.EMERGENCY_MRI);
            if (emergency.contains(Pathology.CAUDA_EQUINA)) {
                d.reason("reason_ces");
                d.reason("reason_ces_no_discussion");
            }
            if (emergency.contains(Pathology.CORD_COMPRESSION)) {
                d.reason("reason_cord");
            }
            if (mscc) {
                d.reason("reason_mscc");
                d.manage("manage_mscc_now");
            }
            if (r.age() < 19) {
                d.reason("reason_any_age");
            }
            if (!emergency.isEmpty()) {
                d.manage("manage_ces_now");
            }
        }
        boolean anyEmergency = !emergency.isEmpty() || mscc;
        if (!other.isEmpty()) {
            d.findings.add(Recommendation.IMAGING_INDICATED);
            d.reason("reason_serious_pathology");
            // With an emergency under way, the routine pathways below would only slow things down.
            if (other.contains(Pathology.CANCER)) {
                d.reason(knownCancer ? "reason_cancer_known" : "reason_cancer");
                if (!anyEmergency) {
                    d.manage(knownCancer ? "manage_mscc_24h" : "manage_cancer_pathway");
                }
            }
            if (other.contains(Pathology.INFECTION)) {
                d.reason("reason_infection");
                if (!anyEmergency) {
                    d.manage("manage_infection_pathway");
                }
            }
            if (other.contains(Pathology.FRACTURE)) {
                d.reason("reason_fracture");
                if (r.redFlags().contains("major_trauma")) {
                    d.reason("reason_major_trauma");
                    d.manage("manage_trauma_now");
                } else if (!anyEmergency) {
                    d.manage("manage_fracture_pathway");
                }
            }
        }

        Screening screening = Screening.of(r);
        boolean redFlags = !suspected.isEmpty();
        if (!screening.complete()) {
            Map<String, String> fill = Map.of("groups", joinNames(screening.notAsked().stream().map(Pathology::label).toList()));
            if (redFlags) {
                d.reason("reason_also_ask", fill);
            } else {
                d.findings.add(Recommendation.SCREENING_INCOMPLETE);
                d.reason("reason_screening_incomplete", fill);
            }
        }

        // Risk factors and age: vigilance, never a scan on their own.
        boolean overFiftyNotSettling = r.age() > 50 && r.durationWeeks() >= NOT_SETTLING_WEEKS;
        for (RedFlag factor : riskFactors) {
            d.reason("reason_risk_" + factor.id());
        }
        boolean assessFurther = !redFlags && (!riskFactors.isEmpty() || overFiftyNotSettling);
        if (assessFurther) {
            d.findings.add(Recommendation.ASSESS_FURTHER);
        }

        SpondyloarthritisCheck spa = spondyloarthritis(r, d);

        if (!redFlags && r.age() >= 19 && screening.complete()) {
            if (r.setting() == Setting.SPECIALIST) {
                d.findings.add(Recommendation.SPECIALIST_IMAGING_IF_CHANGES_MANAGEMENT);
                d.reason("reason_specialist");
                Boolean changes = r.resultWouldChangeManagement();
                d.reason(changes == null ? "reason_specialist_unknown" : changes ? "reason_specialist_yes" : "reason_specialist_no");
            } else {
                d.findings.add(Recommendation.NO_IMAGING);
                d.reason(assessFurther ? "reason_no_red_flags_but_risk" : "reason_no_red_flags");
                d.reason("reason_imaging_rarely_helps");
            }
        }
        if (r.age() < 19) {
            d.findings.add(Recommendation.OUT_OF_SCOPE);
            d.reason(r.age() >= 16 ? "reason_out_of_scope_16_18" : "reason_out_of_scope_under_16");
        }
        // PMM: in a child under 5, back pain is itself a reason for urgent paediatric assessment. No source
        // Backcheck holds gives a duration threshold for children, so none is used.
        if (r.age() < CHILD_WARNING_AGE && !anyEmergency) {
            d.reason("reason_child_under_5");
            d.manage("manage_child_under_5");
        }
        if (!redFlags && r.durationWeeks() < RECOVERY_WEEKS && r.age() >= 16 && screening.complete()) {
            d.reason("reason_six_weeks");
        }
        if (r.age() > 50 && !redFlags) {
            d.reason("reason_age_over_50");
            if (overFiftyNotSettling) {
                d.reason("reason_over_50_not_settling");
            }
        }

        StartBackResult startBack = r.startBack() == null ? null : StartBackResult.score(r.startBack());
        boolean conservativeCare = !redFlags && r.age() >= 16;
        if (conservativeCare) {
            conservativeManagement(r, startBack, d);
        }
        if (!anyEmergency && r.age() >= MYELOMA_AGE) {
            d.manage("manage_myeloma_bloods");
        }
        if (!anyEmergency) {
            if (r.age() < 16) {
                d.safety("safety_child_now");
                d.safety("safety_child_soon");
            } else {
                d.safety("safety_ces");
                d.safety("safety_cord");
                if (knownCancer) {
                    d.safety("safety_mscc");
                }
                d.safety("safety_other");
                d.safety("safety_review");
            }
        }

        List<Recommendation> findings = new ArrayList<>(EnumSet.copyOf(d.findings));
        Recommendation recommendation = findings.get(0);
        Urgency urgency = urgency(recommendation, other, r);
        Statement summary = summary(recommendation, suspected, mscc, urgency, r, screening, riskFactors, overFiftyNotSettling);
        d.cite(summary);
        String leafletKind = anyEmergency ? "emergency" : redFlags ? "imaging" : r.age() < 16 ? "child"
                : r.age() < 19 ? "young" : "routine";
        PatientInformation leaflet = new PatientInformation(
                d.cite(text.statement(leafletKind.equals("routine") ? "patient_about" : "patient_about_" + leafletKind)).text(),
                d.cite(text.statement("patient_benefits_" + leafletKind)).text(),
                d.cite(text.statement("patient_risks_" + (leafletKind.equals("emergency") ? "imaging" : leafletKind))).text(),
                d.cite(text.statement("patient_alternatives_" + leafletKind)).text(),
                d.cite(text.statement("patient_nothing_" + leafletKind)).text());
        for (String flag : r.redFlags()) {
            RedFlags.vocabulary().get(flag).citations().forEach(c -> d.sources.putIfAbsent(c.source(), text.sources.get(c.source())));
        }
        String note = ConsultationNote.write(r, screening, List.copyOf(riskFactors), recommendation, urgency, summary.text(),
                startBack, findings);
        return new Assessment(recommendation, urgency, summary.text(), List.copyOf(suspected), findings, d.reasons,
                d.management, startBack, spa, d.safetyNet, List.copyOf(d.sources.values()), leaflet, screening,
                List.copyOf(riskFactors), note);
    }

    /** NICE NG65: count the criteria when back pain began before 45 and has lasted longer than 3 months. */
    private SpondyloarthritisCheck spondyloarthritis(AssessmentRequest r, Draft d) {
        Set<SpaFeature> criteria = r.spaFeatures().isEmpty() ? EnumSet.noneOf(SpaFeature.class) : EnumSet.copyOf(r.spaFeatures());
        if (r.onsetCertainlyBefore(35)) {
            criteria.add(SpaFeature.ONSET_BEFORE_35);
        }
        boolean given = !r.spaFeatures().isEmpty();
        boolean longEnough = r.age() >= 16 && r.durationWeeks() > THREE_MONTHS_WEEKS;
        if (!longEnough || r.onsetCertainlyNotBefore(45)) {
            if (given) {
                d.reason("reason_spa_gate");
                return new SpondyloarthritisCheck(false, List.copyOf(criteria), "not_applicable");
            }
            return null;
        }
        if (!r.onsetCertainlyBefore(45)) {
            d.reason("reason_spa_onset_needed");
            return new SpondyloarthritisCheck(false, List.copyOf(criteria), "onset_age_needed");
        }
        if (!given) {
            d.reason("reason_spa_ask");
            return new SpondyloarthritisCheck(true, List.copyOf(criteria), "not_assessed");
        }
        int n = criteria.size();
        Map<String, String> fill = Map.of("count", String.valueOf(n), "criteria", labels(criteria),
                "hla", n == 3 && r.hlaB27() == HlaB27.NEGATIVE ? "; HLA-B27 negative" : "");
        String outcome;
        if (n >= 4) {
            outcome = "refer";
            d.findings.add(Recommendation.REFER_RHEUMATOLOGY);
            d.reason("reason_spa_refer", fill);
        } else if (n == 3 && r.hlaB27() == HlaB27.POSITIVE) {
            outcome = "refer";
            d.findings.add(Recommendation.REFER_RHEUMATOLOGY);
            d.reason("reason_spa_refer_hla", fill);
        } else if (n == 3 && r.hlaB27() == HlaB27.UNKNOWN) {
            outcome = "test_hla_b27";
            d.findings.add(Recommendation.HLA_B27_TEST);
            d.reason("reason_spa_test", fill);
        } else {
            outcome = "not_met";
            d.reason("reason_spa_not_met", fill);
        }
        return new SpondyloarthritisCheck(true, List.copyOf(criteria), outcome);
    }

    private void conservativeManagement(AssessmentRequest r, StartBackResult startBack, Draft d) {
        d.manage("manage_reassure");
        d.manage("manage_stay_active");
        d.manage("manage_analgesia");
        d.manage("manage_exercise");
        d.manage("manage_manual_therapy");
        d.manage("manage_weight");
        if (startBack == null) {
            d.manage("manage_start_back");
        } else {
            Map<String, String> fill = Map.of("total", String.valueOf(startBack.total()),
                    "distress", String.valueOf(startBack.distress()));
            d.manage("manage_start_back_" + startBack.risk().id(), fill);
        }
        if (r.sciatica()) {
            d.manage("manage_sciatica");
        }
        if (r.durationWeeks() > THREE_MONTHS_WEEKS) {
            d.manage("manage_chronic_programme");
            d.manage("manage_chronic_specialist");
            d.reason("reason_referral_without_imaging");
        }
        d.manage("manage_pathway");
    }

    private static Urgency urgency(Recommendation recommendation, Set<Pathology> other, AssessmentRequest r) {
        return switch (recommendation) {
            case EMERGENCY_MRI -> Urgency.EMERGENCY;
            case IMAGING_INDICATED -> r.redFlags().contains("major_trauma") ? Urgency.EMERGENCY
                    : other.contains(Pathology.INFECTION) ? Urgency.SAME_DAY : Urgency.URGENT;
            case REFER_RHEUMATOLOGY, HLA_B27_TEST -> Urgency.ROUTINE;
            case OUT_OF_SCOPE -> r.age() < CHILD_WARNING_AGE ? Urgency.URGENT : null;
            default -> null;
        };
    }

    private Statement summary(Recommendation recommendation, Set<Pathology> suspected, boolean mscc, Urgency urgency,
                              AssessmentRequest r, Screening screening, Set<RedFlag> riskFactors, boolean overFiftyNotSettling) {
        Map<String, String> fill = new LinkedHashMap<>();
        List<String> named = new ArrayList<>();
        for (Pathology p : suspected) {
            if (p.isEmergency() == (recommendation == Recommendation.EMERGENCY_MRI)) {
                named.add(p.label());
            }
        }
        if (mscc && recommendation == Recommendation.EMERGENCY_MRI) {
            named.add("metastatic spinal cord compression");
        }
        fill.put("pathologies", joinNames(named));
        fill.put("urgency", urgency == null ? "" : urgency == Urgency.SAME_DAY ? "same day"
                : urgency == Urgency.EMERGENCY ? "emergency department now" : urgency.id());
        fill.put("where", r.age() >= 16 ? "For people aged 16 to 18, follow NICE NG59."
                : r.age() < CHILD_WARNING_AGE ? "Under 5, back pain needs urgent paediatric assessment."
                : "For children under 16, follow paediatric guidance.");
        fill.put("groups", joinNames(screening.notAsked().stream().map(Pathology::label).toList()));
        List<String> factors = new ArrayList<>();
        riskFactors.forEach(f -> factors.add(RISK_NAMES.getOrDefault(f.id(), f.label().toLowerCase(java.util.Locale.ROOT))));
        if (overFiftyNotSettling) {
            factors.add("age over 50 with pain not settling");
        }
        fill.put("factors", joinNames(factors));
        String id = switch (recommendation) {
            case SPECIALIST_IMAGING_IF_CHANGES_MANAGEMENT -> "summary_specialist";
            default -> "summary_" + recommendation.id();
        };
        return filled(text.statement(id), fill);
    }

    /** Short names for risk factors in a summary. */
    private static final Map<String, String> RISK_NAMES = Map.of(
            "long_term_corticosteroids", "long-term corticosteroids",
            "osteoporosis", "osteoporosis",
            "diabetes", "diabetes");

    private static String joinNames(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String labels(Set<SpaFeature> features) {
        return features.stream().map(SpaFeature::label).collect(Collectors.joining(", "));
    }

    private static Statement filled(Statement s, Map<String, String> values) {
        String t = s.text();
        for (Map.Entry<String, String> e : values.entrySet()) {
            t = t.replace("{" + e.getKey() + "}", e.getValue());
        }
        if (t.contains("{")) {
            throw new IllegalStateException("statement " + s.id() + " has an unfilled placeholder: " + t);
        }
        return new Statement(s.id(), t, s.citations());
    }

    /** The assessment being built: each statement added also records its sources. */
    private final class Draft {
        final Set<Recommendation> findings = EnumSet.noneOf(Recommendation.class);
        final List<Statement> reasons = new ArrayList<>();
        final List<Statement> management = new ArrayList<>();
        final List<Statement> safetyNet = new ArrayList<>();
        final Map<String, Source> sources = new LinkedHashMap<>();

        void reason(String id) {
            reason(id, Map.of());
        }

        void reason(String id, Map<String, String> fill) {
            reasons.add(cite(filled(text.statement(id), fill)));
        }

        void manage(String id) {
            manage(id, Map.of());
        }

        void manage(String id, Map<String, String> fill) {
            management.add(cite(filled(text.statement(id), fill)));
        }

        void safety(String id) {
            safetyNet.add(cite(text.statement(id)));
        }

        Statement cite(Statement s) {
            s.citations().forEach(c -> sources.putIfAbsent(c.source(), text.sources.get(c.source())));
            return s;
        }
    }
}
