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
 * body. A connection that is idle, or waiting for its answer, is left alone. Logs counts only, never an
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

    /** What a connection had read at the last look. */
    private record Progress(long bytesIn, long requests) { }

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
        watched.put(connection, new Progress(connection.getBytesIn(), connection.getMessagesIn()));
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
            if (bytes != before.bytesIn() && requests == before.requests() && before.bytesIn() > 0) {
                c.getEndPoint().close();
                cut++;
            } else {
                watched.replace(c, before, new Progress(bytes, requests));
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

    private static InetAddress clientAddress(SocketChannel socket) {
        try {
            return socket.getRemoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
        } catch (IOException closed) {
            return null;
        }
    }
}
