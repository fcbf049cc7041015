package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.backcheck.guidance.Assessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11 item 11: FHIR reads on a server the caller chose. One 2 s deadline covers every read of a call,
 * bodies included (a dripping server used to hold a call for one 3 s deadline per read, a minute with enough
 * reads); a huge body is cut off at 4 MiB; and a refused port, an HTTP error, a huge body and a drip all get
 * the same answer at the same time, so a caller learns nothing about which ports answer. Loopback servers only.
 */
class FhirFetchDeadlineTest {

    private static final int HUGE_BYTES = 10 * 1024 * 1024;
    private static Javalin fhir;
    private static String base;
    private static int closedPort;

    @BeforeAll
    static void start() throws IOException {
        fhir = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.get("/drip/*", ctx -> {
                ctx.res().setContentLength(100_000);
                OutputStream out = ctx.res().getOutputStream();
                for (int i = 0; i < 40; i++) {   // at most 8 s, and less once Backcheck hangs up
                    out.write('{');
                    out.flush();
                    Thread.sleep(200);
                }
            });
            config.routes.get("/huge/*", ctx -> {
                ctx.res().setContentLength(HUGE_BYTES);
                OutputStream out = ctx.res().getOutputStream();
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int sent = 0; sent < HUGE_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
            });
            config.routes.get("/error/*", ctx -> ctx.status(500).result("{}"));
        }).start();
        base = "http://127.0.0.1:" + fhir.port();
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        fhir.stop();
    }

    private static HookCall readingFrom(String fhirServer) {
        HookCall call = HookCall.example();
        call.request().put("fhirServer", fhirServer);
        call.request().putObject("fhirAuthorization").put("access_token", "t").put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "patient/*.read");
        return call;
    }

    private static CdsHooksService service() {
        return new CdsHooksService(Assessor.standard(), HookCall.TODAY);
    }

    private static JsonNode answer(CdsHooksService service, HookCall call) throws IOException {
        return service.answer("order-sign", HookCall.JSON.writeValueAsBytes(call.request()), "http://h");
    }

    @Test
    @Timeout(30)
    void manyReadsFromADrippingServerShareOneDeadlineAndTheCardSaysWhatWasNotRead() throws Exception {
        HookCall call = readingFrom(base + "/drip");
        ((ObjectNode) call.request().get("context")).put("encounterId", "enc-1");
        ArrayNode reasons = call.order().putArray("reasonReference");
        for (int i = 1; i <= 5; i++) {
            reasons.addObject().put("reference", "Condition/c" + i);
        }
        long start = System.nanoTime();
        JsonNode card = answer(service(), call).get("cards").get(0);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("six reads from a dripping server answered in %.2f s%n", seconds);
        assertThat(seconds).isLessThan(FhirFetcher.TOTAL.toSeconds() + 1.5);
        assertThat(card.get("detail").asText()).contains("encounter could not be read")
                .contains("condition named as the order's reason could not be read");
        assertThat(card.has("suggestions") && card.get("suggestions").size() > 0).as("never a suggestion to cancel: " + card)
                .isFalse();
    }

    @Test
    @Timeout(60)
    void aRefusedPortAnHttpErrorAHugeBodyAndADripAllGetTheSameAnswerAtTheDeadline() throws Exception {
        List<String> servers = List.of("http://127.0.0.1:" + closedPort + "/fhir", base + "/error", base + "/huge", base + "/drip");
        List<String> details = new ArrayList<>();
        for (String server : servers) {
            HookCall call = readingFrom(server);
            ((ObjectNode) call.request().get("prefetch")).remove("patient");
            long start = System.nanoTime();
            assertThatThrownBy(() -> answer(service(), call)).isInstanceOfSatisfying(CdsHookException.class, e -> {
                assertThat(e.status()).isEqualTo(412);
                details.add(e.getMessage());
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: 412 after %.2f s%n", server.replaceAll(":\\d+", ":PORT"), seconds);
            assertThat(seconds).as(server).isBetween(FhirFetcher.TOTAL.toMillis() / 1000.0 - 0.2, FhirFetcher.TOTAL.toSeconds() + 1.5);
        }
        assertThat(details).hasSize(4).allSatisfy(d -> assertThat(d).isEqualTo(details.get(0)));
        assertThat(details.get(0)).doesNotContain(String.valueOf(closedPort)).doesNotContain("refused").doesNotContain("500");
    }

    @Test
    void withAListOfFhirServersAnyOtherIsRefusedAndAListedOneIsRead() throws Exception {
        CdsHooksService listed = CdsHooksService.withTerminologyServer(Assessor.standard(), HookCall.TODAY, (id, n) -> { }, null, null,
                new CdsHooksService.Deployment(null, true, FhirServers.of("https://ehr.example.org/fhir, " + base + "/error", true)));
        assertThatThrownBy(() -> answer(listed, readingFrom("https://elsewhere.example.org/fhir")))
                .isInstanceOfSatisfying(CdsHookException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("fhirServer");
                });
        assertThatThrownBy(() -> answer(listed, readingFrom("https://ehr.example.org/fhirx")))
                .isInstanceOf(CdsHookException.class).hasMessageContaining("--fhir-servers");
        // Listed, and everything prefetched: answered without a read.
        assertThat(answer(listed, readingFrom("https://ehr.example.org/fhir/tenant-1")).get("cards")).hasSize(1);
        assertThatThrownBy(() -> FhirServers.of("http://ehr.example.org/fhir", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--fhir-servers").hasMessageContaining("https");
    }
}
