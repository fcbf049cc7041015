package org.backcheck.audit.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDate;
import java.time.LocalTime;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;

/**
 * Parquet's dates, times and timestamps as text: {@code yyyy-MM-dd}, {@code HH:mm:ss} and
 * {@code yyyy-MM-dd HH:mm:ss}, with a fraction of a second only when it is not 0 (as many digits as
 * the unit has), and {@code T...Z} for points in time in UTC. Years outside 0000 to 9999 are
 * written as {@link LocalDate#toString()} writes them ({@code +10000-01-01}), which no reader
 * takes for a usual date.
 */
final class DateTimeText {

    /** Days from the Julian day number to 1970-01-01, for INT96 timestamps. */
    private static final long JULIAN_EPOCH_DAY = 2_440_588;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private DateTimeText() {
    }

    /** A timestamp's unit: nanoseconds in one, and the digits of its fraction of a second. */
    enum Unit {
        MILLIS(1_000_000L, 3), MICROS(1_000L, 6), NANOS(1L, 9);

        private final long nanos;
        private final int digits;

        Unit(long nanos, int digits) {
            this.nanos = nanos;
            this.digits = digits;
        }

        static Unit of(TimeUnit unit) {
            return switch (unit) {
                case MILLIS -> MILLIS;
                case MICROS -> MICROS;
                case NANOS -> NANOS;
            };
        }

        long nanos() {
            return nanos;
        }

        int digits() {
            return digits;
        }

        long perDay() {
            return NANOS_PER_DAY / nanos;
        }
    }

    /** A DATE: days since 1970-01-01. */
    static void date(long epochDay, CsvText out) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        if (d.getYear() < 0 || d.getYear() > 9999) {
            out.field(d.toString());
            return;
        }
        out.startField(10);
        appendDate(d, out);
    }

    /** A TIMESTAMP: {@code value} units since 1970-01-01 00:00 (in UTC when {@code utc}). */
    static void timestamp(long value, Unit unit, boolean utc, CsvText out) {
        long day = Math.floorDiv(value, unit.perDay());
        long nanoOfDay = Math.floorMod(value, unit.perDay()) * unit.nanos();
        dateTime(day, nanoOfDay, unit.digits(), utc, out);
    }

    /** An INT96 timestamp: 8 bytes of nanoseconds in the day, then 4 of the Julian day, little-endian. */
    static void int96(ColumnReader reader, CsvText out) {
        ByteBuffer b = reader.getBinary().toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanoOfDay = b.getLong(b.position());
        long julianDay = Integer.toUnsignedLong(b.getInt(b.position() + 8));
        dateTime(julianDay - JULIAN_EPOCH_DAY + Math.floorDiv(nanoOfDay, NANOS_PER_DAY),
                Math.floorMod(nanoOfDay, NANOS_PER_DAY), 9, true, out);
    }

    /** A TIME: nanoseconds since midnight. */
    static void time(long nanoOfDay, int digits, CsvText out) {
        out.startField(18);
        appendTime(nanoOfDay, digits, out);
    }

    private static void dateTime(long epochDay, long nanoOfDay, int digits, boolean utc, CsvText out) {
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        if (d.getYear() < 0 || d.getYear() > 9999) {
            out.field(d + (utc ? "T" : " ") + LocalTime.ofNanoOfDay(nanoOfDay) + (utc ? "Z" : ""));
            return;
        }
        out.startField(32);
        appendDate(d, out);
        out.append(utc ? 'T' : ' ');
        appendTime(nanoOfDay, digits, out);
        if (utc) {
            out.append('Z');
        }
    }

    private static void appendDate(LocalDate d, CsvText out) {
        out.appendPadded(d.getYear(), 4);
        out.append('-');
        out.appendPadded(d.getMonthValue(), 2);
        out.append('-');
        out.appendPadded(d.getDayOfMonth(), 2);
    }

    private static void appendTime(long nanoOfDay, int digits, CsvText out) {
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
}
