package org.backcheck.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the header line is read; both engines read it through {@link Header}. */
class HeaderTest {

    private static final Header.Limit LIMIT = new Header.Limit(1 << 20, "too long");

    private static Header read(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return Header.read(b, 0, b.length, null, LIMIT);
    }

    @Test
    void aQuoteInsideAHeaderNameIsAnOrdinaryCharacter() {
        // Once: the header reader took any quote for the start of a quoted section, so a name
        // such as Notes "free text" made it run on past the line end and swallow data rows.
        String header = "a,b,Comments \"free text\n";
        Header h = read(header + "1,2,\"x\"\n");
        assertThat(h.names()).containsExactly("a", "b", "Comments \"free text");
        assertThat(h.dataStart()).isEqualTo(header.length());
    }

    @Test
    void quotedHeaderNamesMayHoldDelimitersAndDoubledQuotes() {
        String text = "\"a,b\";\"say \"\"hi\"\"\";  \"c\" ;d\r\nx";
        Header h = read(text);
        assertThat(h.delimiter()).isEqualTo(Delimiter.SEMICOLON);
        assertThat(h.names()).containsExactly("a,b", "say \"hi\"", "c", "d");
        assertThat(h.dataStart()).isEqualTo(text.length() - 1);
        // Delimiters inside quoted names do not count towards detection.
        for (String line : new String[] {"a|b|\"c,d,e,f\"\n", "\"a|b\",\"c|d|e\",f\n", "a;b\t\"c;d;e\"\tf\tg\n"}) {
            assertThat(read(line).names()).as(line).hasSize(line.startsWith("a|") ? 3 : line.startsWith("\"") ? 3 : 4);
        }
    }

    @Test
    void theDelimiterIsDetectedOrTakenAsGiven() {
        assertThat(read("a|b|c\n").delimiter()).isEqualTo(Delimiter.PIPE);
        assertThat(read("a\tb\n").delimiter()).isEqualTo(Delimiter.TAB);
        byte[] b = "a|b,c\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Header.read(b, 0, b.length, Delimiter.PIPE, LIMIT).names()).containsExactly("a", "b,c");
        assertThatThrownBy(() -> read("a|b,c\n")).isInstanceOf(UnreadableExtractException.class)
                .hasMessage("cannot tell the delimiter from the header line (two candidates split it equally well); "
                        + "name it with --delimiter");
        assertThatThrownBy(() -> read("abc\n")).isInstanceOf(UnreadableExtractException.class)
                .hasMessageContaining("(no comma, pipe, tab or semicolon)");
    }

    @Test
    void anEmptyFileAnUnclosedNameAndALongLineAreRefusedWithTheirReasons() {
        assertThatThrownBy(() -> read("")).isInstanceOf(UnreadableExtractException.class)
                .hasMessage("the file is empty: an extract needs a header line naming its columns");
        assertThatThrownBy(() -> read("a,\"b\nc,d\n")).isInstanceOf(UnreadableExtractException.class)
                .hasMessage("the header line has a quoted column name that is never closed");
        byte[] b = "abc,def\n".getBytes(StandardCharsets.UTF_8);
        Header.Limit small = new Header.Limit(4, "longer than 4");
        assertThatThrownBy(() -> Header.read(b, 0, b.length, null, small)).hasMessage("longer than 4");
        assertThatThrownBy(() -> Header.read(b, 0, 5, null, small)).hasMessage("longer than 4");
    }

    @Test
    void aByteOrderMarkIsSkippedAndCountedInWhereTheDataStarts() {
        byte[] b = "\uFEFFa,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Header.bomLength(b, b.length)).isEqualTo(3);
        Header h = Header.atFileStart(b, b.length, null, LIMIT);
        assertThat(h.names()).containsExactly("a", "b");
        assertThat(h.dataStart()).isEqualTo(7);
        assertThat(h.indexOf("B")).isEqualTo(1);
        assertThat(h.indexOf("c")).isEqualTo(-1);
    }

    @Test
    void aWindowEndingInsideAQuotedNameIsIncomplete() {
        byte[] b = "\"a\nb\",c\n".getBytes(StandardCharsets.UTF_8);
        assertThat(Header.complete(b, 0, 3, null, 1 << 20)).isFalse();
        assertThat(Header.complete(b, 0, b.length, null, 1 << 20)).isTrue();
        assertThat(Header.read(b, 0, b.length, null, LIMIT).names()).containsExactly("a\nb", "c");
    }
}
