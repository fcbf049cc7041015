package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.backcheck.guidance.Assessor;
import org.junit.jupiter.api.Test;

/**
 * Findings of the independent security review of the CDS inputs (2026-12-07), each kept as a test:
 * what the record says cannot slow the service down without bound, rewrite a card, make Backcheck
 * call other places with the EHR's token, or crash a call.
 */
class SecurityReviewCasesTest {

    private static JsonNode answer(CdsHooksService service, HookCall call) throws IOException {
        return service.answer("order-sign", HookCall.JSON.writeValueAsBytes(call.request()), "http://h").get("cards").get(0);
    }

    @Test
    void f03AFhirServerThatTricklesItsAnswerIsCutOffAtTheDeadline() throws Exception {
        Javalin slow = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/fhir/Patient/123", ctx -> {
                ctx.res().setContentLength(100_000);
                OutputStream out = ctx.res().getOutputStream();
                for (int i = 0; i < 30; i++) {
                    out.write('{');
                    out.flush();
                    Thread.sleep(500);
                }
            });
        }).start();
        try {
            HookCall call = HookCall.example();
            ((ObjectNode) call.request().get("prefetch")).remove("patient");
            call.request().put("fhirServer", "http://127.0.0.1:" + slow.port() + "/fhir");
            call.request().putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer")
                    .put("expires_in", 300).put("scope", "patient/*.read");
            CdsHooksService service = new CdsHooksService(Assessor.standard(), HookCall.TODAY);
            long start = System.nanoTime();
            assertThatThrownBy(() -> answer(service, call)).isInstanceOfSatisfying(CdsHookException.class,
                    e -> assertThat(e.status()).isEqualTo(412));
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(FhirFetcher.TOTAL.toSeconds() + 3.0);
        } finally {
            slow.stop();
        }
    }

    @Test
    void f04OneCallLooksUpAtMostABudgetOfUnknownConceptsAndSaysSo() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        CdsHooksService service = new CdsHooksService(Assessor.standard(), HookCall.TODAY, (id, n) -> { }, (code, groups) -> {
            asked.incrementAndGet();
            return SnomedTerminology.Answer.answered(Set.of("benign"));
        });
        HookCall call = HookCall.example();
        for (int i = 0; i < 40; i++) {
            call.active(RedFlagCodes.SNOMED, String.valueOf(1_000_000_000L + i * 7L), null);
        }
        JsonNode card = answer(service, call);
        assertThat(asked.get()).isEqualTo(RedFlagCodes.Budget.LOOKUPS);
        assertThat(card.get("indicator").asText()).isEqualTo("info");
        assertThat(card.get("detail").asText()).contains("than it looks up in one call");
    }

    @Test
    void f05WordsFromTheRecordCannotBecomeLinksOrHideBehindControlCharacters() {
        JsonNode card = HookCall.example().active(RedFlagCodes.SNOMED, "1234567890123",
                "see https://evil.example/x and www.evil.example \u202Egnp.exe\u200B ~~gone~~").card();
        String detail = card.get("detail").asText();
        assertThat(detail).doesNotContain("https://evil").doesNotContain("www.evil").contains("https\\://evil").contains("www\\.evil");
        assertThat(detail).doesNotContain("\u202E").doesNotContain("\u200B").doesNotContain("~~gone");
        assertThat(card.get("summary").asText()).doesNotContain("\u202E");
    }

    @Test
    void f06ACardsDetailIsBoundedWhateverTheRecordHolds() {
        HookCall call = HookCall.example();
        ArrayNode notes = call.order().putArray("note");
        for (int i = 0; i < 5_000; i++) {
            notes.addObject().put("text", "note number " + i + " about nothing in particular");
        }
        JsonNode card = call.card();
        assertThat(card.get("detail").asText().length()).isLessThanOrEqualTo(Cards.MAX_DETAIL + 100);
        assertThat(card.get("detail").asText()).contains("more");
        assertThat(card.get("indicator").asText()).isEqualTo("info");
    }

    @Test
    void f08AnHttpFhirServerOnThisMachineIsRefusedOutsideTestsAndDemos() {
        JsonNode body = HookCall.example().request().put("fhirServer", "http://localhost:8080/fhir");
        assertThatThrownBy(() -> HookRequest.parse(body, "order-sign", false)).isInstanceOfSatisfying(CdsHookException.class,
                e -> assertThat(e.status()).isEqualTo(400));
        assertThat(HookRequest.parse(body, "order-sign", true).fhirServer()).isEqualTo("http://localhost:8080/fhir");
    }

    @Test
    void f09AMalformedOrEscapingNextLinkIsReportedNotFollowedOrCrashed() throws Exception {
        for (String next : new String[] {"https://ehr.example.org/fhir/Condition?page=a b", "https://ehr.example.org/fhir/../../admin",
            "https://ehr.example.org/fhir/%zz"}) {
            HookCall call = HookCall.example();
            call.request().putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer")
                    .put("expires_in", 300).put("scope", "patient/*.read");
            ((ObjectNode) call.request().at("/prefetch/conditions")).putArray("link").addObject().put("relation", "next").put("url", next);
            JsonNode card = call.card();
            assertThat(card.get("indicator").asText()).as(next).isNotEqualTo("warning");
            assertThat(card.get("detail").asText()).as(next).contains("could not be read");
        }
        JsonNode dots = HookCall.example().request();
        ((ObjectNode) dots.get("context")).put("patientId", "..");
        assertThatThrownBy(() -> HookRequest.parse(dots, "order-sign")).isInstanceOf(CdsHookException.class);
    }

    @Test
    void f10JsonNestedTooDeeplyIsA400NotAServerError() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        CdsHooksService service = new CdsHooksService(Assessor.standard(), HookCall.TODAY);
        assertThatThrownBy(() -> service.answer("order-sign", deep.getBytes(StandardCharsets.UTF_8), "http://h"))
                .isInstanceOfSatisfying(CdsHookException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void f11AQuotedWordIsNeverCutInsideACharacter() {
        String shown = RecordReading.shorten("x".repeat(RecordReading.MAX_SHOWN - 1) + "\uD83D\uDE00 and more");
        assertThat(shown.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
        JsonNode card = HookCall.example().reasonText("\uD83D\uDE00".repeat(200)).card();
        String summary = card.get("summary").asText();
        assertThat(summary.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)).isTrue();
    }

    @Test
    void f12AWrongHookIsNotEchoedBack() {
        ObjectNode body = HookCall.example().request();
        body.put("hook", "x".repeat(5_000));
        assertThatThrownBy(() -> HookRequest.parse(body, "order-sign")).isInstanceOfSatisfying(CdsHookException.class,
                e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }
}
