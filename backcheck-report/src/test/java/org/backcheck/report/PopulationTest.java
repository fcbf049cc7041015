package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class PopulationTest {

    private static Population parse(String text) throws IOException {
        return Population.parse(new BufferedReader(new StringReader(text)), "pop.csv");
    }

    @Test
    void readsRowsInAnyColumnOrderWithBomQuotesAndCase() throws IOException {
        Population p = parse("\uFEFFYear,Population,ORG_CODE\n2024,\"250000\",15e\n2025, 251000 ,\" 15E \"\n\n2024,90000,00L\n");
        assertThat(p.of("15E", 2024)).contains(250_000L);
        assertThat(p.of(" 15e", 2025)).contains(251_000L);
        assertThat(p.of("00L", 2024)).contains(90_000L);
        assertThat(p.of("00L", 2025)).isEmpty();
        assertThat(p.of("99X", 2024)).isEmpty();
    }

    @Test
    void aWrongHeaderSaysWhichColumnsAreNeeded() {
        assertThatThrownBy(() -> parse("org,year,population\n15E,2024,1\n"))
                .isInstanceOf(InvalidPopulationFileException.class)
                .hasMessageContaining("line 1").hasMessageContaining("org_code, year and population");
        assertThatThrownBy(() -> parse("org_code,year,population,notes\n"))
                .hasMessageContaining("exactly the columns");
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> parse("org_code,year,population\n")).hasMessageContaining("no rows");
    }

    @Test
    void everyBadRowIsListedWithItsLineAndField() {
        String text = "org_code,year,population\n"
                + "15E,2024,100\n"          // 2 fine
                + "15E,2024/25,100\n"       // 3 year
                + "15E,1850,100\n"          // 4 year out of range
                + "00L,2024,0\n"            // 5 population 0
                + "00L,2024,12.5\n"         // 6 not whole
                + "00L,2024\n"              // 7 field count
                + "a b,2024,5\n"            // 8 code
                + "15e,2024,300\n";         // 9 duplicate of line 2 (case-insensitive)
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(InvalidPopulationFileException.class)
                .hasMessageContaining("has 7 bad rows; nothing was audited")
                .hasMessageContaining("line 3, year: '2024/25'")
                .hasMessageContaining("line 4, year: '1850'")
                .hasMessageContaining("line 5, population: '0'")
                .hasMessageContaining("line 6, population: '12.5'")
                .hasMessageContaining("line 7: expected 3 fields, found 2")
                .hasMessageContaining("line 8, org_code: 'a b'")
                .hasMessageContaining("line 9: 15E in 2024 is also on line 2");
    }

    @Test
    void manyBadRowsAreCountedButOnlyTheFirstTwentyListed() {
        StringBuilder sb = new StringBuilder("org_code,year,population\n");
        for (int i = 0; i < 30; i++) {
            sb.append("15E,x,1\n");
        }
        assertThatThrownBy(() -> parse(sb.toString())).hasMessageContaining("has 30 bad rows")
                .hasMessageContaining("line 21,").hasMessageNotContaining("line 22,").hasMessageContaining("and 10 more");
    }

    @Test
    void aLineLongerThanTheLimitIsRefusedWithItsLine() {
        String text = "org_code,year,population\r\n15E,2024,100\r\n15F,2024," + "1".repeat(BoundedLines.MAX_CHARS) + "\n";
        assertThatThrownBy(() -> parse(text)).isInstanceOf(InvalidPopulationFileException.class)
                .hasMessageStartingWith("pop.csv line 3 is longer than 4096 characters");
        // A line of exactly the limit is read (and here refused only for its population).
        String atLimit = "org_code,year,population\n15E,2024," + "1".repeat(BoundedLines.MAX_CHARS - 9) + "\n";
        assertThatThrownBy(() -> parse(atLimit)).hasMessageContaining("line 2, population:");
    }

    @Test
    void anEndlessFileIsRefusedNotReadIntoMemory() {
        Path zero = Path.of("/dev/zero");
        Assumptions.assumeTrue(Files.isReadable(zero));
        assertThatThrownBy(() -> Population.read(zero)).isInstanceOf(InvalidPopulationFileException.class)
                .hasMessageStartingWith("/dev/zero line 1 is longer than 4096 characters");
    }

    @Test
    void readingStopsAfterAThousandBadRows() {
        StringBuilder sb = new StringBuilder("org_code,year,population\n");
        for (int i = 0; i < 1500; i++) {
            sb.append("15E,x,1\r");
        }
        assertThatThrownBy(() -> parse(sb.toString())).hasMessageContaining("has 1000 bad rows or more (reading stopped at the"
                + " 1000th); nothing was audited").hasMessageContaining("line 2, year:").hasMessageContaining("and 980 more");
    }
}
