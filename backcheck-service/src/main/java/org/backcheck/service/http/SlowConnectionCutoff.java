package org.backcheck.service.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.server.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a connector's connections: as it accepts one (a Jetty {@link SelectorManager.AcceptListener}), closes it
 * when its client address already has {@code perAddress} open; and (a {@link Connection.Listener}), every
 * {@code readDeadline}, closes each connection
 * on which bytes arrived since the last look while no new request began — a client trickling its headers or
 * body — and each that was part-way through the same request at two looks in a row, whether sending or
 * stalled (a stalled body would otherwise hold its share of the body budget until the idle timeout). A
 * connection that is idle between requests, or waiting for its answer, is left alone. Logs counts only, never an
 * address (see {@link ConnectionLimits}).
 */
final class SlowConnectionCutoff implements Connection.Listener, SelectorManager.AcceptListener {

    private static final Logger LOG = LoggerFactory.getLogger(SlowConnectionCutoff.class);

    private final Connector connector;
    private final int perAddress;
    private final boolean exemptLoopback;
    private final long periodMillis;
    private final Map<InetAddress, AtomicInteger> openPerAddress = new ConcurrentHashMap<>();
    private final Map<SelectableChannel, InetAddress> counted = new ConcurrentHashMap<>();
    private final Map<Connection, Progress> watched = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();

    /** What a connection had read at the last look, and whether it was then part-way through a request. */
    private record Progress(long bytesIn, long requests, boolean midRequest) { }

    SlowConnectionCutoff(Connector connector, int perAddress, boolean exemptLoopback, Duration readDeadline) {
        this.connector = connector;
        this.perAddress = perAddress;
        this.exemptLoopback = exemptLoopback;
        this.periodMillis = readDeadline.toMillis();
    }

    @Override
    public void onAccepted(SelectableChannel channel) {
        InetAddress address = channel instanceof SocketChannel socket ? clientAddress(socket) : null;
        if (address == null || exemptLoopback && address.isLoopbackAddress()) {
            return;
        }
        if (openPerAddress.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet() > perAddress) {
            release(address);
            refused.incrementAndGet();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket that cannot be closed: the selector's own clean-up follows
            }
            return;
        }
        counted.put(channel, address);
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        onClosed(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        InetAddress address = counted.remove(channel);
        if (address != null) {
            release(address);
        }
    }

    private void release(InetAddress address) {
        openPerAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    @Override
    public void onOpened(Connection connection) {
        watched.put(connection, new Progress(connection.getBytesIn(), connection.getMessagesIn(), midRequest(connection)));
        if (sweeping.compareAndSet(false, true)) {
            schedule();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        watched.remove(connection);
    }

    private void schedule() {
        try {
            connector.getScheduler().schedule(this::sweep, periodMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            sweeping.set(false);
        }
    }

    /** Closes the connections that received bytes since the last sweep without starting a request. */
    private void sweep() {
        int cut = 0;
        for (Map.Entry<Connection, Progress> e : watched.entrySet()) {
            Connection c = e.getKey();
            Progress before = e.getValue();
            long bytes = c.getBytesIn();
            long requests = c.getMessagesIn();
            boolean mid = midRequest(c);
            // Trickled: bytes keep coming but no new request starts. Stalled: part-way through the same
            // request at two looks in a row, sending or not (headers, or a body holding its share of the
            // body budget, left unfinished: issue 11 security review F1).
            boolean trickled = bytes != before.bytesIn() && requests == before.requests() && before.bytesIn() > 0;
            boolean stalled = mid && before.midRequest() && requests == before.requests();
            if (trickled || stalled) {
                c.getEndPoint().close();
                cut++;
            } else {
                watched.replace(c, before, new Progress(bytes, requests, mid));
            }
        }
        if (cut > 0) {
            LOG.warn("closed {} connection(s) still sending one request after {} ms", cut, periodMillis);
        }
        int over = refused.getAndSet(0);
        if (over > 0) {
            LOG.warn("closed {} new connection(s) from client addresses that already had {} open", over, perAddress);
        }
        if (connector.isRunning()) {
            schedule();
        } else {
            sweeping.set(false);
        }
    }

    /**
     * Whether the connection's parser is part-way through a request: its line, headers or body begun and
     * not finished. Between requests (START) and while a whole request is being handled (END) it is not.
     * Jetty's HTTP/1.1 connection is an internal class; for any other kind of connection this says no,
     * and only the trickle rule applies.
     */
    private static boolean midRequest(Connection c) {
        if (!(c instanceof org.eclipse.jetty.server.internal.HttpConnection http)) {
            return false;
        }
        HttpParser.State state = http.getParser().getState();
        return switch (state) {
            case START, END, CONTENT_END, CLOSE, CLOSED -> false;
            default -> true;
        };
    }

    /**
     * The address a client is counted under: an IPv4 address as it is; an IPv6 address by its /64 prefix,
     * which one host or network normally holds whole (RFC 4291 section 2.5.4; RFC 7421), so that it cannot
     * take a fresh share per address (issue 11 security review F2).
     */
    private static InetAddress clientAddress(SocketChannel socket) {
        try {
            if (!(socket.getRemoteAddress() instanceof InetSocketAddress inet)) {
                return null;
            }
            InetAddress address = inet.getAddress();
            if (address instanceof java.net.Inet6Address && !address.isLoopbackAddress()) {
                byte[] prefix = java.util.Arrays.copyOf(address.getAddress(), 16);
                java.util.Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix);
            }
            return address;
        } catch (IOException closed) {
            return null;
        }
    }
}
