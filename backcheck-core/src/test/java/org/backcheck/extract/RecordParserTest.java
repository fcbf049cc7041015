package org.backcheck.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The record parser both engines use: records, fields, slots, the reasons a record is malformed, windows. */
class RecordParserTest {

    /** Three columns; column 0 feeds slot 1, column 2 feeds slot 0 and (by copy) slot 2. */
    private static final SlotLayout LAYOUT = new SlotLayout(new int[] {2, 0, 2}, 3);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String slot(RecordParser p, int slot) {
        return new String(p.bytes(slot), p.offset(slot), p.length(slot), StandardCharsets.UTF_8);
    }

    @Test
    void fieldsGoToTheirSlotsAndACopiedSlotGetsTheSameValue() {
        RecordParser p = new RecordParser(Delimiter.COMMA, LAYOUT);
        byte[] b = bytes("a,b,c\r\nd,\"e,\"\"f\",\"g\"\"\"\n");
        int next = p.record(b, 0, b.length, true);
        assertThat(next).isEqualTo(7);
        assertThat(slot(p, 1)).isEqualTo("a");
        assertThat(slot(p, 0)).isEqualTo("c"); // the CR of CRLF is not part of the last field
        assertThat(slot(p, 2)).isEqualTo("c");
        assertThat(p.malformed()).isNull();
        assertThat(p.record(b, next, b.length, true)).isEqualTo(b.length);
        assertThat(slot(p, 1)).isEqualTo("d");
        assertThat(slot(p, 0)).isEqualTo("g\"");
        assertThat(slot(p, 2)).isEqualTo("g\"");
    }

    @Test
    void malformedRecordsAreRecordsWithAReason() {
        RecordParser p = new RecordParser(Delimiter.PIPE, LAYOUT);
        byte[] b = bytes("a|b\n");
        assertThat(p.record(b, 0, b.length, true)).isEqualTo(b.length);
        assertThat(p.malformed()).isEqualTo("expected 3 fields as in the header, found 2");
        b = bytes("a|\"b\"x|c\nnext\n");
        assertThat(p.record(b, 0, b.length, true)).isEqualTo(9);
        assertThat(p.malformed()).isEqualTo("text after the closing quote of column 2");
        b = bytes("a|b|\"c\nd\n");
        assertThat(p.record(b, 0, b.length, true)).isEqualTo(b.length);
        assertThat(p.malformed()).isEqualTo(RecordParser.NEVER_CLOSED);
        assertThat(slot(p, 0)).isEqualTo("c\nd\n");
    }

    @Test
    void aWindowThatEndsInsideARecordIsIncompleteUnlessTheInputEndsThere() {
        RecordParser p = new RecordParser(Delimiter.COMMA, LAYOUT);
        byte[] b = bytes("a,\"b\nc\",d\n");
        for (int end = 1; end < b.length; end++) {
            assertThat(p.record(b, 0, end, false)).as("window of %d", end).isEqualTo(RecordParser.INCOMPLETE);
        }
        assertThat(p.record(b, 0, b.length, false)).isEqualTo(b.length);
        assertThat(p.record(b, 0, 3, true)).isEqualTo(3); // the end of the input closes it, malformed
        assertThat(p.malformed()).isEqualTo(RecordParser.NEVER_CLOSED);
        byte[] q = bytes("a,\"b\"");
        assertThat(p.record(q, 0, q.length, false)).as("the next byte may double the quote").isEqualTo(RecordParser.INCOMPLETE);
    }

    @Test
    void blankLinesAreNotRecords() {
        byte[] b = bytes("\n\r\n\r");
        assertThat(RecordParser.blankLine(b, 0, b.length, false)).isEqualTo(1);
        assertThat(RecordParser.blankLine(b, 1, b.length, false)).isEqualTo(2);
        assertThat(RecordParser.blankLine(b, 3, b.length, false)).isEqualTo(RecordParser.INCOMPLETE);
        assertThat(RecordParser.blankLine(b, 3, b.length, true)).isEqualTo(1);
        assertThat(RecordParser.blankLine(bytes("\rx"), 0, 2, true)).isZero();
        assertThat(RecordParser.blankLine(bytes("x"), 0, 1, true)).isZero();
    }

    @Test
    void theRestOfAnOpenRecordEndsAtItsClosingQuote() {
        RecordParser counter = new RecordParser(Delimiter.COMMA, SlotLayout.none(3));
        byte[] b = bytes("rest of b\",c,d\ne,f,g\n");
        assertThat(counter.restOfOpenRecord(b, 0, b.length, false)).isEqualTo(15);
        assertThat(counter.malformed()).isNull();
        assertThat(counter.restOfOpenRecord(b, 0, 5, false)).isEqualTo(RecordParser.INCOMPLETE);
    }

    @Test
    void afterLettingGoTheSlotsAreEmptyAndHoldNoBuffer() {
        RecordParser p = new RecordParser(Delimiter.COMMA, LAYOUT);
        byte[] b = bytes("a,b,c\n");
        p.record(b, 0, b.length, true);
        p.letGo();
        for (int slot = 0; slot < 3; slot++) {
            assertThat(p.length(slot)).isZero();
            assertThat(p.bytes(slot)).isNotSameAs(b);
        }
    }
}
