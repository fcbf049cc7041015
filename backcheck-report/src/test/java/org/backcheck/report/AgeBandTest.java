package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeBandTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0,0-18", "18,0-18", "19,19-29", "29,19-29", "30,30-39", "39,30-39", "40,40-49", "59,50-59", "60,60-69",
        "79,70-79", "80,80-120", "120,80-120", "121,other", "7000,other", "7001,0-18", "7007,0-18", "7008,other", "-1,other"})
    void bandsFollowTheMeasuresAgeRange(long age, String band) {
        assertThat(AgeBand.of(age).label()).isEqualTo(band);
        assertThat(AgeBand.ofLabel(band)).isEqualTo(AgeBand.of(age));
    }
}
