package org.backcheck.audit;

import java.util.ArrayList;
import java.util.List;
import org.backcheck.classify.Status;

/** What scanning one chunk produced. Row numbers are local to the chunk (1-based). */
final class ChunkResult {

    /** A counted or excluded row, for matches.csv. */
    record Match(int row, String id, Status status, String reason, String codes) { }

    /** A rejected row, for rejected.csv. */
    record Rejection(int row, String id, String field, String reason) { }

    final long[] statusCounts = new long[Status.values().length];
    final long[] excludedByReason;
    long records;
    long blankLines;
    long policySensitive;
    /** Counted and excluded under the other NULL policy, for the comparison in the summary. */
    long otherPolicyCounted;
    long otherPolicyExcluded;
    final List<Match> matches = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();
    final Tally providers = new Tally();
    final Tally commissioners = new Tally();
    /** Offset where an unfinished record (inside a quoted field) starts, or -1 when the chunk ended cleanly. */
    int incompleteFrom = -1;

    ChunkResult(int exclusionCount) {
        excludedByReason = new long[exclusionCount];
    }
}
