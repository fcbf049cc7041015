package org.backcheck.audit.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.EnumLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.UUIDLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.backcheck.audit.Audit;
import org.backcheck.extract.Excerpt;
import org.backcheck.extract.UnreadableExtractException;

/**
 * How one Parquet column's values become the text of a CSV field, the text an analyst would see
 * in the warehouse: chosen once per column from its physical and logical type. A null is an empty
 * field (written by the caller); this writes the field of a value that is present.
 *
 * <table>
 * <caption>Types and their text</caption>
 * <tr><td>BINARY, FIXED_LEN_BYTE_ARRAY: STRING, ENUM, JSON or no annotation</td><td>the bytes as they are (UTF-8 text)</td></tr>
 * <tr><td>INT32, INT64 (and INT(8..64) annotations)</td><td>decimal: {@code 45}, {@code -3}; unsigned ones as unsigned</td></tr>
 * <tr><td>DECIMAL(p, s) on any physical type</td><td>plain decimal with s places: {@code 45}, {@code 12.50}</td></tr>
 * <tr><td>DATE</td><td>{@code yyyy-MM-dd}</td></tr>
 * <tr><td>TIMESTAMP, not adjusted to UTC</td><td>{@code yyyy-MM-dd HH:mm:ss}, then {@code .fff} (to the unit) when not 0</td></tr>
 * <tr><td>TIMESTAMP adjusted to UTC; INT96</td><td>{@code yyyy-MM-ddTHH:mm:ss[.f]Z}; refused for {@code Appointment_Date}</td></tr>
 * <tr><td>TIME</td><td>{@code HH:mm:ss[.f]}</td></tr>
 * <tr><td>BOOLEAN</td><td>{@code true}, {@code false}</td></tr>
 * <tr><td>FLOAT, DOUBLE</td><td>whole values as whole numbers ({@code 45.0} is {@code 45}), NaN as null, others in plain decimal</td></tr>
 * <tr><td>UUID</td><td>{@code 8-4-4-4-12} lower-case hex</td></tr>
 * </table>
 *
 * <p>Refused, naming the column: nested and repeated columns (structs, lists, maps) and the
 * annotations with no natural text (INTERVAL, BSON, FLOAT16, VARIANT, GEOMETRY, GEOGRAPHY, ...).
 */
@FunctionalInterface
interface ColumnText {

    /** Writes the reader's current value, which is not null, as one field. */
    void append(ColumnReader reader, CsvText out);

    static ColumnText of(Type field) {
        String name = field.getName();
        if (!field.isPrimitive()) {
            throw refused(name, "a nested group (a struct, list or map)");
        }
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            throw refused(name, "a repeated field (a list of values)");
        }
        PrimitiveType type = field.asPrimitiveType();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return decimal(type, decimal.getScale());
        }
        if (name.equalsIgnoreCase(TWO_DIGIT_CODE) && (logical == null || logical instanceof IntLogicalTypeAnnotation i && i.isSigned())
                && (type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32
                        || type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT64)) {
            return twoDigits(type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT32);
        }
        return switch (type.getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> bytes(name, type, logical);
            case INT32 -> int32(name, logical);
            case INT64 -> int64(name, logical);
            case INT96 -> instant(name, "INT96 (a legacy timestamp in UTC)", DateTimeText::int96);
            case BOOLEAN -> plain(name, logical, (r, out) -> out.field(r.getBoolean() ? "true" : "false"));
            case FLOAT -> plain(name, logical, (r, out) -> {
                float value = r.getFloat();
                if (!special(value, out)) {
                    out.field(new BigDecimal(Float.toString(value)).toPlainString());
                }
            });
            case DOUBLE -> plain(name, logical, (r, out) -> {
                double value = r.getDouble();
                if (!special(value, out)) {
                    out.field(new BigDecimal(Double.toString(value)).toPlainString());
                }
            });
        };
    }

    /**
     * Administrative_Category is a two-character code ('01' NHS, '02' private, ...), and the measure
     * compares it with the text '02'. Stored as a number, 2 stands for '02': SQL Server would compare an
     * int column with '02' as numbers (2 = 2), so the number is written with at least two digits, which
     * makes the text comparison agree with that for every value.
     */
    String TWO_DIGIT_CODE = "Administrative_Category";

    private static ColumnText twoDigits(boolean int32) {
        return (r, out) -> {
            long v = int32 ? r.getInteger() : r.getLong();
            out.field(v >= 0 && v < 10 ? "0" + v : Long.toString(v));
        };
    }

    private static ColumnText bytes(String name, PrimitiveType type, LogicalTypeAnnotation logical) {
        if (logical == null || logical instanceof StringLogicalTypeAnnotation || logical instanceof EnumLogicalTypeAnnotation
                || logical instanceof JsonLogicalTypeAnnotation) {
            return (r, out) -> out.field(r.getBinary());
        }
        if (logical instanceof UUIDLogicalTypeAnnotation && type.getTypeLength() == 16) {
            return (r, out) -> out.field(uuid(r.getBinary().getBytes()));
        }
        throw refused(name, type.getPrimitiveTypeName() + " " + logical);
    }

    private static ColumnText int32(String name, LogicalTypeAnnotation logical) {
        if (logical == null || logical instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
            return (r, out) -> out.field(r.getInteger());
        }
        if (logical instanceof IntLogicalTypeAnnotation) {
            return (r, out) -> out.field(Integer.toUnsignedLong(r.getInteger()));
        }
        if (logical instanceof DateLogicalTypeAnnotation) {
            return (r, out) -> DateTimeText.date(r.getInteger(), out);
        }
        if (logical instanceof TimeLogicalTypeAnnotation) {
            return (r, out) -> DateTimeText.time(r.getInteger() * 1_000_000L, 3, out);
        }
        throw refused(name, "INT32 " + logical);
    }

    private static ColumnText int64(String name, LogicalTypeAnnotation logical) {
        if (logical == null || logical instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
            return (r, out) -> out.field(r.getLong());
        }
        if (logical instanceof IntLogicalTypeAnnotation) {
            return (r, out) -> out.field(Long.toUnsignedString(r.getLong()));
        }
        if (logical instanceof TimestampLogicalTypeAnnotation ts) {
            DateTimeText.Unit unit = DateTimeText.Unit.of(ts.getUnit());
            if (ts.isAdjustedToUTC()) {
                return instant(name, "a TIMESTAMP adjusted to UTC", (r, out) -> DateTimeText.timestamp(r.getLong(), unit, true, out));
            }
            return (r, out) -> DateTimeText.timestamp(r.getLong(), unit, false, out);
        }
        if (logical instanceof TimeLogicalTypeAnnotation time) {
            DateTimeText.Unit unit = DateTimeText.Unit.of(time.getUnit());
            return (r, out) -> DateTimeText.time(r.getLong() * unit.nanos(), unit.digits(), out);
        }
        throw refused(name, "INT64 " + logical);
    }

    /**
     * A point in time in UTC. Fine as text, but not as the appointment date: its calendar date
     * depends on the time zone it was recorded in (midnight in London in summer is 23:00 UTC the
     * day before), which the file does not record, and the month tallies would shift.
     */
    private static ColumnText instant(String name, String what, ColumnText text) {
        if (name.equalsIgnoreCase(Audit.DATE_COLUMN)) {
            throw new UnreadableExtractException("the Parquet column " + Excerpt.of(name) + " is " + what + ", so its calendar date depends "
                    + "on a time zone the file does not record. Export it as a DATE (in Spark: to_date(" + name
                    + ")) or as text.");
        }
        return text;
    }

    private static ColumnText plain(String name, LogicalTypeAnnotation logical, ColumnText text) {
        if (logical != null) {
            throw refused(name, logical.toString());
        }
        return text;
    }

    private static ColumnText decimal(PrimitiveType type, int scale) {
        return switch (type.getPrimitiveTypeName()) {
            case INT32 -> (r, out) -> decimal(r.getInteger(), scale, out);
            case INT64 -> (r, out) -> decimal(r.getLong(), scale, out);
            default -> (r, out) -> out.field(new BigDecimal(new BigInteger(r.getBinary().getBytes()), scale).toPlainString());
        };
    }

    private static void decimal(long unscaled, int scale, CsvText out) {
        if (scale == 0) {
            out.field(unscaled);
        } else {
            out.field(BigDecimal.valueOf(unscaled, scale).toPlainString());
        }
    }

    /**
     * Writes a floating-point number that needs no decimal places, and returns true; false for
     * the others, which the caller writes in plain decimal (never in exponent form). pandas stores
     * a whole-number column with gaps as doubles (45.0, NaN), so a whole value is written as a
     * whole number ({@code 45}) and NaN as null.
     */
    private static boolean special(double value, CsvText out) {
        if (Double.isNaN(value)) {
            out.emptyField();
        } else if (Double.isInfinite(value)) {
            out.field(value > 0 ? "Infinity" : "-Infinity");
        } else if (value == Math.rint(value) && Math.abs(value) < 1e18) {
            out.field((long) value);
        } else {
            return false;
        }
        return true;
    }

    private static String uuid(byte[] b) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (b[i] & 0xff);
            low = low << 8 | (b[i + 8] & 0xff);
        }
        return new java.util.UUID(high, low).toString();
    }

    private static UnreadableExtractException refused(String name, String what) {
        return new UnreadableExtractException("the Parquet column " + Excerpt.of(name) + " is " + what + ", which has no plain text value "
                + "to audit. Leave it out of the export, or export it as text.");
    }
}
