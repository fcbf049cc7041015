package org.backcheck.measure.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.backcheck.measure.LikePattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LIKE patterns as regular expressions. The Spark form is a java.util.regex expression used with
 * {@code find()}, exactly as Spark's RLIKE uses it, so it is checked here against the engine's own
 * matcher ({@link LikePattern}) on generated patterns and texts; the PostgreSQL and DuckDB forms
 * are checked on real engines by the audit module's differential test.
 */
class LikeRegexTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
        "%U05[45]%|SPARK|[Uu]05[45]",
        "%U05[45]%|POSTGRES|[Uu]05[45]",
        "%D4[012345678]%|DUCKDB|[Dd]4[0-8]",
        "%D3[789]%|DUCKDB|[Dd]3[789]",
        "%C[0-9][0-9]%|POSTGRES|[Cc][0-9][0-9]",
        "U054|POSTGRES|^[Uu]054 *$",
        "U054|DUCKDB|^[Uu]054 *$",
        "U054|SPARK|^[Uu]054 *\\z",
        "U05%|SPARK|^[Uu]05",
        "%a_b%|SPARK|(?s)[Aa].[Bb]",
        "%a_b%|POSTGRES|[Aa].[Bb]",
        "a%b|DUCKDB|(?s)^[Aa].*[Bb] *$",
        "%%x%%|POSTGRES|[Xx]",
        "[^a-c]|POSTGRES|^[^ABCabc] *$",
        "%1.5%|POSTGRES|1\\.5",
        "%[%]%|POSTGRES|%",
        "%[[]%|SPARK|\\[",
        "%]%|SPARK|\\]",
        "%[-a]%|SPARK|[\\-Aa]",
        "%k%|POSTGRES|[Kk\\u212A]",
        "%k%|DUCKDB|[Kk\\x{212A}]",
        "%S%|SPARK|[Ss\\x{017F}]",
        "%s%|SPARK|[Ss]",
    })
    void translations(String like, SqlDialect dialect, String regex) {
        assertThat(LikeRegex.of(like, dialect)).isEqualTo(regex);
    }

    @Test
    void aSetThatMatchesNothingIsRefused() {
        assertThatThrownBy(() -> LikeRegex.of("[z-a]", SqlDialect.POSTGRES)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("matches no character");
    }

    @Test
    void comparisonsWithoutLettersNeedNoCaseFolding() {
        assertThat(LikeRegex.isCaseless("02")).isTrue();
        assertThat(LikeRegex.isCaseless("0-2 ")).isTrue();
        assertThat(LikeRegex.isCaseless("A2")).isFalse();
        assertThat(LikeRegex.equalIgnoringCase("a2", SqlDialect.SPARK)).isEqualTo("^[Aa]2 *\\z");
    }

    /** Pieces of patterns: literals (regex metacharacters among them), _, %, and sets. */
    private static final String[] PATTERN_PIECES = {
        "a", "B", "k", "s", "i", "U", "0", "5", " ", ".", "*", "(", ")", "$", "^", "\\", "]", "-", "+", "?", "|", "{", "é",
        "_", "_", "%", "%", "[45]", "[0-9]", "[^a]", "[^0-9]", "[a-c]", "[A-C]", "[%]", "[_]", "[[]", "[-a]", "[a-]",
        "[.]", "[\\]", "[é]", "[k]", "[^ ]", "[ ]", "[z-a0]",
    };
    /** Characters of texts: both cases, the non-ASCII letters whose case folds into ASCII, line breaks, spaces. */
    private static final String[] TEXT_PIECES = {
        "a", "A", "b", "B", "c", "C", "k", "K", "\u212A", "s", "S", "\u017F", "i", "I", "\u0131", "\u0130", "u", "U", "0",
        "4", "5", "9", " ", " ", "\n", "\t", ".", "*", "(", ")", "$", "^", "\\", "]", "[", "-", "+", "?", "|", "{", "%", "_",
        "é", "É", "ü", "\u00A0",
    };

    @Test
    void sparkRegexMatchesExactlyWhatTheEngineMatches() {
        SplittableRandom random = new SplittableRandom(6_2026L);
        int matched = 0;
        int cases = 40_000;
        for (int n = 0; n < cases; n++) {
            String like = (random.nextBoolean() ? "%" : "") + draw(random, PATTERN_PIECES, 1 + random.nextInt(3))
                    + (random.nextBoolean() ? "%" : "");
            String text = draw(random, TEXT_PIECES, random.nextInt(8));
            boolean engine = LikePattern.compile(like).matches(text);
            String regex = LikeRegex.of(like, SqlDialect.SPARK);
            boolean spark = Pattern.compile(regex).matcher(text).find();
            assertThat(spark).as("'%s' LIKE '%s' (regex %s)", text.replace("\n", "\\n"), like, regex).isEqualTo(engine);
            matched += engine ? 1 : 0;
        }
        // The generated cases must exercise both answers.
        assertThat(matched).isBetween(cases / 20, cases - cases / 20);
    }

    private static String draw(SplittableRandom random, String[] pieces, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(pieces[random.nextInt(pieces.length)]);
        }
        return sb.toString();
    }
}
