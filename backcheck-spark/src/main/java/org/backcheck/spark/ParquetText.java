package org.backcheck.spark;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.backcheck.extract.UnreadableExtractException;

/**
 * A Parquet value as the text a CSV export of it would hold, by the rules the single-machine
 * audit's Parquet reader follows, so that a Parquet extract gets the answer its CSV export gets:
 * text as it is; NULL as a missing value; whole numbers in decimal; DECIMAL with its places; DATE
 * as {@code yyyy-MM-dd}; a timestamp without time zone as {@code yyyy-MM-dd HH:mm:ss} (a fraction
 * only when there is one); a timestamp in UTC (Spark's TIMESTAMP, Parquet's INT96) as
 * {@code yyyy-MM-ddTHH:mm:ssZ}; floating-point numbers with a whole value as whole numbers
 * ({@code 45.0} is {@code 45}), NaN as NULL, others in plain decimal.
 */
final class ParquetText {

    private ParquetText() {
    }

    /**
     * Refuses a column whose type has no plain text (nested, interval, variant...), and a timestamp
     * in UTC as the appointment date, whose calendar day depends on a time zone the file does not record.
     */
    static void check(String column, DataType type, boolean appointmentDate) {
        if (type instanceof TimestampType && appointmentDate) {
            throw new UnreadableExtractException("the Parquet column " + column + " is a timestamp in UTC, so which day"
                    + " (and month) it falls on depends on a time zone the file does not say. Export it as a DATE"
                    + " (in Spark: to_date(" + column + ")) or as text.");
        }
        boolean plain = type instanceof StringType || type instanceof ByteType || type instanceof ShortType
                || type instanceof IntegerType || type instanceof LongType || type instanceof DecimalType
                || type instanceof FloatType || type instanceof DoubleType || type instanceof BooleanType
                || type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType
                || type instanceof BinaryType;
        if (!plain) {
            throw new UnreadableExtractException("the Parquet column " + column + " is " + type.simpleString()
                    + ", which has no plain text value to audit. Leave it out of the export, or export it as text.");
        }
    }

    /**
     * Whether a column is Administrative_Category stored as a whole number, which is written as the
     * two-digit code it stands for (2 is '02'), as backcheck audit's Parquet reader does and as SQL
     * Server would compare an int column with '02'.
     */
    static boolean isTwoDigitCode(String column, DataType type) {
        return column.equalsIgnoreCase("Administrative_Category")
                && (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType);
    }

    /** The text of a value as Spark hands it over (null for NULL and NaN). */
    static String of(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Double d) {
            return floating(d, Double.toString(d));
        }
        if (v instanceof Float f) {
            return floating(f, Float.toString(f));
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate() + " " + time(t.toLocalTime());
        }
        if (v instanceof java.sql.Timestamp t) {
            return instant(t.toInstant());
        }
        if (v instanceof Instant t) {
            return instant(t);
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v.toString(); // whole numbers and booleans
    }

    private static String floating(double v, String shortest) {
        if (Double.isNaN(v)) {
            return null;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e18) {
            return Long.toString((long) v);
        }
        return new BigDecimal(shortest).toPlainString();
    }

    private static String instant(Instant t) {
        LocalDateTime utc = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        return utc.toLocalDate() + "T" + time(utc.toLocalTime()) + "Z";
    }

    /** {@code HH:mm:ss}, then the microseconds (Spark's precision) when not 0. */
    private static String time(LocalTime t) {
        String s = String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        int micros = t.getNano() / 1000;
        return micros == 0 ? s : s + String.format(java.util.Locale.ROOT, ".%06d", micros);
    }
}
