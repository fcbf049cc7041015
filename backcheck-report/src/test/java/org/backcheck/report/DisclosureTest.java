package org.backcheck.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisclosureTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0,0", "1,*", "2,*", "5,*", "7,*", "8,10", "12,10", "13,15", "100,100", "102,100",
        "103,105", "17,15", "18,20", "1000000007,1000000005"})
    void countsFollowTheHesRules(long n, String shown) {
        assertThat(Disclosure.CONTROLLED.count(n)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "7", "8", "12", "103"})
    void noneShowsCountsAsTheyAre(long n) {
        assertThat(Disclosure.NONE.count(n)).isEqualTo(Long.toString(n));
    }

    @Test
    void everyWholeNumberRoundsToTheNearerMultipleOfFiveWithoutTies() {
        for (long n = 8; n < 2000; n++) {
            long r = Disclosure.roundToFive(n);
            assertThat(r % 5).isZero();
            assertThat(Math.abs(r - n)).isLessThanOrEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"1,100", "7,100", "3,400", "50,1", "50,7", "1,1", "7,7"})
    void derivedFiguresFromOneToSevenAreSuppressed(long num, long den) {
        assertThat(Disclosure.CONTROLLED.derived((double) num / den, num, den, 3)).isEqualTo("*");
        assertThat(Disclosure.CONTROLLED.ratio(num, den, 100, 1)).isEqualTo("*");
        assertThat(Disclosure.NONE.derived((double) num / den, num, den, 3)).isNotEqualTo("*");
    }

    @Test
    void derivedFiguresUnderControlUseThePublishedCounts() {
        // 257 of 21,088 records: 12.19 per 1,000 from the exact counts, which with the published 21,090 records gives
        // back exactly 257 (12.185 to 12.195 per 1,000 holds no other whole number). From the published counts,
        // 255 of 21,090, it is 12.09, which says no more than the counts do.
        assertThat(Disclosure.NONE.ratio(257, 21_088, 1000, 2)).isEqualTo("12.19");
        assertThat(Disclosure.CONTROLLED.count(257)).isEqualTo("255");
        assertThat(Disclosure.CONTROLLED.count(21_088)).isEqualTo("21090");
        assertThat(Disclosure.CONTROLLED.ratio(257, 21_088, 1000, 2)).isEqualTo("12.09");
        assertThat(Disclosure.CONTROLLED.ratio(12, 400, 1000, 1)).isEqualTo("25.0");
        assertThat(Disclosure.CONTROLLED.derived(12.0 / 400 * 1000, 12, 400, 1)).isEqualTo("30.0");
    }

    @Test
    void zeroNumeratorIsShownAndZeroDenominatorHasNoFigure() {
        assertThat(Disclosure.CONTROLLED.ratio(0, 250, 100, 1)).isEqualTo("0.0");
        assertThat(Disclosure.CONTROLLED.ratio(0, 0, 100, 1)).isEqualTo("-");
    }

    @Test
    void formatsHalfUpWithTheRequestedDecimals() {
        assertThat(Disclosure.NONE.derived(0.125, 10, 80, 2)).isEqualTo("0.13");
        assertThat(Disclosure.NONE.derived(2.5, 10, 4, 0)).isEqualTo("3");
        assertThat(Disclosure.CONTROLLED.derived(1.0 / 3, 10, 30, 4)).isEqualTo("0.3333");
    }

    @Test
    void misuseIsRefused() {
        assertThatThrownBy(() -> Disclosure.CONTROLLED.count(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Disclosure.CONTROLLED.derived(Double.NaN, 10, 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Disclosure.CONTROLLED.derived(1, -1, 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Disclosure.CONTROLLED.derived(1, 10, 10, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
