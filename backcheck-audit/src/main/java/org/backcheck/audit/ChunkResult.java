package org.backcheck.audit;

import java.util.ArrayList;
import java.util.List;
import org.backcheck.classify.Outcome;
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
    /** By treatment function code: tallied only when the extract has the column. */
    final Tally specialties = new Tally();
    /** Offset where an unfinished record (inside a quoted field) starts, or -1 when the chunk ended cleanly. */
    int incompleteFrom = -1;

    ChunkResult(int exclusionCount) {
        excludedByReason = new long[exclusionCount];
    }

    /** The current record (the last counted in {@link #records}), rejected by the classifier. */
    void addRejection(String id, Outcome outcome) {
        StringBuilder fields = new StringBuilder();
        StringBuilder reasons = new StringBuilder();
        for (Outcome.Problem problem : outcome.problems()) {
            if (fields.length() > 0) {
                fields.append(';');
                reasons.append("; ");
            }
            fields.append(problem.field());
            reasons.append(problem.reason());
        }
        rejections.add(new Rejection((int) records, id, fields.toString(), reasons.toString()));
    }

    /** The current record, counted or excluded; {@code exclusions} are the measure's, in order. */
    void addMatch(String id, Outcome outcome, List<org.backcheck.measure.Exclusion> exclusions) {
        Status status = outcome.status();
        if (outcome.policySensitive()) {
            policySensitive++;
        }
        boolean otherCounts = outcome.policySensitive() ? status != Status.COUNTED : status == Status.COUNTED;
        if (otherCounts) {
            otherPolicyCounted++;
        } else {
            otherPolicyExcluded++;
        }
        for (String reason : outcome.reasons()) {
            excludedByReason[exclusionIndex(reason, exclusions)]++;
        }
        matches.add(new Match((int) records, id, status, String.join(";", outcome.reasons()),
                String.join(";", outcome.matchedCodes())));
    }

    private static int exclusionIndex(String reason, List<org.backcheck.measure.Exclusion> exclusions) {
        for (int i = 0; i < exclusions.size(); i++) {
            if (exclusions.get(i).name().equals(reason)) {
                return i;
            }
        }
        throw new IllegalStateException("unknown exclusion " + reason);
    }
}
