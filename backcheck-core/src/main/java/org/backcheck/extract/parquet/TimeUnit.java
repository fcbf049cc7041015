package org.backcheck.extract.parquet;

/**
 * The unit of a Parquet TIME or TIMESTAMP value (the format's LogicalTypes.md, "Temporal Types"):
 * how many nanoseconds one holds, and how many digits its fraction of a second has.
 */
public enum TimeUnit {
    MILLIS(1_000_000L, 3), MICROS(1_000L, 6), NANOS(1L, 9);

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final long nanos;
    private final int digits;

    TimeUnit(long nanos, int digits) {
        this.nanos = nanos;
        this.digits = digits;
    }

    /** Nanoseconds in one unit. */
    public long nanos() {
        return nanos;
    }

    /** Digits of a fraction of a second in this unit. */
    public int digits() {
        return digits;
    }

    /** Units in a day. */
    long perDay() {
        return NANOS_PER_DAY / nanos;
    }
}
