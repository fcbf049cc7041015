package org.backcheck.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.backcheck.service.cdshooks.CdsHooksService;
import org.junit.jupiter.api.Test;

/**
 * Security review F07: with a public URL configured (behind a proxy), a card's link is built on it,
 * never on the Host header a caller sent; the link carries the age and diagnoses.
 */
class CardLinkHostTest {

    @Test
    void theCardsLinkUsesThePublicUrlNotTheHostHeader() throws Exception {
        BackcheckServer server = BackcheckServer.builder().clock(CdsHooksServerTest.TODAY)
                .deployment(new CdsHooksService.Deployment("https://cds.example.org/", false)).build().start(0);
        try (Socket socket = new Socket("127.0.0.1", server.uri().getPort())) {
            JsonNode request = CdsHooksServerTest.example("order-sign-request.json");
            byte[] body = CdsHooksServerTest.JSON.writeValueAsBytes(request);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /cds-services/lumbar-imaging-order-sign HTTP/1.1\r\nHost: evil.example\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            JsonNode cards = CdsHooksServerTest.JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).get("cards");
            assertThat(cards.get(0).at("/links/0/url").asText()).startsWith("https://cds.example.org/?").doesNotContain("evil");
        } finally {
            server.stop();
        }
    }
}
