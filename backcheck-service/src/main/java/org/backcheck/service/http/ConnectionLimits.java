package org.backcheck.service.http;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;

/**
 * What a slow or greedy client may take from the server (issue 11 item 8: some 260 connections each
 * trickling a request body used to hold every worker thread, and /healthz stopped answering).
 *
 * <ul>
 *   <li><b>No thread waits for a body.</b> A request body of up to {@code bodyBytes} is read by Jetty's
 *       selector, without a thread, and the request reaches Backcheck's handlers only once all of it has
 *       arrived (Jetty 12 {@link EagerContentHandler}). A declared {@code Content-Length} above that is
 *       passed on at once and refused (413) from the header, unread.</li>
 *   <li><b>Time to send a request</b>: a connection on which bytes keep arriving but no new request starts
 *       for {@code readDeadline} — headers or body trickled — is closed, so one request has between one and
 *       two {@code readDeadline}s to arrive ({@link SlowConnectionCutoff}). A connection that sends nothing
 *       for {@code idleTimeout} is closed too (Jetty's idle timeout).</li>
 *   <li><b>Connections per client address</b>: at most {@code perAddress} open at once; more are closed as
 *       they are accepted. Loopback addresses are exempt when {@code exemptLoopback}: behind a reverse proxy
 *       or TLS terminator on the same machine every client arrives from 127.0.0.1, and one slow client
 *       would otherwise lock all the others out (the proxy is then where per-client limits belong).</li>
 *   <li><b>Connections in all</b>: at most {@code total}; beyond it Jetty stops accepting until some close
 *       ({@link NetworkConnectionLimit}), so file descriptors stay bounded; while at the limit, connections
 *       idle for 2 s are closed. An IPv6 client is counted by its /64 prefix.</li>
 *   <li><b>Bodies in memory</b>: at most {@code bodyBudgetBytes} declared by the requests being read or handled
 *       at once; a request that does not fit is answered 503 with {@code Retry-After}, unread ({@link BodyBudget}).</li>
 * </ul>
 * Sources: Jetty 12.1 documentation, "Server Limiting Handlers" and "Limiting Connections"; OWASP Denial
 * of Service Cheat Sheet (limit resources per client, time out slow requests).
 *
 * @param perAddress     open connections allowed per client IP address
 * @param exemptLoopback whether connections from 127.0.0.0/8 and ::1 are not counted per address
 * @param total          open connections allowed in all
 * @param idleTimeout    a connection silent this long is closed
 * @param readDeadline   a request still arriving after this long (at most twice this) is cut off
 * @param bodyBytes      the largest body read before a handler runs: the largest any route accepts, plus one
 * @param bodyBudgetBytes the most body bytes reserved by all requests at once
 */
public record ConnectionLimits(int perAddress, boolean exemptLoopback, int total, Duration idleTimeout, Duration readDeadline,
                               int bodyBytes, long bodyBudgetBytes) {

    /**
     * Per address 64; in all 2,000; idle 30 s; a request must arrive within 5 to 10 s; bodies up to 1 MiB + 1 read
     * first, 128 MiB of them at once.
     */
    public static final ConnectionLimits STANDARD = new ConnectionLimits(64, true, 2_000, Duration.ofSeconds(30),
            Duration.ofSeconds(5), 1024 * 1024 + 1, 128L * 1024 * 1024);

    /**
     * Connections the operating system may hold before Jetty accepts them (the listen backlog; Linux caps it at
     * {@code net.core.somaxconn}): the JDK's default of 50 drops connections in a burst.
     */
    static final int ACCEPT_QUEUE = 1024;

    /** Idle time after which a connection is closed while all {@code total} are open. */
    static final long SHED_IDLE_AT_LIMIT_MILLIS = 2_000;

    public ConnectionLimits {
        if (perAddress < 1 || total < 1 || bodyBytes < 1 || bodyBudgetBytes < bodyBytes || idleTimeout.isNegative() || idleTimeout.isZero()
                || readDeadline.isNegative() || readDeadline.isZero()) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
    }

    /** Listens on {@code host}:{@code port} (0 for any free port) with these limits. */
    public void applyTo(JavalinConfig config, String host, int port) {
        config.jetty.host = host;
        config.jetty.port = port;
        config.jetty.modifyServer(server -> {
            EagerContentHandler wholeBodyFirst = new EagerContentHandler(
                    new EagerContentHandler.RetainedContentLoaderFactory(bodyBytes, 0, false));
            // Too large by its own account: the route refuses it from Content-Length without reading it.
            wholeBodyFirst.exclude(request -> request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > bodyBytes);
            server.setHandler(new BodyBudget(wholeBodyFirst, bodyBytes, bodyBudgetBytes));
        });
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(host);
            connector.setPort(port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            // A bean, so that the connection factory adds it as a listener to every connection it makes.
            connector.addBean(new SlowConnectionCutoff(connector, perAddress, exemptLoopback, readDeadline));
            NetworkConnectionLimit limit = new NetworkConnectionLimit(total, connector);
            // At the limit, connections idle for 2 s are shed, so that held-open connections cannot keep
            // everyone else out for a whole idle timeout (issue 11 security review F2).
            limit.setEndPointIdleTimeout(Math.min(idleTimeout.toMillis(), SHED_IDLE_AT_LIMIT_MILLIS));
            server.addBean(limit);
            return connector;
        });
    }
}
