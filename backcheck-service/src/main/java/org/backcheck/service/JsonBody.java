package org.backcheck.service;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * A JSON request body, for every route that reads one: the one check of its Content-Type and the one
 * size-capped read. JSON between systems is UTF-8 (RFC 8259 §8.1), so {@code application/json} is accepted
 * with no charset or with {@code charset=utf-8}, and nothing else.
 */
public final class JsonBody {

    private JsonBody() {
    }

    /**
     * The body of a JSON request.
     *
     * @param what     the body's name in messages, e.g. "hook request"
     * @param maxBytes the most accepted; never more than {@code maxBytes + 1} bytes are read
     * @param hint     said after a 413, e.g. "; send fewer elements per request" (or empty)
     * @throws ProblemException 415 for another media type, 413 for a larger body, 400 for a body that ended early
     */
    public static byte[] read(Context ctx, String what, int maxBytes, String hint) {
        requireJson(ctx.contentType(), what);
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge(what, maxBytes, hint);
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            // The client stopped sending (closed or reset the connection, or timed out): its error, not ours,
            // and it is not there to read the answer. The request log has the one line it deserves.
            throw ProblemException.badRequest("body", "The " + what + " ended before all of it arrived; send it again.");
        }
        if (body.length > maxBytes) {
            throw tooLarge(what, maxBytes, hint);
        }
        return body;
    }

    /** @throws ProblemException 415 unless the type is application/json with no charset or UTF-8 */
    static void requireJson(String contentType, String what) {
        String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
        boolean json = parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
        for (int i = 1; i < parts.length && json; i++) {
            String[] param = parts[i].strip().split("=", 2);
            if (param[0].strip().equalsIgnoreCase("charset")) {
                String charset = param.length > 1 ? param[1].strip().replace("\"", "") : "";
                json = charset.equalsIgnoreCase("utf-8");
            }
        }
        if (!json) {
            throw ProblemException.unsupportedMediaType("Send the " + what + " as application/json (UTF-8), not "
                    + (contentType == null ? "without a Content-Type" : "'" + (contentType.length() > 100 ? contentType.substring(0, 100) + "..." : contentType) + "'") + ".");
        }
    }

    private static ProblemException tooLarge(String what, int maxBytes, String hint) {
        return ProblemException.tooLarge("The " + what + " is larger than " + maxBytes / 1024 + " KiB" + hint + ".");
    }
}
