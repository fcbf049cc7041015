package org.backcheck.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DelimiterTest {

    @Test
    void eachDelimiterHasItsByteNameAndOption() {
        assertThat(Delimiter.of('\t').displayName()).isEqualTo("tab");
        assertThat(Delimiter.of('\t').option()).isEqualTo("tab");
        assertThat(Delimiter.of('|').option()).isEqualTo("'|'");
        assertThat(Delimiter.SEMICOLON.symbol()).isEqualTo((byte) ';');
        assertThat(Delimiter.orDetect(null)).isNull();
        assertThatThrownBy(() -> Delimiter.of('#')).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delimiter must be comma, pipe, tab or semicolon");
    }

    @Test
    void theOptionTakesTheCharacterOrItsName() {
        assertThat(Delimiter.fromOption("PIPE")).isEqualTo('|');
        assertThat(Delimiter.fromOption("\\t")).isEqualTo('\t');
        assertThat(Delimiter.fromOption(";")).isEqualTo(';');
        assertThat(Delimiter.fromOption(null)).isNull();
        assertThatThrownBy(() -> Delimiter.fromOption("#")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--delimiter must be ',', '|', 'tab' or ';', not '#'");
    }
}
