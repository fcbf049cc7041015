package org.backcheck.service.cdshooks;

import java.util.regex.Pattern;

/**
 * Control, format, line and paragraph separator characters ({@code \p{Cc}}, {@code \p{Cf}},
 * {@code \p{Zl}}, {@code \p{Zp}}), which words quoted on a card show as spaces. Most text holds none,
 * so it is first checked code point by code point (the same categories, by {@link Character#getType})
 * and only text that holds one goes through the regular expression.
 */
final class Invisible {

    static final Pattern CHARACTERS = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]");

    private Invisible() {
    }

    /** The text with each such character (a whole code point) replaced by one space. */
    static String asSpaces(String text) {
        return holdsAny(text) ? CHARACTERS.matcher(text).replaceAll(" ") : text;
    }

    static boolean holdsAny(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            switch (Character.getType(cp)) {
                case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> {
                    return true;
                }
                default -> i += Character.charCount(cp);
            }
        }
        return false;
    }
}
