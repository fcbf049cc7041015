package org.backcheck.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {

    @Test
    void controlCharactersAreShownAsEscapesAndTheTextIsCut() {
        assertThat(Excerpt.of("a\u001b[2Jb\u0007\r\n\u202e")).isEqualTo("a\\u001b[2Jb\\u0007\\u000d\\u000a\\u202e");
        String cut = Excerpt.of("x".repeat(1000));
        assertThat(cut).startsWith("x".repeat(Excerpt.MAX) + "...").endsWith("(1000 characters)");
        assertThat(cut.length()).isLessThan(Excerpt.MAX + 30);
        assertThat(Excerpt.of(null)).isEmpty();
    }

    @Test
    void aListOfNamesIsBoundedNameByNameAndAsAWhole() {
        assertThat(Excerpt.ofNames(java.util.List.of("a", "b\u001b"))).isEqualTo("[a, b\\u001b]");
        String many = Excerpt.ofNames(java.util.Collections.nCopies(100, "y".repeat(100)));
        assertThat(many.length()).isLessThan(Excerpt.MAX_NAMES + 30);
        assertThat(many).doesNotContain("y".repeat(Excerpt.MAX_NAME + 1)).endsWith(" more]");
    }

    @Test
    void aMessageKeepsItsLineFeedsButNoOtherControls() {
        assertThat(Excerpt.escapeMessage("one\ntwo\u001b[31m")).isEqualTo("one\ntwo\\u001b[31m");
    }
}
