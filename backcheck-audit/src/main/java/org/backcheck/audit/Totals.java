package org.backcheck.audit;

import java.util.Map;
import java.util.TreeMap;
import org.backcheck.classify.Status;

/** Running totals over all chunks, in file order. */
final class Totals {
    final long[] statusCounts = new long[Status.values().length];
    final long[] excludedByReason;
    long records;
    long blankLines;
    long policySensitive;
    long otherCounted;
    long otherExcluded;
    long matchLines;
    long rejectionLines;
    final RejectionKinds rejectionKinds = new RejectionKinds();
    final Map<String, Map<String, long[]>> byProviderMonth = new TreeMap<>();
    final Map<String, Map<String, long[]>> byCommissionerMonth = new TreeMap<>();
    final Map<String, Map<String, long[]>> bySpecialtyMonth = new TreeMap<>();

    Totals(int exclusions) {
        excludedByReason = new long[exclusions];
    }
}
