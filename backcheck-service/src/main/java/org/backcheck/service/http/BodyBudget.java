package org.backcheck.service.http;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Bounds the memory of request bodies read before their handler runs, across all connections: each
 * request reserves its declared {@code Content-Length} (or the per-request limit when it sends chunks of
 * unknown length) from one budget until it has been answered; a request that does not fit gets a 503
 * at once, unread. Without it, every open connection could hold up to the per-request limit (see
 * {@link ConnectionLimits}). A body declared larger than the per-request limit reserves nothing: it is
 * refused from its header.
 */
final class BodyBudget extends Handler.Wrapper {

    private final int bodyBytes;
    private final AtomicLong free;

    BodyBudget(Handler next, int bodyBytes, long budgetBytes) {
        super(next);
        this.bodyBytes = bodyBytes;
        this.free = new AtomicLong(budgetBytes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        long need = declared > bodyBytes ? 0
                : declared >= 0 ? declared
                : request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING) ? bodyBytes : 0;
        if (need == 0) {
            return super.handle(request, response, callback);
        }
        if (free.addAndGet(-need) < 0) {
            free.addAndGet(need);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "5");
            Response.writeError(request, response, callback, 503, "Backcheck is reading as many requests as it can hold; try again shortly.");
            return true;
        }
        AtomicBoolean released = new AtomicBoolean();
        Connection connection = request.getConnectionMetaData().getConnection();
        Connection.Listener onClose = new Connection.Listener() {
            @Override
            public void onClosed(Connection closed) {
                // A connection closed by the server while its body was still awaited (a stalled request cut
                // off by SlowConnectionCutoff) does not always complete the request's callback.
                releaseOnce(released, need);
            }
        };
        Runnable release = () -> {
            connection.removeEventListener(onClose);
            releaseOnce(released, need);
        };
        connection.addEventListener(onClose);
        Callback releasing = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                release.run();
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                release.run();
                super.failed(x);
            }
        };
        boolean handled = false;
        try {
            handled = super.handle(request, response, releasing);
            return handled;
        } finally {
            if (!handled) {
                release.run();
            }
        }
    }

    private void releaseOnce(AtomicBoolean released, long need) {
        if (released.compareAndSet(false, true)) {
            free.addAndGet(need);
        }
    }
}
