package org.backcheck.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the T-SQL condition subset the EBI scripts use:
 * <pre>
 * condition := and ( OR and )*
 * and       := unary ( AND unary )*
 * unary     := NOT unary | '(' condition ')' | predicate
 * predicate := numeric BETWEEN integer AND integer
 *            | column [NOT] LIKE 'text'
 *            | column ( '&lt;&gt;' | '!=' | '=' ) 'text'
 * numeric   := ISNULL '(' numeric ',' numeric ')' | column
 * </pre>
 * Keywords are case-insensitive. A string literal opens and closes with {@code '} or with the
 * typographic {@code ’} found in the published web text, so the script can be pasted as published.
 */
public final class ConditionParser {

    private final String text;
    private final List<Token> tokens;
    private int pos;

    private ConditionParser(String text) {
        this.text = text;
        this.tokens = tokenize(text);
    }

    /** Parses one condition; {@link IllegalArgumentException} says where it went wrong. */
    public static Condition parse(String text) {
        ConditionParser p = new ConditionParser(text);
        Condition c = p.condition();
        if (p.peek().kind != Kind.END) {
            throw p.error("unexpected '" + p.peek().text + "'");
        }
        return c;
    }

    private Condition condition() {
        List<Condition> ors = new ArrayList<>();
        ors.add(and());
        while (keyword("OR")) {
            ors.add(and());
        }
        return ors.size() == 1 ? ors.get(0) : new Condition.Or(ors);
    }

    private Condition and() {
        List<Condition> ands = new ArrayList<>();
        ands.add(unary());
        while (keyword("AND")) {
            ands.add(unary());
        }
        return ands.size() == 1 ? ands.get(0) : new Condition.And(ands);
    }

    private Condition unary() {
        if (keyword("NOT")) {
            return new Condition.Not(unary());
        }
        if (symbol("(")) {
            Condition inner = condition();
            expectSymbol(")");
            return inner;
        }
        return predicate();
    }

    private Condition predicate() {
        if (peekKeyword("ISNULL")) {
            return between(numeric());
        }
        Column column = column();
        if (peekKeyword("BETWEEN")) {
            return between(new NumericValue.ColumnValue(column));
        }
        boolean negated = keyword("NOT");
        if (keyword("LIKE")) {
            String pattern = string();
            try {
                return new Condition.Like(column, LikePattern.compile(pattern), negated);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
        if (negated) {
            throw error("expected LIKE after NOT");
        }
        if (symbol("<>") || symbol("!=")) {
            return new Condition.Compare(column, string(), true);
        }
        if (symbol("=")) {
            return new Condition.Compare(column, string(), false);
        }
        throw error("expected LIKE, BETWEEN, = or <> after " + column.qualifiedName());
    }

    private Condition between(NumericValue value) {
        expectKeyword("BETWEEN");
        long low = integer();
        expectKeyword("AND");
        long high = integer();
        return new Condition.Between(value, low, high);
    }

    private NumericValue numeric() {
        if (keyword("ISNULL")) {
            expectSymbol("(");
            NumericValue first = numeric();
            expectSymbol(",");
            NumericValue fallback = numeric();
            expectSymbol(")");
            return new NumericValue.IsNull(first, fallback);
        }
        return new NumericValue.ColumnValue(column());
    }

    private Column column() {
        Token t = next();
        if (t.kind != Kind.WORD || isReserved(t.text)) {
            throw error("expected a column name, found '" + t.text + "'", t);
        }
        int dot = t.text.lastIndexOf('.');
        return dot < 0 ? new Column(null, t.text) : new Column(t.text.substring(0, dot), t.text.substring(dot + 1));
    }

    private String string() {
        Token t = next();
        if (t.kind != Kind.STRING) {
            throw error("expected a quoted string, found '" + t.text + "'", t);
        }
        return t.text;
    }

    private long integer() {
        Token t = next();
        if (t.kind != Kind.NUMBER) {
            throw error("expected a whole number, found '" + t.text + "'", t);
        }
        return Long.parseLong(t.text);
    }

    private static boolean isReserved(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "AND", "OR", "NOT", "LIKE", "BETWEEN", "ISNULL" -> true;
            default -> false;
        };
    }

    private boolean peekKeyword(String kw) {
        Token t = peek();
        return t.kind == Kind.WORD && t.text.equalsIgnoreCase(kw);
    }

    private boolean keyword(String kw) {
        if (peekKeyword(kw)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String kw) {
        if (!keyword(kw)) {
            throw error("expected " + kw + ", found '" + peek().text + "'");
        }
    }

    private boolean symbol(String s) {
        Token t = peek();
        if (t.kind == Kind.SYMBOL && t.text.equals(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectSymbol(String s) {
        if (!symbol(s)) {
            throw error("expected '" + s + "', found '" + peek().text + "'");
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Kind.END) {
            pos++;
        }
        return t;
    }

    private IllegalArgumentException error(String message) {
        return error(message, peek());
    }

    private IllegalArgumentException error(String message, Token at) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < at.offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new IllegalArgumentException(message + " (line " + line + ", column " + col + ")");
    }

    private enum Kind { WORD, STRING, NUMBER, SYMBOL, END }

    private record Token(Kind kind, String text, int offset) { }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '\u2019') {
                StringBuilder sb = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= s.length()) {
                        throw new IllegalArgumentException("unterminated string starting at offset " + i);
                    }
                    char d = s.charAt(j);
                    if (d == '\'' && j + 1 < s.length() && s.charAt(j + 1) == '\'') {
                        sb.append('\'');
                        j += 2;
                    } else if (d == '\'' || d == '\u2019') {
                        break;
                    } else {
                        sb.append(d);
                        j++;
                    }
                }
                out.add(new Token(Kind.STRING, sb.toString(), i));
                i = j + 1;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < s.length() && Character.isDigit(s.charAt(j))) {
                    j++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j), i));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.')) {
                    j++;
                }
                out.add(new Token(Kind.WORD, s.substring(i, j), i));
                i = j;
            } else if (s.startsWith("<>", i) || s.startsWith("!=", i)) {
                out.add(new Token(Kind.SYMBOL, s.substring(i, i + 2), i));
                i += 2;
            } else if (c == '(' || c == ')' || c == ',' || c == '=') {
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
                i++;
            } else {
                throw new IllegalArgumentException("unexpected character '" + c + "' at offset " + i);
            }
        }
        out.add(new Token(Kind.END, "end of text", s.length()));
        return out;
    }
}
