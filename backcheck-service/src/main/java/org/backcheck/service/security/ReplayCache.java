package org.backcheck.service.security;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The {@code (iss, jti)} pairs of tokens already accepted, each kept until the token could no longer
 * be accepted anyway (its {@code exp} plus the clock skew). Bounded: past {@code maxEntries}, the
 * entry closest to expiry is dropped first, so a flood of valid tokens costs memory in proportion to
 * the bound and weakens replay protection only for the token about to expire. Only tokens whose
 * signature already verified reach this cache, so only a trusted issuer can fill it. Thread-safe.
 */
final class ReplayCache {

    private record Key(String issuer, String jti) {}

    private record Entry(Key key, Instant until) {}

    private final int maxEntries;
    private final Map<Key, Instant> seen = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry = new PriorityQueue<>(Comparator.comparing(Entry::until));

    ReplayCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Records a token; false if the same issuer's {@code jti} was recorded before and has not yet
     * been purged.
     *
     * @param until keep the entry until this instant
     * @param now   the current time, for purging
     */
    synchronized boolean firstUse(String issuer, String jti, Instant until, Instant now) {
        purge(now);
        Key key = new Key(issuer, jti);
        if (seen.containsKey(key)) {
            return false;
        }
        while (seen.size() >= maxEntries) {
            Entry oldest = byExpiry.poll();
            seen.remove(oldest.key(), oldest.until());
        }
        seen.put(key, until);
        byExpiry.add(new Entry(key, until));
        return true;
    }

    synchronized int size() {
        return seen.size();
    }

    private void purge(Instant now) {
        while (!byExpiry.isEmpty() && !byExpiry.peek().until().isAfter(now)) {
            Entry e = byExpiry.poll();
            seen.remove(e.key(), e.until());
        }
    }
}
