package org.backcheck.audit.parquet;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.backcheck.audit.Audit;
import org.backcheck.extract.Excerpt;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.extract.parquet.TextBuffer;
import org.backcheck.extract.parquet.TimeUnit;
import org.backcheck.extract.parquet.ValueText;

/**
 * How one Parquet column's present values become text: parquet-mr's physical and logical types
 * mapped onto {@link ValueText}, the rule both engines share, chosen once per column. Text columns
 * (BINARY or FIXED_LEN_BYTE_ARRAY as STRING, ENUM, JSON or unannotated) are not written here: their
 * bytes are the text ({@link #isText()}).
 *
 * <p>Refused, naming the column: nested and repeated columns (structs, lists, maps) and the
 * annotations with no natural text (INTERVAL, BSON, FLOAT16, VARIANT, GEOMETRY, GEOGRAPHY, ...);
 * and a point in time in UTC as {@code Appointment_Date}, whose calendar date depends on a time zone.
 */
@FunctionalInterface
interface ColumnText {

    /** A text column: its bytes as they are. */
    ColumnText TEXT = (r, out) -> {
        throw new IllegalStateException("text columns are read as bytes");
    };

    /** Writes the reader's current value, which is not null; false when it stands for a null (NaN). */
    boolean write(ColumnReader reader, TextBuffer out);

    default boolean isText() {
        return this == TEXT;
    }

    static ColumnText of(Type field) {
        String name = field.getName();
        if (!field.isPrimitive()) {
            throw refused(name, "a nested group (a struct, list or map)");
        }
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            throw refused(name, "a repeated field (a list of values)");
        }
        PrimitiveType type = field.asPrimitiveType();
        PrimitiveTypeName physical = type.getPrimitiveTypeName();
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            String refusal = ValueText.decimalRefusal(decimal.getPrecision(), decimal.getScale());
            if (refusal != null) {
                throw refused(name, refusal);
            }
            return decimal(name, physical, decimal.getScale());
        }
        if (ValueText.isTwoDigitCode(name) && (logical == null || logical instanceof IntLogicalTypeAnnotation)
                && (physical == PrimitiveTypeName.INT32 || physical == PrimitiveTypeName.INT64)) {
            boolean unsigned = logical instanceof IntLogicalTypeAnnotation i && !i.isSigned();
            if (physical == PrimitiveTypeName.INT32) {
                return unsigned ? written((r, out) -> ValueText.twoDigitCode(Integer.toUnsignedLong(r.getInteger()), out))
                        : written((r, out) -> ValueText.twoDigitCode(r.getInteger(), out));
            }
            return unsigned ? written((r, out) -> ValueText.twoDigitCodeUnsigned(r.getLong(), out))
                    : written((r, out) -> ValueText.twoDigitCode(r.getLong(), out));
        }
        return switch (physical) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> bytes(name, type, logical);
            case INT32 -> int32(name, logical);
            case INT64 -> int64(name, logical);
            case INT96 -> instant(name, "INT96 (a legacy timestamp in UTC)", written(ColumnText::int96));
            case BOOLEAN -> plain(name, logical, written((r, out) -> ValueText.bool(r.getBoolean(), out)));
            case FLOAT -> plain(name, logical, (r, out) -> ValueText.floating(r.getFloat(), out));
            case DOUBLE -> plain(name, logical, (r, out) -> ValueText.floating(r.getDouble(), out));
        };
    }

    /** A value that is always present once written. */
    private static ColumnText written(Writer w) {
        return (r, out) -> {
            w.write(r, out);
            return true;
        };
    }

    /** Writes a value that cannot stand for a null. */
    @FunctionalInterface
    interface Writer {
        void write(ColumnReader reader, TextBuffer out);
    }

    private static ColumnText bytes(String name, PrimitiveType type, LogicalTypeAnnotation logical) {
        if (logical == null || logical instanceof StringLogicalTypeAnnotation || logical instanceof EnumLogicalTypeAnnotation
                || logical instanceof JsonLogicalTypeAnnotation) {
            return TEXT;
        }
        if (logical instanceof UUIDLogicalTypeAnnotation && type.getTypeLength() == 16) {
            return written((r, out) -> ValueText.uuid(r.getBinary().getBytes(), 0, out));
        }
        throw refused(name, type.getPrimitiveTypeName() + " " + logical);
    }

    private static ColumnText int32(String name, LogicalTypeAnnotation logical) {
        if (logical == null || logical instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
            return written((r, out) -> ValueText.wholeNumber(r.getInteger(), out));
        }
        if (logical instanceof IntLogicalTypeAnnotation) {
            return written((r, out) -> ValueText.wholeNumber(Integer.toUnsignedLong(r.getInteger()), out));
        }
        if (logical instanceof DateLogicalTypeAnnotation) {
            return written((r, out) -> ValueText.date(r.getInteger(), out));
        }
        if (logical instanceof TimeLogicalTypeAnnotation) {
            return written((r, out) -> ValueText.time(r.getInteger(), TimeUnit.MILLIS, out));
        }
        throw refused(name, "INT32 " + logical);
    }

    private static ColumnText int64(String name, LogicalTypeAnnotation logical) {
        if (logical == null || logical instanceof IntLogicalTypeAnnotation i && i.isSigned()) {
            return written((r, out) -> ValueText.wholeNumber(r.getLong(), out));
        }
        if (logical instanceof IntLogicalTypeAnnotation) {
            return written((r, out) -> ValueText.unsignedWholeNumber(r.getLong(), out));
        }
        if (logical instanceof TimestampLogicalTypeAnnotation ts) {
            TimeUnit unit = unit(ts.getUnit());
            if (ts.isAdjustedToUTC()) {
                return instant(name, "a TIMESTAMP adjusted to UTC", written((r, out) -> ValueText.timestamp(r.getLong(), unit, true, out)));
            }
            return written((r, out) -> ValueText.timestamp(r.getLong(), unit, false, out));
        }
        if (logical instanceof TimeLogicalTypeAnnotation time) {
            TimeUnit unit = unit(time.getUnit());
            return written((r, out) -> ValueText.time(r.getLong(), unit, out));
        }
        throw refused(name, "INT64 " + logical);
    }

    private static TimeUnit unit(LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> TimeUnit.MILLIS;
            case MICROS -> TimeUnit.MICROS;
            case NANOS -> TimeUnit.NANOS;
        };
    }

    /** INT96: 8 bytes of nanoseconds in the day, then 4 of the Julian day, little-endian. */
    private static void int96(ColumnReader reader, TextBuffer out) {
        ByteBuffer b = reader.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        ValueText.int96(b.getLong(b.position()), Integer.toUnsignedLong(b.getInt(b.position() + 8)), out);
    }

    /** A point in time in UTC: fine as text, but not as the appointment date (see {@link ValueText#zonedDate}). */
    private static ColumnText instant(String name, String what, ColumnText text) {
        if (name.equalsIgnoreCase(Audit.DATE_COLUMN)) {
            throw new UnreadableExtractException(ValueText.zonedDate(Excerpt.of(name), name, what));
        }
        return text;
    }

    private static ColumnText plain(String name, LogicalTypeAnnotation logical, ColumnText text) {
        if (logical != null) {
            throw refused(name, logical.toString());
        }
        return text;
    }

    private static ColumnText decimal(String name, PrimitiveTypeName physical, int scale) {
        return switch (physical) {
            case INT32 -> written((r, out) -> ValueText.decimal(r.getInteger(), scale, out));
            case INT64 -> written((r, out) -> ValueText.decimal(r.getLong(), scale, out));
            default -> written((r, out) -> {
                org.apache.parquet.io.api.Binary unscaled = r.getBinary();
                String refusal = ValueText.decimalValueRefusal(Excerpt.of(name), unscaled.length());
                if (refusal != null) {
                    throw new UnreadableExtractException(refusal);
                }
                ValueText.decimal(new BigInteger(unscaled.getBytes()), scale, out);
            });
        };
    }

    private static UnreadableExtractException refused(String name, String what) {
        return new UnreadableExtractException(ValueText.noPlainText(Excerpt.of(name), what));
    }
}
