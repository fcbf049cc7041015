package org.backcheck.extract;

import java.util.Locale;

/**
 * The field delimiters an extract may use. Listed in the order detection tries them (see
 * {@link Header}); each knows its byte, its name in messages and the summary, and how
 * {@code --delimiter} writes it.
 */
public enum Delimiter {
    COMMA(',', "comma", "','"),
    PIPE('|', "pipe", "'|'"),
    TAB('\t', "tab", "tab"),
    SEMICOLON(';', "semicolon", "';'");

    private final byte symbol;
    private final String displayName;
    private final String option;

    Delimiter(char symbol, String displayName, String option) {
        this.symbol = (byte) symbol;
        this.displayName = displayName;
        this.option = option;
    }

    /** The byte that separates fields. */
    public byte symbol() {
        return symbol;
    }

    /** Its name in messages and in {@code summary.json}: {@code comma}, {@code pipe}, {@code tab}, {@code semicolon}. */
    public String displayName() {
        return displayName;
    }

    /** How {@code --delimiter} names it in a message: {@code ','}, {@code '|'}, {@code tab}, {@code ';'}. */
    public String option() {
        return option;
    }

    /**
     * The delimiter written as {@code c}.
     *
     * @throws IllegalArgumentException when {@code c} is not one of them
     */
    public static Delimiter of(char c) {
        for (Delimiter d : values()) {
            if (d.symbol == c) {
                return d;
            }
        }
        throw new IllegalArgumentException("delimiter must be comma, pipe, tab or semicolon");
    }

    /** {@link #of}, or null for null (the delimiter is then detected). */
    public static Delimiter orDetect(Character c) {
        return c == null ? null : of(c);
    }

    /**
     * The value of a {@code --delimiter} option: the character itself, or its name ({@code tab} also as {@code \t}).
     *
     * @return its character, or null when {@code value} is null (detect the delimiter)
     * @throws IllegalArgumentException naming the value when it is none of them
     */
    public static Character fromOption(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case ",", "comma" -> ',';
            case "|", "pipe" -> '|';
            case "tab", "\\t", "\t" -> '\t';
            case ";", "semicolon" -> ';';
            default -> throw new IllegalArgumentException("--delimiter must be ',', '|', 'tab' or ';', not '" + value + "'");
        };
    }
}
