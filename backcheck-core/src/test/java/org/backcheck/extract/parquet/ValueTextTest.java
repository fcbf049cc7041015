package org.backcheck.extract.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one rule for a Parquet value's text, type by type, as both engines use it. The values are
 * those a CSV export of the same column holds (see the table in {@link ValueText}).
 */
class ValueTextTest {

    private static String text(Consumer<TextBuffer> write) {
        TextBuffer out = new TextBuffer();
        out.append("leftover");
        out.clear();
        write.accept(out);
        return out.toString();
    }

    @Test
    void wholeNumbersSignedUnsignedAndAsTheTwoDigitCode() {
        assertThat(text(o -> ValueText.wholeNumber(45, o))).isEqualTo("45");
        assertThat(text(o -> ValueText.wholeNumber(-3, o))).isEqualTo("-3");
        assertThat(text(o -> ValueText.wholeNumber(Long.MIN_VALUE, o))).isEqualTo("-9223372036854775808");
        assertThat(text(o -> ValueText.unsignedWholeNumber(-1L, o))).isEqualTo("18446744073709551615");
        assertThat(text(o -> ValueText.unsignedWholeNumber(7, o))).isEqualTo("7");
        assertThat(text(o -> ValueText.twoDigitCode(2, o))).isEqualTo("02");
        assertThat(text(o -> ValueText.twoDigitCode(0, o))).isEqualTo("00");
        assertThat(text(o -> ValueText.twoDigitCode(12, o))).isEqualTo("12");
        assertThat(text(o -> ValueText.twoDigitCode(-2, o))).isEqualTo("-2");
    }

    @Test
    void theTwoDigitCodeIsOneDecisionForEveryWholeNumberWidthSignedOrNot() {
        assertThat(ValueText.isTwoDigitCode("administrative_category")).isTrue();
        assertThat(ValueText.isTwoDigitCode("Der_Procedure_All")).isFalse();
        assertThat(text(out -> ValueText.twoDigitCodeUnsigned(2, out))).isEqualTo("02");
        assertThat(text(out -> ValueText.twoDigitCodeUnsigned(-1, out))).isEqualTo("18446744073709551615");
    }

    @Test
    void decimalsWiderThan38DigitsAndOverlongValuesAreRefused() {
        assertThat(ValueText.decimalRefusal(38, 38)).isNull();
        assertThat(ValueText.decimalRefusal(10, 2)).isNull();
        assertThat(ValueText.decimalRefusal(39, 0)).contains("DECIMAL(39, 0)");
        assertThat(ValueText.decimalRefusal(300_000_000, 300_000_000)).contains("wider than the 38 digits");
        assertThat(ValueText.decimalRefusal(5, 6)).isNotNull();
        assertThat(ValueText.decimalValueRefusal("Age", 16)).isNull();
        assertThat(ValueText.decimalValueRefusal("Age", 17)).contains("Age").contains("17 bytes");
    }

    @Test
    void decimalsWithTheirPlacesFromTheUnscaledValue() {
        assertThat(text(o -> ValueText.decimal(45, 0, o))).isEqualTo("45");
        assertThat(text(o -> ValueText.decimal(1250, 2, o))).isEqualTo("12.50");
        assertThat(text(o -> ValueText.decimal(-1005, 3, o))).isEqualTo("-1.005");
        assertThat(text(o -> ValueText.decimal(-1, 2, o))).isEqualTo("-0.01");
        assertThat(text(o -> ValueText.decimal(new BigInteger("1234567890123456789012"), 2, o)))
                .isEqualTo("12345678901234567890.12");
    }

    @Test
    void datesFromDaysSince1970AndYearsOutsideFourDigitsAsJavaWritesThem() {
        assertThat(text(o -> ValueText.date(LocalDate.of(2024, 2, 29).toEpochDay(), o))).isEqualTo("2024-02-29");
        assertThat(text(o -> ValueText.date(LocalDate.of(1899, 12, 31).toEpochDay(), o))).isEqualTo("1899-12-31");
        assertThat(text(o -> ValueText.date(LocalDate.of(5, 1, 2).toEpochDay(), o))).isEqualTo("0005-01-02");
        assertThat(text(o -> ValueText.date(LocalDate.of(10000, 1, 1).toEpochDay(), o))).isEqualTo("+10000-01-01");
        assertThat(text(o -> ValueText.date(LocalDate.of(-1, 1, 1).toEpochDay(), o))).isEqualTo("-0001-01-01");
    }

    @ParameterizedTest
    @CsvSource({
        // value, unit, adjusted to UTC, text
        "1711843200000, MILLIS, false, 2024-03-31 00:00:00",
        "1711926301250, MILLIS, false, 2024-03-31 23:05:01.250",
        "1711926301250000, MICROS, false, 2024-03-31 23:05:01.250000",
        "1704103200123456789, NANOS, false, 2024-01-01 10:00:00.123456789",
        "1717196400000000, MICROS, true, 2024-05-31T23:00:00Z",
        "-1, MICROS, false, 1969-12-31 23:59:59.999999",
        "-86400000, MILLIS, true, 1969-12-31T00:00:00Z",
    })
    void timestampsByUnitWithAFractionOnlyWhenThereIsOne(long value, TimeUnit unit, boolean utc, String expected) {
        assertThat(text(o -> ValueText.timestamp(value, unit, utc, o))).isEqualTo(expected);
    }

    @Test
    void timesAndInt96Timestamps() {
        assertThat(text(o -> ValueText.time(34_205_000L, TimeUnit.MILLIS, o))).isEqualTo("09:30:05");
        assertThat(text(o -> ValueText.time(34_205_000_001L, TimeUnit.MICROS, o))).isEqualTo("09:30:05.000001");
        // Julian day 2460311 is 2024-01-01.
        assertThat(text(o -> ValueText.int96(36_000_000_000_005L, 2_460_311, o))).isEqualTo("2024-01-01T10:00:00.000000005Z");
        assertThat(text(o -> ValueText.int96(0, 2_460_311, o))).isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void floatingPointWholeValuesAsWholeNumbersNanAsNull() {
        assertThat(text(o -> assertThat(ValueText.floating(45.0, o)).isTrue())).isEqualTo("45");
        assertThat(text(o -> assertThat(ValueText.floating(-0.0, o)).isTrue())).isEqualTo("0");
        assertThat(text(o -> ValueText.floating(0.1, o))).isEqualTo("0.1");
        assertThat(text(o -> ValueText.floating(1e20, o))).isEqualTo("100000000000000000000");
        assertThat(text(o -> ValueText.floating(1.5e-7, o))).isEqualTo("0.00000015");
        assertThat(text(o -> ValueText.floating(Double.NEGATIVE_INFINITY, o))).isEqualTo("-Infinity");
        assertThat(text(o -> ValueText.floating(1.1f, o))).isEqualTo("1.1"); // the float's shortest decimal, not the double's
        assertThat(text(o -> assertThat(ValueText.floating(Double.NaN, o)).isFalse())).isEmpty();
        assertThat(text(o -> assertThat(ValueText.floating(Float.NaN, o)).isFalse())).isEmpty();
    }

    @Test
    void booleansAndUuids() {
        assertThat(text(o -> ValueText.bool(true, o))).isEqualTo("true");
        assertThat(text(o -> ValueText.bool(false, o))).isEqualTo("false");
        byte[] b = new byte[17];
        byte[] uuid = {0x12, 0x3e, 0x45, 0x67, (byte) 0xe8, (byte) 0x9b, 0x12, (byte) 0xd3, (byte) 0xa4, 0x56, 0x42, 0x66,
            0x14, 0x17, 0x40, 0x00};
        System.arraycopy(uuid, 0, b, 1, 16);
        assertThat(text(o -> ValueText.uuid(b, 1, o))).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    }

    @Test
    void refusalsNameTheColumnAndSayWhatToDo() {
        assertThat(ValueText.noPlainText("Wait", "INTERVAL")).isEqualTo("the Parquet column Wait is INTERVAL, which has no "
                + "plain text value to audit. Leave it out of the export, or export it as text.");
        assertThat(ValueText.zonedDate("Appointment_Date", "Appointment_Date", "a timestamp in UTC"))
                .startsWith("the Parquet column Appointment_Date is a timestamp in UTC, so its calendar date depends on a time zone")
                .contains("to_date(Appointment_Date)");
    }

    @Test
    void theBufferGrowsForLongText() {
        String longText = "é".repeat(500);
        assertThat(text(o -> o.append(longText))).isEqualTo(longText);
        assertThat(text(o -> o.appendPadded(-7, 3))).isEqualTo("-007");
    }
}
