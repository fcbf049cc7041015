package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each layout of organisations file read (docs/organisations.md): Backcheck's CSV, and the NHS ODS
 * 27-field layout of the trusts (etr.csv), sites (ets.csv) and sub-ICB locations (eccg.csv) files; the
 * layout detected; files combined; bad rows named by file and line.
 */
class OrganisationsFileTest {

    @TempDir
    Path dir;

    /** A row in the ODS layout: code in field 1, name in 2, geography in 4, parent in 15; the rest filled as ODS does. */
    static String odsRow(String code, String name, String geography, String parent) {
        List<String> f = new ArrayList<>(Collections.nCopies(OrganisationsLayout.ODS_FIELDS, ""));
        f.set(0, code);
        f.set(1, name);
        f.set(2, "Y56");
        f.set(3, geography);
        f.set(4, "1 HIGH STREET");
        f.set(9, "AB1 2CD");
        f.set(10, "20010401");
        f.set(14, parent);
        return "\"" + String.join("\",\"", f) + "\"";
    }

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsBackcheckCsvInAnyColumnOrder() throws IOException {
        Path f = file("orgs.csv", "\uFEFFName,PARENT_CODE,org_code\n\"Site, one\",rxh,rxh01\nTrust X,,RXH\n\n");
        OrganisationsFile.Read read = OrganisationsFile.read(f);
        assertThat(read.layout()).isEqualTo(OrganisationsLayout.BACKCHECK);
        Organisations o = Organisations.read(List.of(f));
        assertThat(o.name("RXH01")).contains("Site, one");
        assertThat(o.parentOf("rxh01")).isEqualTo("RXH");
        assertThat(o.parentOf("RXH")).isEqualTo("RXH");
        assertThat(o.parentOf("ZZZ")).isEqualTo("ZZZ");
        assertThat(o.label("RXH")).isEqualTo("Trust X (RXH)");
        assertThat(o.label("ZZZ")).isEqualTo("ZZZ");
        assertThat(o.sources()).singleElement().satisfies(s -> assertThat(s.organisations()).isEqualTo(2));
    }

    @Test
    void readsOdsTrustsSitesAndSubIcbFilesAndCombinesThem() throws IOException {
        Path etr = file("etr.csv", odsRow("RXH", "UNIVERSITY HOSPITALS SUSSEX NHS FOUNDATION TRUST", "QNX", "") + "\n"
                + odsRow("RRK", "UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST", "QHL", "") + "\n");
        Path ets = file("ets.csv", odsRow("RXH01", "ROYAL SUSSEX COUNTY HOSPITAL", "QNX", "RXH") + "\n"
                + odsRow("RRK15", "QUEEN ELIZABETH HOSPITAL", "QHL", "RRK") + "\n");
        Path eccg = file("eccg.csv", odsRow("09D", "NHS SUSSEX ICB - 09D", "QNX", "") + "\n");
        Path icb = file("ours.csv", "org_code,name,parent_code\nQNX,NHS Sussex ICB,\n");
        assertThat(OrganisationsFile.read(etr).layout()).isEqualTo(OrganisationsLayout.ODS_STANDARD);
        assertThat(OrganisationsFile.read(ets).layout()).isEqualTo(OrganisationsLayout.ODS_STANDARD);
        assertThat(OrganisationsFile.read(eccg).layout()).isEqualTo(OrganisationsLayout.ODS_SUB_ICB);
        Organisations o = Organisations.read(List.of(etr, ets, eccg, icb));
        assertThat(o.sources()).extracting(Organisations.Source::layout).containsExactly(OrganisationsLayout.ODS_STANDARD,
                OrganisationsLayout.ODS_STANDARD, OrganisationsLayout.ODS_SUB_ICB, OrganisationsLayout.BACKCHECK);
        // A trust's field 4 (its ICB) is not its parent: trusts roll up to themselves.
        assertThat(o.parentOf("RXH")).isEqualTo("RXH");
        assertThat(o.parentOf("RXH01")).isEqualTo("RXH");
        assertThat(o.parentOf("RRK15")).isEqualTo("RRK");
        assertThat(o.parentOf("09D")).isEqualTo("QNX");
        assertThat(o.label("QNX")).isEqualTo("NHS Sussex ICB (QNX)");
        assertThat(o.label("RXH01")).isEqualTo("ROYAL SUSSEX COUNTY HOSPITAL (RXH01)");
    }

    @Test
    void badRowsAreListedWithFileAndLine() throws IOException {
        Path f = file("orgs.csv", "org_code,name,parent_code\nRXH,Trust,\n,No code,\nRX H,Spaced,\nRAJ,,\nRXH01,Site,R X\n"
                + "RXH02,Site two\nRXH03,\"open quote,\n");
        assertThatThrownBy(() -> Organisations.read(List.of(f)))
                .isInstanceOf(InvalidOrganisationsFileException.class)
                .hasMessageContaining(f + " (Backcheck CSV (org_code,name,parent_code)) has 6 bad rows; nothing was audited")
                .hasMessageContaining("line 3, code: ''")
                .hasMessageContaining("line 4, code: 'RX H'")
                .hasMessageContaining("line 5, name: the name of RAJ is empty")
                .hasMessageContaining("line 6, parent: 'R X'")
                .hasMessageContaining("line 7: expected 3 fields, found 2")
                .hasMessageContaining("line 8: a quoted field is not closed");
    }

    @Test
    void theCodeOfRowsWithoutACodeIsReservedInAnyCase() throws IOException {
        Path f = file("orgs.csv", "org_code,name,parent_code\nRXH,Trust,\nUnknown,Not a trust,\nRXH01,Site,unknown\n");
        assertThatThrownBy(() -> Organisations.read(List.of(f)))
                .isInstanceOf(InvalidOrganisationsFileException.class)
                .hasMessageContaining(f + " (Backcheck CSV (org_code,name,parent_code)) has 2 bad rows")
                .hasMessageContaining("line 3, code: 'Unknown' is reserved: the report labels rows without an organisation"
                        + " code 'unknown'")
                .hasMessageContaining("line 4, parent: 'unknown' is reserved");
    }

    @Test
    void theLookupNeverNamesRowsWithoutACode() {
        OrganisationsFile.Row row = new OrganisationsFile.Row("UNKNOWN", "Somewhere", "", "orgs.csv", 2);
        Organisations o = Organisations.combine(List.of(new OrganisationsFile.Read("orgs.csv", OrganisationsLayout.BACKCHECK,
                List.of(row))));
        assertThat(o.name(ImagingReport.UNKNOWN)).isEmpty();
        assertThat(o.label(ImagingReport.UNKNOWN)).isEqualTo(ImagingReport.UNKNOWN);
        assertThat(o.knows(ImagingReport.UNKNOWN)).isFalse();
    }

    @Test
    void namesWithInvisibleFormatCharactersAreRefused() throws IOException {
        Path f = file("orgs.csv", "org_code,name,parent_code\nRXH,Trust,\nRXH01,Site \u202Eeno\u202C,\nRXH02,Site\u2066two\u2069,\n"
                + "RXH03,Site\u200Bthree,\nRXH04,Site\u00ADfour,\n");
        assertThatThrownBy(() -> Organisations.read(List.of(f)))
                .isInstanceOf(InvalidOrganisationsFileException.class)
                .hasMessageContaining("has 4 bad rows")
                .hasMessageContaining("line 3, name: the name of RXH01")
                .hasMessageContaining("line 4, name: the name of RXH02")
                .hasMessageContaining("line 5, name: the name of RXH03")
                .hasMessageContaining("line 6, name: the name of RXH04 is empty, longer than 200 characters or holds control or"
                        + " invisible format characters");
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithFileAndLine() throws IOException {
        Path f = file("orgs.csv", "org_code,name,parent_code\r\nRXH,Trust,\r\nRXH01," + "N".repeat(BoundedLines.MAX_CHARS) + ",\n");
        assertThatThrownBy(() -> Organisations.read(List.of(f)))
                .isInstanceOf(InvalidOrganisationsFileException.class)
                .hasMessageStartingWith(f + " line 3 is longer than 4096 characters");
    }

    @Test
    void anEndlessFileIsRefusedNotReadIntoMemory() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero));
        assertThatThrownBy(() -> Organisations.read(List.of(zero)))
                .isInstanceOf(InvalidOrganisationsFileException.class)
                .hasMessageStartingWith("/dev/zero line 1 is longer than 4096 characters");
    }

    @Test
    void readingStopsAfterAThousandBadRowsAndLinesEndAsReadLineEndsThem() throws IOException {
        StringBuilder sb = new StringBuilder("org_code,name,parent_code\rRXH,Trust,\r\n");
        for (int i = 0; i < 1500; i++) {
            sb.append("R H,Bad,\r");
        }
        Path f = file("orgs.csv", sb.toString());
        assertThatThrownBy(() -> Organisations.read(List.of(f)))
                .hasMessageContaining("has 1000 bad rows or more (reading stopped at the 1000th); nothing was audited")
                .hasMessageContaining("line 3, code: 'R H'").hasMessageContaining("line 22, code:")
                .hasMessageNotContaining("line 23,");
    }

    @Test
    void anOdsRowWithTheWrongFieldCountIsNamed() throws IOException {
        Path f = file("ets.csv", odsRow("RXH01", "A", "QNX", "RXH") + "\n\"RXH02\",\"B\"\n");
        assertThatThrownBy(() -> Organisations.read(List.of(f)))
                .hasMessageContaining("ets.csv (ODS standard layout (code, name, parent in field 15)) has 1 bad row")
                .hasMessageContaining("line 2: expected 27 fields, found 2");
    }

    @Test
    void aFileOfNeitherLayoutIsRefusedSayingWhatIsRead() throws IOException {
        Path f = file("x.csv", "code,name\nRXH,Trust\n");
        assertThatThrownBy(() -> Organisations.read(List.of(f)))
                .hasMessageContaining("x.csv line 1: not an organisations file Backcheck reads")
                .hasMessageContaining("org_code,name,parent_code").hasMessageContaining("27 fields");
        assertThatThrownBy(() -> Organisations.read(List.of(file("h.csv", "org_code,name\n"))))
                .hasMessageContaining("exactly the columns org_code, name and parent_code");
        assertThatThrownBy(() -> Organisations.read(List.of(dir.resolve("missing.csv"))))
                .isInstanceOf(InvalidOrganisationsFileException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> Organisations.read(List.of(file("e.csv", "")))).hasMessageContaining("is empty");
    }

    @Test
    void aCodeGivenTwiceDifferentlyNamesBothPlaces() throws IOException {
        Path a = file("a.csv", "org_code,name,parent_code\nRXH01,Site,RXH\n");
        Path same = file("same.csv", "org_code,name,parent_code\nrxh01,Site,rxh\n");
        Path other = file("b.csv", "org_code,name,parent_code\nRXH01,Site,RYR\n");
        assertThat(Organisations.read(List.of(a, same)).byCode()).hasSize(1);
        assertThatThrownBy(() -> Organisations.read(List.of(a, other)))
                .isInstanceOf(InvalidOrganisationsFileException.class)
                .hasMessageContaining("RXH01 is given twice, differently: " + a + " line 2 and " + other + " line 2");
    }

    @Test
    void theOptionIsCheckedAndItsFilesReadBeforeAnyAudit() throws IOException {
        Path a = file("a.csv", "org_code,name,parent_code\nRXH01,Site,RXH\n");
        Path b = file("b.csv", "org_code,name,parent_code\nRXH,Trust,\n");
        ReportRequest request = ReportRequest.standard().with(ReportOption.ORGANISATIONS, a.toString())
                .with(ReportOption.ORGANISATIONS, b.toString());
        assertThat(request.arguments()).containsSubsequence("--organisations", a.toString(), "--organisations", b.toString());
        assertThat(request.options(false).organisations().label("RXH01")).isEqualTo("Site (RXH01)");
        assertThat(ReportRequest.standard().options(false).organisations().given()).isFalse();
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.ORGANISATIONS, " "))
                .hasMessageContaining("--organisations needs a value (FILE)");
        assertThatThrownBy(() -> ReportRequest.standard().with(ReportOption.ORGANISATIONS, dir.resolve("no.csv").toString())
                .options(false)).isInstanceOf(InvalidOrganisationsFileException.class);
    }
}
