package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Fields written for spreadsheets (OWASP "CSV Injection"), and plain RFC 4180 quoting. */
class CsvOutTest {

    @Test
    void textThatAFormulaCouldStartWithGetsAQuoteAndIsQuoted() {
        assertThat(CsvOut.text("=1+2")).isEqualTo("\"'=1+2\"");
        assertThat(CsvOut.text("+1")).isEqualTo("\"'+1\"");
        assertThat(CsvOut.text("-1")).isEqualTo("\"'-1\"");
        assertThat(CsvOut.text("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(CsvOut.text("\tx")).isEqualTo("\"'\tx\"");
        assertThat(CsvOut.text("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvOut.text("=HYPERLINK(\"u\")")).isEqualTo("\"'=HYPERLINK(\"\"u\"\")\"");
        // One more quote on a value that starts with one, so that removing one leading quote always undoes it.
        assertThat(CsvOut.text("'=x")).isEqualTo("\"''=x\"");
    }

    /** Security review F5: a formula after spaces, and a separator other than the comma, are handled too. */
    @Test
    void aFormulaAfterSpacesAndAValueHoldingASemicolonOrTabAreSafe() {
        assertThat(CsvOut.text("  =1+1")).isEqualTo("\"'  =1+1\"");
        assertThat(CsvOut.text("x;=HYPERLINK(\"u\")")).isEqualTo("\"x;=HYPERLINK(\"\"u\"\")\"");
        assertThat(CsvOut.text("a\tb")).isEqualTo("\"a\tb\"");
        assertThat(CsvOut.text(" RXX01")).isEqualTo(" RXX01");
    }

    @Test
    void ordinaryTextAndComputedNumbersAreUnchanged() {
        assertThat(CsvOut.text("RXX01")).isEqualTo("RXX01");
        assertThat(CsvOut.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvOut.text("")).isEmpty();
        assertThat(CsvOut.text(null)).isEmpty();
        assertThat(CsvOut.field("-1.5")).isEqualTo("-1.5");
        assertThat(CsvOut.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
