package org.backcheck.extract.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * A Parquet value as the text a CSV export of it would hold, so that a Parquet extract gets the
 * answer its CSV export gets, whichever engine reads it. The one statement of the rule: each engine
 * maps its own type objects (parquet-mr's column types, Spark's DataTypes) onto these methods, and
 * writes a null as a missing value. Types follow the Parquet format's LogicalTypes.md.
 *
 * <table>
 * <caption>Types and their text</caption>
 * <tr><td>text (STRING, ENUM, JSON, plain binary)</td><td>the bytes as they are</td></tr>
 * <tr><td>whole numbers</td><td>decimal: {@code 45}, {@code -3}; unsigned ones as unsigned</td></tr>
 * <tr><td>DECIMAL(p, s)</td><td>plain decimal with s places: {@code 45}, {@code 12.50}</td></tr>
 * <tr><td>DATE</td><td>{@code yyyy-MM-dd}</td></tr>
 * <tr><td>TIMESTAMP, not adjusted to UTC</td><td>{@code yyyy-MM-dd HH:mm:ss}, then {@code .fff} (as many digits as the unit has) when not 0</td></tr>
 * <tr><td>TIMESTAMP adjusted to UTC; INT96</td><td>{@code yyyy-MM-ddTHH:mm:ss[.f]Z}</td></tr>
 * <tr><td>TIME</td><td>{@code HH:mm:ss[.f]}</td></tr>
 * <tr><td>BOOLEAN</td><td>{@code true}, {@code false}</td></tr>
 * <tr><td>FLOAT, DOUBLE</td><td>whole values as whole numbers ({@code 45.0} is {@code 45}), NaN as null, others in plain decimal</td></tr>
 * <tr><td>UUID</td><td>{@code 8-4-4-4-12} lower-case hex</td></tr>
 * </table>
 *
 * <p>Years outside 0000 to 9999 are written as {@link LocalDate#toString()} writes them
 * ({@code +10000-01-01}), which no reader takes for a usual date. Every method appends to
 * {@code out}, which the caller has cleared.
 */
public final class ValueText {

    /**
     * Administrative_Category is a two-character code ('01' NHS, '02' private, ...), and the measure
     * compares it with the text '02'. Stored as a number, 2 stands for '02': SQL Server would compare an
     * int column with '02' as numbers (2 = 2), so such a number is written with at least two digits
     * ({@link #twoDigitCode}), which makes the text comparison agree with that for every value.
     */
    public static final String TWO_DIGIT_CODE = "Administrative_Category";

    /** Days from the Julian day number 0 to 1970-01-01, for INT96 timestamps. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private ValueText() {
    }

    /** A whole number, signed. */
    public static void wholeNumber(long value, TextBuffer out) {
        out.appendDigits(value);
    }

    /** A whole number stored unsigned in 64 bits. */
    public static void unsignedWholeNumber(long value, TextBuffer out) {
        if (value >= 0) {
            out.appendDigits(value);
        } else {
            out.appendAscii(Long.toUnsignedString(value));
        }
    }

    /**
     * Whether {@code column} is {@link #TWO_DIGIT_CODE}, whose whole-number values (signed or
     * unsigned, of any width) both engines write as two-digit codes: the one decision, so that the
     * engines cannot count the same file differently.
     */
    public static boolean isTwoDigitCode(String column) {
        return column.equalsIgnoreCase(TWO_DIGIT_CODE);
    }

    /** {@link #twoDigitCode} of an unsigned 64-bit value (above {@code Long.MAX_VALUE} when negative as a long). */
    public static void twoDigitCodeUnsigned(long value, TextBuffer out) {
        if (value >= 0) {
            twoDigitCode(value, out);
        } else {
            out.appendAscii(Long.toUnsignedString(value));
        }
    }

    /** A whole number in {@link #TWO_DIGIT_CODE}: 0 to 9 with a leading zero. */
    public static void twoDigitCode(long value, TextBuffer out) {
        if (value >= 0 && value < 10) {
            out.append('0');
        }
        out.appendDigits(value);
    }

    /** A DECIMAL from its unscaled value and scale. */
    public static void decimal(long unscaled, int scale, TextBuffer out) {
        if (scale == 0) {
            out.appendDigits(unscaled);
        } else {
            out.appendAscii(BigDecimal.valueOf(unscaled, scale).toPlainString());
        }
    }

    /**
     * The widest DECIMAL read: 38 digits, as SQL Server, Spark and DuckDB hold. Parquet itself sets no
     * bound, and a wider declaration could make one small value a cell of any length
     * ({@code DECIMAL(3e8, 3e8)} writes 1 as three hundred million digits).
     */
    public static final int MAX_DECIMAL_PRECISION = 38;
    /** Bytes of an unscaled DECIMAL value of at most {@link #MAX_DECIMAL_PRECISION} digits. */
    public static final int MAX_DECIMAL_BYTES = 16;

    /** Whether a DECIMAL(precision, scale) column is read: null when it is, else why not (for {@link #noPlainText}). */
    public static String decimalRefusal(int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
            return "DECIMAL(" + precision + ", " + scale + "), wider than the " + MAX_DECIMAL_PRECISION
                    + " digits SQL Server, Spark and DuckDB hold";
        }
        return null;
    }

    /**
     * Why one unscaled DECIMAL value of {@code bytes} bytes is refused (longer than a
     * {@link #MAX_DECIMAL_PRECISION}-digit value can be), or null.
     */
    public static String decimalValueRefusal(String column, int bytes) {
        return bytes <= MAX_DECIMAL_BYTES ? null : "the Parquet column " + column + " holds a DECIMAL value of " + bytes
                + " bytes, longer than its declared precision allows (at most " + MAX_DECIMAL_BYTES + "): the file is damaged."
                + " Export the column again, or as text.";
    }

    /** A DECIMAL too wide for a long (at most {@link #MAX_DECIMAL_BYTES} bytes, see {@link #decimalValueRefusal}). */
    public static void decimal(BigInteger unscaled, int scale, TextBuffer out) {
        out.appendAscii(new BigDecimal(unscaled, scale).toPlainString());
    }

    public static void bool(boolean value, TextBuffer out) {
        out.appendAscii(value ? "true" : "false");
    }

    /** A DOUBLE; false, with nothing written, for NaN, which is a null. */
    public static boolean floating(double value, TextBuffer out) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (!wholeOrInfinite(value, out)) {
            out.appendAscii(new BigDecimal(Double.toString(value)).toPlainString());
        }
        return true;
    }

    /** A FLOAT, from the shortest decimal that is that float; false, with nothing written, for NaN. */
    public static boolean floating(float value, TextBuffer out) {
        if (Float.isNaN(value)) {
            return false;
        }
        if (!wholeOrInfinite(value, out)) {
            out.appendAscii(new BigDecimal(Float.toString(value)).toPlainString());
        }
        return true;
    }

    /**
     * Writes an infinity, or a value that needs no decimal places, and returns true; false for the
     * others, which the caller writes in plain decimal (never in exponent form). pandas stores a
     * whole-number column with gaps as doubles (45.0, NaN), so a whole value is a whole number.
     */
    private static boolean wholeOrInfinite(double value, TextBuffer out) {
        if (Double.isInfinite(value)) {
            out.appendAscii(value > 0 ? "Infinity" : "-Infinity");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e18) {
            out.appendDigits((long) value);
        } else {
            return false;
        }
        return true;
    }

    /** A UUID from its 16 bytes, most significant first, at {@code b[offset]}. */
    public static void uuid(byte[] b, int offset, TextBuffer out) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (b[offset + i] & 0xff);
            low = low << 8 | (b[offset + i + 8] & 0xff);
        }
        out.appendAscii(new java.util.UUID(high, low).toString());
    }

    /** A DATE: days since 1970-01-01. */
    public static void date(long epochDay, TextBuffer out) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        if (d.getYear() < 0 || d.getYear() > 9999) {
            out.appendAscii(d.toString());
        } else {
            appendDate(d, out);
        }
    }

    /** A TIMESTAMP: {@code value} units since 1970-01-01 00:00 (in UTC when {@code utc}). */
    public static void timestamp(long value, TimeUnit unit, boolean utc, TextBuffer out) {
        long day = Math.floorDiv(value, unit.perDay());
        long nanoOfDay = Math.floorMod(value, unit.perDay()) * unit.nanos();
        dateTime(day, nanoOfDay, unit.digits(), utc, out);
    }

    /**
     * An INT96 timestamp (the legacy one Spark and Impala write, in UTC), from its two parts: the
     * nanoseconds in the day (its first 8 bytes, little-endian) and the Julian day number (the last
     * 4, unsigned).
     */
    public static void int96(long nanoOfDay, long julianDay, TextBuffer out) {
        dateTime(julianDay - JULIAN_EPOCH_DAY + Math.floorDiv(nanoOfDay, NANOS_PER_DAY),
                Math.floorMod(nanoOfDay, NANOS_PER_DAY), 9, true, out);
    }

    /** A TIME: {@code value} units since midnight. */
    public static void time(long value, TimeUnit unit, TextBuffer out) {
        appendTime(value * unit.nanos(), unit.digits(), out);
    }

    private static void dateTime(long epochDay, long nanoOfDay, int digits, boolean utc, TextBuffer out) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        if (d.getYear() < 0 || d.getYear() > 9999) {
            out.appendAscii(d + (utc ? "T" : " ") + LocalTime.ofNanoOfDay(nanoOfDay) + (utc ? "Z" : ""));
            return;
        }
        appendDate(d, out);
        out.append(utc ? 'T' : ' ');
        appendTime(nanoOfDay, digits, out);
        if (utc) {
            out.append('Z');
        }
    }

    private static void appendDate(LocalDate d, TextBuffer out) {
        out.appendPadded(d.getYear(), 4);
        out.append('-');
        out.appendPadded(d.getMonthValue(), 2);
        out.append('-');
        out.appendPadded(d.getDayOfMonth(), 2);
    }

    /** {@code HH:mm:ss}, then {@code .} and {@code digits} digits of the fraction of a second when it is not 0. */
    private static void appendTime(long nanoOfDay, int digits, TextBuffer out) {
        long seconds = nanoOfDay / 1_000_000_000L;
        long fraction = nanoOfDay % 1_000_000_000L;
        out.appendPadded(seconds / 3600, 2);
        out.append(':');
        out.appendPadded(seconds / 60 % 60, 2);
        out.append(':');
        out.appendPadded(seconds % 60, 2);
        if (fraction != 0) {
            out.append('.');
            out.appendPadded(fraction / pow10(9 - digits), digits);
        }
    }

    private static long pow10(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /**
     * Why a column is refused: its type ({@code what}) has no plain text. For nested and repeated
     * columns and types such as INTERVAL or VARIANT.
     *
     * @param column the column's name as a message may show it
     */
    public static String noPlainText(String column, String what) {
        return "the Parquet column " + column + " is " + what + ", which has no plain text value to audit. "
                + "Leave it out of the export, or export it as text.";
    }

    /**
     * Why a point in time (a timestamp in UTC, {@code what}) is refused as the appointment date:
     * fine as text, but its calendar date depends on the time zone it was recorded in (midnight in
     * London in summer is 23:00 UTC the day before), which the file does not record, and the month
     * tallies would shift.
     *
     * @param shown the column's name as a message may show it
     * @param name  the column's name, for the Spark expression that fixes it
     */
    public static String zonedDate(String shown, String name, String what) {
        return "the Parquet column " + shown + " is " + what + ", so its calendar date depends on a time zone the file "
                + "does not record. Export it as a DATE (in Spark: to_date(" + name + ")) or as text.";
    }
}
