package org.backcheck.service.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * What a page did on the network and in its console since the last {@link #since}: read from
 * chromedriver's performance log (the DevTools {@code Network.*} events, which list every request the
 * browser starts for the page, whatever asked for it: markup, CSS, SVG) and its browser log (where
 * Chromium reports a resource its Content-Security-Policy refused).
 *
 * @param requests  every request started, in order
 * @param responses every response received
 * @param failures  every request that failed or was blocked, as "url: reason"
 * @param console   every console message, as "LEVEL message"
 */
record PageTraffic(List<Request> requests, List<Response> responses, List<String> failures, List<String> console) {

    /** A request: its URL and DevTools resource type (Document, Image, Font, Stylesheet, ...). */
    record Request(String url, String type) {
    }

    /** A response: its URL, status and headers (names lower-cased). */
    record Response(String url, int status, Map<String, String> headers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Empties both logs, so the next {@link #since} covers only what happens after this call. */
    static void reset(WebDriver browser) {
        browser.manage().logs().get(LogType.PERFORMANCE);
        browser.manage().logs().get(LogType.BROWSER);
    }

    /** Everything logged since the last call (or {@link #reset}); reading empties the logs. */
    static PageTraffic since(WebDriver browser) {
        List<Request> requests = new ArrayList<>();
        List<Response> responses = new ArrayList<>();
        List<Map.Entry<String, String>> failed = new ArrayList<>();
        Map<String, String> urlById = new TreeMap<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = read(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            switch (message.path("method").asText()) {
                case "Network.requestWillBeSent" -> {
                    String url = params.path("request").path("url").asText();
                    urlById.put(params.path("requestId").asText(), url);
                    requests.add(new Request(url, params.path("type").asText()));
                }
                case "Network.responseReceived" -> {
                    JsonNode response = params.path("response");
                    Map<String, String> headers = new TreeMap<>();
                    response.path("headers").properties().forEach(h ->
                            headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
                    responses.add(new Response(response.path("url").asText(), response.path("status").asInt(), headers));
                }
                case "Network.loadingFailed" -> failed.add(Map.entry(params.path("requestId").asText(),
                        params.path("errorText").asText() + " " + params.path("blockedReason").asText("")));
                default -> { }
            }
        }
        List<String> failures = failed.stream()
                .map(f -> urlById.getOrDefault(f.getKey(), "request " + f.getKey()) + ": " + f.getValue().strip())
                .toList();
        List<String> console = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
        return new PageTraffic(List.copyOf(requests), List.copyOf(responses), failures, List.copyOf(console));
    }

    List<String> requestedUrls() {
        return requests.stream().map(Request::url).toList();
    }

    Optional<Response> responseTo(String url) {
        return responses.stream().filter(r -> r.url().equals(url)).findFirst();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("chromedriver wrote a performance log entry that is not JSON: " + json, e);
        }
    }
}
