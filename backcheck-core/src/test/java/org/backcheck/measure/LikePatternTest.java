package org.backcheck.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikePatternTest {

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' = {2}")
    @CsvSource(delimiter = '|', value = {
        // % any run, including none; whole-field match
        "%U05[45]%|U054|true", "%U05[45]%|U055|true", "%U05[45]%|X999,U055,Z665|true",
        "%U05[45]%|U056|false", "%U05[45]%|U05|false", "U05[45]|U054|true",
        // trailing spaces of the text are not significant; those of the pattern are
        "U05[45]|'U054  '|true", "'U054 '|'U054 '|true", "'U054 '|U054|false", "U05[45]|' U054'|false", "a_|'a '|true",
        "U05|U054|false", "%|''|true", "''|''|true", "''|a|false", "%%|abc|true", "a%|abc|true", "%c|abc|true",
        "a%c|ac|true", "a%c|abcbc|true", "a%b%c|acbc|true", "a%b%c|acb|false",
        // _ exactly one character
        "a_c|abc|true", "a_c|ac|false", "a_c|abbc|false", "___|é1ö|true", "__|é1ö|false",
        // classes, ranges, negation
        "[abc]|b|true", "[abc]|d|false", "[a-c]|b|true", "[a-c]|d|false", "[^a-c]|d|true", "[^a-c]|b|false",
        "%C[0-9][0-9]%|C50X|true", "%C[0-9][0-9]%|C5X|false", "%D4[012345678]%|D48|true", "%D4[012345678]%|D49|false",
        "[%]|%|true", "[%]|a|false", "[_]|_|true", "[_]|a|false", "a]|a]|true", "[z-a]|m|false", "[a-]|-|true",
        // case-insensitive collation
        "%U05[45]%|u054|true", "[a-c]|B|true", "[^a-c]|B|false", "%z665%|Z665|true", "ABC|abc|true", "é|É|true"
    })
    void constructs(String pattern, String text, boolean expected) {
        LikePattern p = LikePattern.compile(unquote(pattern));
        String t = unquote(text);
        assertThat(p.matches(t)).isEqualTo(expected);
        byte[] b = t.getBytes(StandardCharsets.UTF_8);
        assertThat(p.matches(b, 0, b.length)).as("byte path").isEqualTo(expected);
    }

    @Test
    void byteMatchingHonoursOffsetAndLength() {
        byte[] b = "xxU054yy".getBytes(StandardCharsets.US_ASCII);
        LikePattern p = LikePattern.compile("U05[45]");
        assertThat(p.matches(b, 2, 4)).isTrue();
        assertThat(p.matches(b, 2, 5)).isFalse();
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThatThrownBy(() -> LikePattern.compile("%U05[45%")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated '['");
        assertThatThrownBy(() -> LikePattern.compile("a[]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty character class");
    }

    @Test
    void findAllReportsEachOccurrenceUpperCased() {
        LikePattern p = LikePattern.compile("%U05[45]%");
        assertThat(p.isContains()).isTrue();
        assertThat(p.findAll("u054,X999,U055")).containsExactly("U054", "U055");
        assertThat(LikePattern.compile("U05[45]").isContains()).isFalse();
    }

    /**
     * Agreement with an independent matcher: each LIKE construct translated to java.util.regex
     * (case-insensitive, Unicode case, whole input), on generated patterns and strings that are
     * dense in the characters the constructs care about.
     */
    @Test
    void agreesWithRegexTranslationOnGeneratedCases() {
        String[] atoms = {"a", "b", "A", "U", "0", "5", "é", " ", "%", "%", "_", "[ab]", "[a-c]", "[^a]", "[0-9]", "[^0-4]", "[%]", "]"};
        String textChars = "abcABU05é É,%_]  ";
        SplittableRandom random = new SplittableRandom(20261121L);
        int disagreements = 0;
        StringBuilder firstFailures = new StringBuilder();
        for (int n = 0; n < 60_000; n++) {
            StringBuilder pattern = new StringBuilder();
            int atomsInPattern = random.nextInt(6);
            for (int k = 0; k < atomsInPattern; k++) {
                pattern.append(atoms[random.nextInt(atoms.length)]);
            }
            StringBuilder text = new StringBuilder();
            int len = random.nextInt(7);
            for (int k = 0; k < len; k++) {
                text.append(textChars.charAt(random.nextInt(textChars.length())));
            }
            boolean expected = regexFor(pattern.toString()).matcher(text).matches();
            LikePattern like = LikePattern.compile(pattern.toString());
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            boolean viaChars = like.matches(text);
            boolean viaBytes = like.matches(bytes, 0, bytes.length);
            if (viaChars != expected || viaBytes != expected) {
                disagreements++;
                if (firstFailures.length() < 500) {
                    firstFailures.append("'").append(text).append("' LIKE '").append(pattern).append("' expected ")
                            .append(expected).append('\n');
                }
            }
        }
        assertThat(disagreements).as(firstFailures.toString()).isZero();
    }

    /** The independent reading: a straightforward regex translation, one construct at a time. */
    static Pattern regexFor(String like) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else if (c == '[') {
                int close = like.indexOf(']', i + 1);
                String body = like.substring(i + 1, close);
                boolean negated = body.startsWith("^");
                if (negated) {
                    body = body.substring(1);
                }
                re.append(negated ? "[^" : "[");
                for (int k = 0; k < body.length(); k++) {
                    char m = body.charAt(k);
                    if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
                        re.append(classMember(m)).append('-').append(classMember(body.charAt(k + 2)));
                        k += 2;
                    } else {
                        re.append(classMember(m));
                    }
                }
                re.append(']');
                i = close;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        re.append(" *"); // SQL Server: trailing blanks of the matched text are ignored
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    private static String classMember(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }

    private static String unquote(String s) {
        return s.equals("''") ? "" : s;
    }
}
