package org.backcheck.spark;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
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
import org.backcheck.extract.parquet.TextBuffer;
import org.backcheck.extract.parquet.TimeUnit;
import org.backcheck.extract.parquet.ValueText;

/**
 * A Parquet value, as Spark hands it over, as the text a CSV export of it would hold: Spark's value
 * objects mapped onto {@link ValueText}, the rule the single-machine audit's Parquet reader follows
 * too, so that a Parquet extract gets the answer its CSV export gets on either engine. Spark reads
 * timestamps to the microsecond, so their fractions have six digits.
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
            throw new UnreadableExtractException(ValueText.zonedDate(column, column, "a timestamp in UTC"));
        }
        boolean plain = type instanceof StringType || type instanceof ByteType || type instanceof ShortType
                || type instanceof IntegerType || type instanceof LongType || type instanceof DecimalType
                || type instanceof FloatType || type instanceof DoubleType || type instanceof BooleanType
                || type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType
                || type instanceof BinaryType;
        if (!plain) {
            throw new UnreadableExtractException(ValueText.noPlainText(column, type.simpleString()));
        }
    }

    /**
     * Whether a column is {@link ValueText#TWO_DIGIT_CODE} stored as a whole number, which is written
     * as the two-digit code it stands for (2 is '02'; see {@link #ofCode}).
     */
    static boolean isTwoDigitCode(String column, DataType type) {
        return ValueText.isTwoDigitCode(column)
                && (type instanceof ByteType || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType);
    }

    /** The text of a value of a column {@link #isTwoDigitCode} accepted (null for NULL). */
    static String ofCode(Object v) {
        if (v == null) {
            return null;
        }
        TextBuffer out = new TextBuffer();
        ValueText.twoDigitCode(((Number) v).longValue(), out);
        return out.toString();
    }

    /** The text of a value as Spark hands it over (null for NULL and NaN). */
    static String of(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        TextBuffer out = new TextBuffer();
        if (v instanceof Double d) {
            return ValueText.floating(d, out) ? out.toString() : null;
        }
        if (v instanceof Float f) {
            return ValueText.floating(f, out) ? out.toString() : null;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            ValueText.wholeNumber(((Number) v).longValue(), out);
        } else if (v instanceof Boolean b) {
            ValueText.bool(b, out);
        } else if (v instanceof BigDecimal b) {
            ValueText.decimal(b.unscaledValue(), b.scale(), out);
        } else if (v instanceof java.sql.Date d) {
            ValueText.date(d.toLocalDate().toEpochDay(), out);
        } else if (v instanceof LocalDate d) {
            ValueText.date(d.toEpochDay(), out);
        } else if (v instanceof LocalDateTime t) {
            ValueText.timestamp(micros(t.toEpochSecond(ZoneOffset.UTC), t.getNano()), TimeUnit.MICROS, false, out);
        } else if (v instanceof java.sql.Timestamp t) {
            instant(t.toInstant(), out);
        } else if (v instanceof Instant t) {
            instant(t, out);
        } else {
            throw new IllegalStateException("a Parquet value of an unexpected class: " + v.getClass().getName());
        }
        return out.toString();
    }

    private static void instant(Instant t, TextBuffer out) {
        ValueText.timestamp(micros(t.getEpochSecond(), t.getNano()), TimeUnit.MICROS, true, out);
    }

    /** Microseconds since 1970-01-01 00:00, Spark's precision. */
    private static long micros(long epochSecond, int nano) {
        return Math.addExact(Math.multiplyExact(epochSecond, 1_000_000L), nano / 1000);
    }
}
