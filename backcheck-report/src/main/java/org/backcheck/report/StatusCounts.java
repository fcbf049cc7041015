package org.backcheck.report;

import org.backcheck.classify.Status;

/** Rows by status for one organisation, month or age band, or for a whole run. */
public record StatusCounts(long rows, long counted, long excluded, long unmatched, long rejected) {

    /** From counts indexed by {@link Status} ordinal. */
    public static StatusCounts of(long[] byStatus) {
        long c = byStatus[Status.COUNTED.ordinal()];
        long e = byStatus[Status.EXCLUDED.ordinal()];
        long u = byStatus[Status.UNMATCHED.ordinal()];
        long r = byStatus[Status.REJECTED.ordinal()];
        return new StatusCounts(c + e + u + r, c, e, u, r);
    }
}
