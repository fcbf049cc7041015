package org.backcheck.service.cdshooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backcheck.service.cdshooks.SnomedTerminology.Answer;

/** ANSWERED results by (concept, groups), each until it expires, the oldest dropped past the size. */
final class TerminologyAnswerCache {

    /** {@code valueSets}: group name to implicit value-set URL, so equal groups share entries. */
    record Key(String conceptId, Map<String, String> valueSets) {
    }

    private record Entry(Answer answer, Instant expires) {
    }

    private final LinkedHashMap<Key, Entry> entries;

    TerminologyAnswerCache(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized Answer get(Key key, Instant now) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (!now.isBefore(e.expires())) {
            entries.remove(key);
            return null;
        }
        return e.answer();
    }

    synchronized void put(Key key, Answer answer, Instant expires) {
        entries.remove(key);
        entries.put(key, new Entry(answer, expires));
    }
}
