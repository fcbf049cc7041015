package org.backcheck.service;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;

/**
 * Refuses requests that carry {@code X-HTTP-Method-Override} (or its {@code X-HTTP-Method} and
 * {@code X-Method-Override} variants). Javalin's {@code Context.method()} answers with that header's
 * value instead of the method on the request line, so a POST could be routed as a GET or DELETE, and a
 * POST claiming to be OPTIONS would pass checks that let CORS preflights through (issue 11 item 14;
 * OWASP Web Security Testing Guide, "Test HTTP Methods", on method overriding). Backcheck's clients
 * never need it, so it is refused outright, before any route or check runs, rather than ignored.
 */
final class MethodOverride {

    private static final String[] HEADERS = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"};

    private MethodOverride() {
    }

    /** A before-handler for every path: 400 when any override header is present. */
    static void refuse(Context ctx) {
        for (String header : HEADERS) {
            if (ctx.req().getHeader(header) != null) {
                throw new HttpResponseException(400, "Backcheck does not accept " + header + ": send the request with its real "
                        + "method (" + ctx.req().getMethod() + " here) and without that header.", Map.of());
            }
        }
    }
}
