package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The safety claim of the CDS service, tested by generation rather than by example: no coded, past
 * or free-text red flag, in any form a record sends it, ever gets a warning or a suggestion to
 * cancel; and a record with nothing but benign codes still gets the warning (the service must stay
 * useful). Codes are generated from the codelist's own ranges, so a new range is tested as soon as
 * it is added.
 */
class CdsSafetyGenerativeTest {

    private static final RedFlagCodes CODES = RedFlagCodes.load(SnomedTerminology.none());
    private static final List<String> ICD10_SYSTEMS = List.of(RedFlagCodes.ICD10, RedFlagCodes.ICD10_CM, RedFlagCodes.ICD10_UK,
            "urn:oid:2.16.840.1.113883.6.3");
    /**
     * Codes inside a blocking range that a more specific row deliberately lets through: inhaled
     * steroids, sprains of the thoracic and cervical spine, superficial fungal infections.
     */
    private static final List<String> LET_THROUGH = List.of("Z7951", "S233", "S134", "B35", "B36");

    /** Benign codes, each with a display the text net leaves alone: (system, code, display). */
    private static final String[][] BENIGN = {
        {RedFlagCodes.ICD10, "I10", "Essential hypertension"}, {RedFlagCodes.ICD10, "E78.5", "Hyperlipidaemia"},
        {RedFlagCodes.ICD10, "J45.9", "Asthma"}, {RedFlagCodes.ICD10, "M54.5", "Low back pain"},
        {RedFlagCodes.ICD10_CM, "M54.50", "Low back pain, unspecified"}, {RedFlagCodes.ICD10, "F32.9", "Depressive episode"},
        {RedFlagCodes.ICD10, "K21.9", "Reflux"}, {RedFlagCodes.ICD10, "E03.9", "Hypothyroidism"},
        {RedFlagCodes.ICD10, "M17.1", "Osteoarthritis of knee"}, {RedFlagCodes.ICD10, "E11.9", "Type 2 diabetes mellitus"},
        {RedFlagCodes.SNOMED, "38341003", "Hypertensive disorder"}, {RedFlagCodes.SNOMED, "55822004", "Hyperlipidemia"},
        {RedFlagCodes.SNOMED, "195967001", "Asthma"}, {RedFlagCodes.SNOMED, "279039007", "Low back pain"},
        {RedFlagCodes.SNOMED, "35489007", "Depressive disorder"}, {RedFlagCodes.SNOMED, "44054006", "Diabetes mellitus type 2"},
        {RedFlagCodes.SNOMED, "414916001", "Obesity"}, {RedFlagCodes.SNOMED, "396275006", "Osteoarthritis"},
        {RedFlagCodes.SNOMED, "40930008", "Hypothyroidism"}, {RedFlagCodes.SNOMED, "235595009", "Gastroesophageal reflux disease"},
        {RedFlagCodes.SNOMED, "37796009", "Migraine"}, {RedFlagCodes.SNOMED, "90560007", "Gout"},
        {RedFlagCodes.SNOMED, "77176002", "Smoker"}, {RedFlagCodes.SNOMED, "61582004", "Allergic rhinitis"}};

    /** Every code a blocking row covers, in the forms records write it: the category, its subcodes, padded, lower case. */
    static List<String> blockingCodesInEveryForm() {
        List<String> out = new ArrayList<>();
        for (Icd10Rules.Rule rule : CODES.icd10().rules()) {
            if (rule.grade() != Grade.RED_FLAG && rule.grade() != Grade.RISK_FACTOR) {
                continue;
            }
            for (String code : expand(rule)) {
                if (LET_THROUGH.stream().anyMatch(code::startsWith) && code.length() > 3) {
                    continue;
                }
                String dotted = code.length() > 3 ? code.substring(0, 3) + "." + code.substring(3) : code;
                out.add(dotted);
                out.add(code);
                out.add(dotted.toLowerCase(Locale.ROOT));
                if (code.length() == 3) {
                    out.add(code + "X");
                    out.add(code + "-");
                } else if (code.length() == 4) {
                    out.add(code + "-");
                    out.add(code + "D");
                    out.add(" " + dotted + " ");
                }
            }
        }
        return out;
    }

    /** The codes of a rule: for a range, every category in it and each of their ten subcodes; for a pattern, every fill. */
    private static List<String> expand(Icd10Rules.Rule rule) {
        List<String> prefixes = new ArrayList<>();
        if (rule.from().contains("?")) {
            for (char c = '0'; c <= '9'; c++) {
                prefixes.add(rule.from().replace('?', c));
            }
        } else if (rule.from().length() == 3) {
            String chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            for (char c2 : chars.toCharArray()) {
                for (char c3 : chars.toCharArray()) {
                    String code = "" + rule.from().charAt(0) + c2 + c3;
                    if (rule.covers(code) && Character.isDigit(c2)) {
                        prefixes.add(code);
                    }
                }
            }
        } else {
            String chars = "0123456789";
            String stem = rule.from().substring(0, rule.from().length() - 1);
            for (char c : chars.toCharArray()) {
                String code = stem + c;
                if (rule.covers(code)) {
                    prefixes.add(code);
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String p : prefixes) {
            out.add(p);
            if (p.length() == 3) {
                for (char c = '0'; c <= '9'; c++) {
                    out.add(p + c);
                }
            } else if (p.length() == 4) {
                out.add(p + "0");
                out.add(p + "9");
            }
        }
        return out;
    }

    @Test
    void everyCodeOfEveryRedFlagAndRiskRangeInEveryFormBlocksTheWarning() {
        List<String> codes = blockingCodesInEveryForm();
        assertThat(codes).hasSizeGreaterThan(10_000);
        Random random = new Random(101);
        int called = 0;
        for (String code : codes) {
            String system = ICD10_SYSTEMS.get(random.nextInt(ICD10_SYSTEMS.size()));
            Grade grade = CODES.readCode(system, code).grade();
            assertThat(grade).as("%s in %s", code, system).isIn(Grade.RED_FLAG, Grade.RISK_FACTOR);
            // Through the whole service for a sample: as an order reason or on the problem list.
            if (random.nextInt(8) == 0) {
                HookCall call = random.nextBoolean() ? HookCall.example().reason(system, code, null)
                        : HookCall.example().active(system, code, null);
                JsonNode card = call.card();
                assertThat(card.get("indicator").asText()).as("%s in %s", code, system).isNotEqualTo("warning");
                assertThat(HookCall.actionTypes(card)).as(code).doesNotContain("delete");
                called++;
            }
        }
        assertThat(called).isGreaterThan(1_000);
    }

    @Test
    void generatedProblemListsWithOneRedFlagAmongBenignCodesNeverGetACancelSuggestion() {
        List<String> redFlagCodes = blockingCodesInEveryForm();
        List<SnomedConcepts.Concept> redFlagConcepts = CODES.snomed().concepts().values().stream()
                .filter(c -> c.grade() == Grade.RED_FLAG || c.grade() == Grade.RISK_FACTOR).toList();
        String[] texts = {"suspected cauda equina", "hx of breast ca", "?spinal mets", "IVDU, febrile", "#L2 after fall",
            "on long-term prednisolone", "new saddle numbness", "known myeloma", "HIV", "weight loss and night pain"};
        String[] pastStatuses = {"inactive", "remission", "resolved"};
        Random random = new Random(20261207);
        for (int i = 0; i < 3_000; i++) {
            HookCall call = HookCall.example();
            int benign = random.nextInt(7);
            List<Runnable> adds = new ArrayList<>();
            for (int k = 0; k < benign; k++) {
                String[] b = BENIGN[random.nextInt(BENIGN.length)];
                adds.add(random.nextBoolean() ? () -> call.active(b[0], b[1], b[2]) : () -> call.reason(b[0], b[1], b[2]));
            }
            String what;
            int kind = random.nextInt(4);
            if (kind == 0) {
                String code = redFlagCodes.get(random.nextInt(redFlagCodes.size()));
                String system = ICD10_SYSTEMS.get(random.nextInt(ICD10_SYSTEMS.size()));
                what = code + " " + system;
                adds.add(random.nextBoolean() ? () -> call.active(system, code, null) : () -> call.reason(system, code, null));
            } else if (kind == 1) {
                SnomedConcepts.Concept c = redFlagConcepts.get(random.nextInt(redFlagConcepts.size()));
                what = c.code();
                adds.add(() -> call.active(RedFlagCodes.SNOMED, c.code(), random.nextBoolean() ? c.fsn() : null));
            } else if (kind == 2) {
                String text = texts[random.nextInt(texts.length)];
                what = text;
                adds.add(random.nextBoolean() ? () -> call.reasonText(text) : () -> call.note(text));
            } else {
                // A past cancer, in any status that means "no longer active".
                String status = pastStatuses[random.nextInt(pastStatuses.length)];
                what = "past cancer " + status;
                adds.add(() -> call.condition(RedFlagCodes.ICD10, "C" + (10 + random.nextInt(89)) + "." + random.nextInt(10), null,
                        status, random.nextBoolean() ? "confirmed" : null));
            }
            java.util.Collections.shuffle(adds, random);
            adds.forEach(Runnable::run);
            call.born(2026 - 19 - random.nextInt(80) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(9));
            JsonNode card = call.card();
            assertThat(card.get("indicator").asText()).as("%d: %s", i, what).isNotEqualTo("warning");
            assertThat(HookCall.actionTypes(card)).as(what).doesNotContain("delete");
            assertThat(card.get("summary").asText()).as(what).doesNotContainIgnoringCase("no red flag");
        }
    }

    @Test
    void benignOnlyRecordsStillGetTheWarningWithItsSuggestions() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            HookCall call = HookCall.example();
            Set<Integer> picked = new LinkedHashSet<>();
            int n = random.nextInt(8);
            while (picked.size() < n) {
                picked.add(random.nextInt(BENIGN.length));
            }
            for (int k : picked) {
                String[] b = BENIGN[k];
                if (random.nextBoolean()) {
                    call.active(b[0], b[1], b[2]);
                } else {
                    call.condition(b[0], b[1], b[2], null, "confirmed");
                }
            }
            call.born(2026 - 19 - random.nextInt(90) + "-01-01");
            JsonNode card = call.card();
            assertThat(card.get("indicator").asText()).as("%d: %s", i, picked).isEqualTo("warning");
            assertThat(HookCall.actionTypes(card)).contains("delete");
            assertThat(card.get("summary").asText()).startsWith("No red flag in the").contains("ask about red flags before cancelling")
                    .hasSizeLessThan(140);
        }
    }

    @Test
    void everyCardKeepsTheSpecificationsLimitsWhateverTheRecordHolds() {
        List<String> pool = new ArrayList<>(blockingCodesInEveryForm());
        Arrays.stream(BENIGN).forEach(b -> pool.add(b[1]));
        Random random = new Random(3);
        Set<String> indicators = new LinkedHashSet<>();
        for (int i = 0; i < 600; i++) {
            HookCall call = HookCall.example();
            for (int k = random.nextInt(5); k > 0; k--) {
                call.active(RedFlagCodes.ICD10, pool.get(random.nextInt(pool.size())), null);
            }
            if (i % 10 == 0) {
                call.active(RedFlagCodes.ICD10, "G83.4", null);   // coded cauda equina: the critical path
            }
            call.born(random.nextInt(10) == 0 ? null : 1926 + random.nextInt(100) + "-06-15");
            JsonNode card = call.card();
            String indicator = card.get("indicator").asText();
            indicators.add(indicator);
            assertThat(card.get("summary").asText()).isNotBlank().hasSizeLessThan(140);
            assertThat(card.get("detail").asText()).isNotBlank();
            assertThat(card.at("/links/0/url").asText()).startsWith("http://localhost:8080/");
            if (indicator.equals("warning")) {
                assertThat(card.get("selectionBehavior").asText()).isEqualTo("at-most-one");
                assertThat(card.get("overrideReasons")).isNotEmpty();
            } else {
                assertThat(card.has("suggestions")).isFalse();
            }
        }
        assertThat(indicators).contains("info", "warning", "critical");
    }

    @Test
    void aCardIsComputedInAFewMilliseconds() throws Exception {
        byte[] body = HookCall.JSON.writeValueAsBytes(HookCall.example().request());
        CdsHooksService service = new CdsHooksService(org.backcheck.guidance.Assessor.standard(), HookCall.TODAY);
        for (int i = 0; i < 300; i++) {
            service.answer("order-sign", body, "http://localhost");
        }
        int runs = 2000;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            service.answer("order-sign", body, "http://localhost");
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("CDS hook call (order-sign example, in process): p50 %.3f ms, p99 %.3f ms%n",
                nanos[runs / 2] / 1e6, nanos[runs * 99 / 100] / 1e6);
        // Loose bound for shared CI machines; the target is p99 <= 10 ms.
        assertThat(nanos[runs * 99 / 100] / 1e6).isLessThan(50.0);
    }
}
