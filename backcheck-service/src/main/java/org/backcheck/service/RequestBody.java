package org.backcheck.service;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/** Reading a request body with a size limit, shared by every POST handler. */
public final class RequestBody {

    private RequestBody() {
    }

    /**
     * The body, or null when it is larger than {@code maxBytes} (by its declared Content-Length,
     * or by what arrives when the length is not declared): never more than {@code maxBytes + 1}
     * bytes are read. The caller answers 413 in its own words.
     */
    public static byte[] readAtMost(Context ctx, int maxBytes) throws IOException {
        if (ctx.req().getContentLengthLong() > maxBytes) {
            return null;
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(maxBytes + 1);
        }
        return body.length > maxBytes ? null : body;
    }
}
