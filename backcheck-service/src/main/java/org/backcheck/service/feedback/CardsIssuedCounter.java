package org.backcheck.service.feedback;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the cards each CDS service returns and writes the totals to the {@link FeedbackStore}
 * in the background, once per interval and on close. Why not a write per hook call: a durable
 * database write on the request path made the service wait on the disk (measured with
 * bench/cds-load.sh: about 240 requests/s, the server mostly idle). The cost of batching: a crash
 * loses at most one interval of this statistic; feedback itself is still written as it arrives.
 */
public final class CardsIssuedCounter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CardsIssuedCounter.class);

    private final FeedbackStore store;
    private final Clock clock;
    private final Map<String, LongAdder> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    public CardsIssuedCounter(FeedbackStore store, Clock clock, Duration every) {
        this.store = store;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backcheck-cards-issued");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        flusher.scheduleWithFixedDelay(this::flush, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Counts {@code cards} returned by {@code serviceId}; never blocks on the database. */
    public void add(String serviceId, int cards) {
        if (cards > 0) {
            pending.computeIfAbsent(serviceId, id -> new LongAdder()).add(cards);
        }
    }

    /** Writes what has been counted since the last flush. */
    public synchronized void flush() {
        Instant now = Instant.now(clock);
        for (Map.Entry<String, LongAdder> e : pending.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n == 0) {
                continue;
            }
            try {
                store.recordCardsIssued(e.getKey(), (int) Math.min(n, Integer.MAX_VALUE), now);
            } catch (RuntimeException failure) {
                e.getValue().add(n); // keep it for the next try
                LOG.warn("could not record cards issued ({}); will retry", failure.getClass().getSimpleName());
            }
        }
    }

    /** Stops the background writer and writes what is left. */
    @Override
    public void close() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
