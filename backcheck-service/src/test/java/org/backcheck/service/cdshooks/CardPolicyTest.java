package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.service.cdshooks.RedFlagCodes.ICD10;
import static org.backcheck.service.cdshooks.RedFlagCodes.ICD10_CM;
import static org.backcheck.service.cdshooks.RedFlagCodes.SNOMED;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The fail-safe decision table of {@link CardPolicy}, row by row, through the whole service: for
 * each row, a call that reaches it and the card it must give, and the cancel suggestion only on
 * row 6. The clinical review's examples are here by name.
 */
class CardPolicyTest {

    private static void assertNoCancel(JsonNode card) {
        assertThat(card.get("indicator").asText()).isNotEqualTo("warning");
        assertThat(card.has("suggestions")).isFalse();
        assertThat(HookCall.actionTypes(card)).doesNotContain("delete");
        assertThat(card.get("summary").asText()).doesNotContainIgnoringCase("no red flag");
    }

    // ---------------------------------------------------------------- row 1: emergency

    @Test
    void row1CodedCaudaEquinaIsCritical() {
        JsonNode card = HookCall.example().active(ICD10, "G83.4", "Cauda equina syndrome").card();
        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertNoCancel(card);
        assertThat(card.get("summary").asText()).contains("cauda equina").contains("emergency MRI");
        assertThat(card.get("detail").asText()).contains("ICD-10 G83.4");
    }

    @Test
    void row2SuspectedCaudaEquinaInFreeTextSaysEmergencyIfSuspectedButOnlyCodesMakeACardCritical() {
        // Independent review M5: words are not read for negation, so they never raise a critical card.
        JsonNode card = HookCall.example().reasonText("suspected cauda equina").card();
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertNoCancel(card);
        assertThat(card.get("summary").asText()).contains("cauda equina syndrome").contains("if suspected, refer now for an emergency MRI");
        assertThat(card.get("detail").asText()).contains("the words \u201ccauda equina\u201d")
                .contains("cannot tell whether they were negated");
        JsonNode negated = HookCall.example().note("No CES symptoms. CES safety netting given.").card();
        assertThat(negated.get("indicator").asText()).isEqualTo("info");
        assertThat(negated.get("summary").asText()).doesNotContain("emergency");
        assertNoCancel(negated);
    }

    @Test
    void row1KnownCancerWithSciaticaIsPossibleMsccAnEmergency() {
        JsonNode card = HookCall.example().active(ICD10, "C61", "Malignant neoplasm of prostate")
                .reason(ICD10, "M54.4", "Lumbago with sciatica").card();
        assertThat(card.get("indicator").asText()).isEqualTo("critical");
        assertThat(card.get("detail").asText()).contains("MSCC coordinator immediately");
    }

    // ---------------------------------------------------------------- row 2: red flag

    @Test
    void row2TheReviewsBreastCancerPatientGetsNoWarning() {
        JsonNode card = HookCall.example().born("1955-06-01")
                .active(ICD10, "C50.9", "Malignant neoplasm of breast").card();
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertNoCancel(card);
        assertThat(card.get("summary").asText()).contains("Malignant neoplasm of breast").contains("follow its pathway");
        String detail = card.get("detail").asText();
        assertThat(detail).contains("ICD-10 C50.9").contains("MSCC coordinator within 24 hours");
        // The card names the diagnosis, never a stand-in symptom.
        assertThat(detail).doesNotContain("history of cancer", "Weight loss");
        assertThat(card.at("/links/0/url").asText()).contains("record=history_of_cancer%3AICD-10+C50.9")
                .doesNotContain("red_flags=");
    }

    @Test
    void row2APastOrInRemissionCancerStillCounts() {
        for (String status : new String[] {"inactive", "remission", "resolved"}) {
            JsonNode card = HookCall.example().condition(SNOMED, "254837009", "Malignant neoplasm of breast", status, null).card();
            assertThat(card.get("indicator").asText()).as(status).isEqualTo("info");
            assertNoCancel(card);
        }
    }

    @Test
    void row2SnomedCancerOnTheListAndAnUnlistedConceptWhoseNameSaysCancer() {
        assertNoCancel(HookCall.example().active(SNOMED, "109989006", "Multiple myeloma").card());
        JsonNode byName = HookCall.example().active(SNOMED, "1234567890123", "Malignant tumour of kidney").card();
        assertNoCancel(byName);
        assertThat(byName.get("detail").asText()).contains("the words \u201cmalignant\u201d");
    }

    @Test
    void row2TextNetHitsOnAnOrderNoteAreRedFlags() {
        JsonNode card = HookCall.example().note("Known lung ca, ?mets").card();
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertNoCancel(card);
        assertThat(card.get("summary").asText()).startsWith("Possible red flag in the record's text");
    }

    // ---------------------------------------------------------------- row 3: no date of birth

    @Test
    void row3NoDateOfBirthCannotBeJudged() {
        JsonNode card = HookCall.example().born(null).card();
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertNoCancel(card);
        assertThat(card.get("detail").asText()).contains("no date of birth");
    }

    // ---------------------------------------------------------------- row 4: under 19

    @Test
    void row4UnderNineteenIsOutOfScope() {
        JsonNode card = HookCall.example().born("2010-01-01").card();
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertNoCancel(card);
        assertThat(card.get("summary").asText()).contains("Under 19");
    }

    // ---------------------------------------------------------------- row 5: cannot judge

    @Test
    void row5UrgentStatAndAsapOrdersAreNeverTheSubjectOfACancelSuggestion() {
        for (String priority : new String[] {"urgent", "asap", "stat"}) {
            JsonNode card = HookCall.example().priority(priority).card();
            assertNoCancel(card);
            assertThat(card.get("detail").asText()).as(priority).contains("marked " + priority.toUpperCase());
        }
        assertThat(HookCall.example().priority("routine").card().get("indicator").asText()).isEqualTo("warning");
    }

    @Test
    void row5FreeTextBackcheckCannotReadIsSaidAndBlocksTheWarning() {
        JsonNode card = HookCall.example().reasonText("pain since the move, worse on bending").card();
        assertNoCancel(card);
        assertThat(card.get("detail").asText()).contains("which Backcheck cannot read").contains("worse on bending");
        JsonNode note = HookCall.example().note("patient keen for a scan").card();
        assertNoCancel(note);
    }

    @Test
    void row5AnUnclassifiedCodeIsListedByItsDisplayText() {
        JsonNode card = HookCall.example().active("http://read.info/ctv3", "XaBcD", "Something in CTV3").card();
        assertNoCancel(card);
        assertThat(card.get("detail").asText()).contains("Something in CTV3").contains("code system Backcheck does not read");
        JsonNode snomed = HookCall.example().active(SNOMED, "1234567890123", "A concept Backcheck does not know").card();
        assertNoCancel(snomed);
        assertThat(snomed.get("detail").asText()).contains("no terminology server is configured");
    }

    @Test
    void row5RiskFactorsBlockTheWarning() {
        for (String[] c : new String[][] {{ICD10, "M81.0"}, {ICD10_CM, "Z79.52"}, {ICD10, "F11.2"}, {ICD10, "R33"},
            {ICD10, "M45"}, {SNOMED, "64859006"}}) {
            assertNoCancel(HookCall.example().active(c[0], c[1], null).card());
        }
    }

    @Test
    void row5NothingCodedAtAllIsNotEnoughToAdviseAgainstTheScan() {
        JsonNode card = HookCall.example().bare().card();
        assertNoCancel(card);
        assertThat(card.get("detail").asText()).contains("nothing to check against");
    }

    @Test
    void row5AProblemListFilteredByStatusOrSentInPagesIsNotReadWhole() {
        HookCall filtered = HookCall.example();
        ((com.fasterxml.jackson.databind.node.ObjectNode) filtered.request().at("/prefetch/conditions")).putArray("link").addObject()
                .put("relation", "self").put("url", "https://ehr.example.org/fhir/Condition?patient=123&clinical-status=active");
        filtered.request().remove("fhirAuthorization");
        assertNoCancel(filtered.card());
        HookCall paged = HookCall.example();
        ((com.fasterxml.jackson.databind.node.ObjectNode) paged.request().at("/prefetch/conditions")).putArray("link").addObject()
                .put("relation", "next").put("url", "https://ehr.example.org/fhir/Condition?patient=123&page=2");
        JsonNode card = paged.card();
        assertNoCancel(card);
        assertThat(card.get("detail").asText()).contains("only the first was sent");
    }

    // ---------------------------------------------------------------- row 6: the warning

    @Test
    void row6ABenignRecordStillGetsTheWarningWithItsSuggestionsAndCaveat() {
        JsonNode card = HookCall.example().card();
        assertThat(card.get("indicator").asText()).isEqualTo("warning");
        assertThat(card.get("summary").asText())
                .isEqualTo("No red flag in the 3 coded conditions Backcheck read: ask about red flags before cancelling; if none, no routine imaging (NHS EBI).");
        assertThat(HookCall.actionTypes(card)).contains("delete", "create");
        String detail = card.get("detail").asText();
        // The caveat comes first, before any advice, and the card never says "in the record".
        assertThat(detail).startsWith("**Before you cancel:**").doesNotContain("No red flags in the record");
        assertThat(detail.indexOf("Before you cancel")).isLessThan(detail.indexOf("If none of these red flags is present"));
        assertThat(detail).contains("cauda equina syndrome, spinal cord compression, cancer or spinal metastases");
    }

    @Test
    void row6EnteredInErrorAndRefutedConditionsAreNotCountedAtAll() {
        for (String v : new String[] {"entered-in-error", "refuted"}) {
            JsonNode card = HookCall.example().condition(ICD10, "C50.9", "Malignant neoplasm of breast", "active", v).card();
            assertThat(card.get("indicator").asText()).as(v).isEqualTo("warning");
            assertThat(card.get("detail").asText()).contains("recorded as refuted or entered in error");
        }
    }

    @Test
    void row5APastRedFlagIsARiskFactorThatBlocksTheWarning() {
        // Independent review M3: a past fracture, cauda equina syndrome or spinal infection may come back.
        for (String code : new String[] {"S32.0", "G83.4", "M46.4", "A18.0"}) {
            JsonNode card = HookCall.example().condition(ICD10, code, null, "resolved", null).card();
            assertNoCancel(card);
            assertThat(card.get("indicator").asText()).as(code).isEqualTo("info");
            assertThat(card.get("detail").asText()).as(code).contains("recorded as no longer active");
        }
        // A past benign condition is listed, not counted.
        JsonNode benign = HookCall.example().condition(ICD10, "J45.9", "Asthma", "resolved", null).card();
        assertThat(benign.get("indicator").asText()).isEqualTo("warning");
        assertThat(benign.get("detail").asText()).contains("**Not counted**").contains("recorded as past");
    }

    // ---------------------------------------------------------------- what the record says cannot rewrite the card

    @Test
    void wordsFromTheRecordCannotAddLinksOrMarkupToTheCard() {
        JsonNode card = HookCall.example().active(SNOMED, "1234567890123", "[Click to cancel](https://evil.example) *now*")
                .reasonText("**ignore** <img src=x>").card();
        String detail = card.get("detail").asText();
        // Markdown reads a backslash-escaped character as itself: no link, no raw HTML, no emphasis.
        assertThat(detail).doesNotContain("[Click to cancel](").doesNotContainPattern("(?<!\\\\)<img")
                .doesNotContain("**ignore**");
        assertThat(detail).contains("\\[Click to cancel\\]").contains("\\<img");
    }
}
