package org.backcheck.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .measure} file: header lines ({@code measure}, {@code title}, {@code source}),
 * a {@code when} block, {@code exclusion NAME} blocks and {@code NOTE: id text} lines. A block
 * runs until the next header keyword; {@code #} lines are comments.
 */
final class MeasureParser {

    private final String[] lines;

    MeasureParser(String definition) {
        this.lines = definition.split("\r?\n", -1);
    }

    Measure parse() {
        String id = null;
        String title = null;
        String source = null;
        Condition when = null;
        List<Exclusion> exclusions = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].strip();
            int lineNo = i + 1;
            i++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("NOTE:")) {
                String rest = line.substring(5).strip();
                int sp = rest.indexOf(' ');
                if (sp < 0) {
                    throw error(lineNo, "a NOTE needs an id and a text");
                }
                notes.add(new Note(rest.substring(0, sp), rest.substring(sp + 1).strip()));
                continue;
            }
            String keyword = firstWord(line);
            String value = line.substring(keyword.length()).strip();
            switch (keyword) {
                case "measure" -> id = value;
                case "title" -> title = value;
                case "source" -> source = value;
                case "when", "exclusion" -> {
                    int start = i;
                    while (i < lines.length && !isHeader(lines[i])) {
                        i++;
                    }
                    Condition condition = parseBlock(start, i);
                    if (keyword.equals("when")) {
                        if (when != null) {
                            throw error(lineNo, "a measure has one 'when' block");
                        }
                        when = condition;
                    } else {
                        try {
                            exclusions.add(new Exclusion(value, condition));
                        } catch (IllegalArgumentException e) {
                            throw error(lineNo, e.getMessage());
                        }
                    }
                }
                default -> throw error(lineNo, "unknown keyword '" + keyword + "'");
            }
        }
        if (id == null || when == null) {
            throw new IllegalArgumentException("a measure definition needs a 'measure' line and a 'when' block");
        }
        return new Measure(id, title == null ? id : title, source == null ? "" : source, when, exclusions, notes);
    }

    private Condition parseBlock(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int k = from; k < to; k++) {
            String l = lines[k];
            sb.append(l.strip().startsWith("#") ? "" : l).append('\n');
        }
        try {
            return ConditionParser.parse(sb.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("in the block starting at line " + from + ": " + e.getMessage(), e);
        }
    }

    private static boolean isHeader(String raw) {
        String line = raw.strip();
        if (line.startsWith("NOTE:")) {
            return true;
        }
        if (raw.isEmpty() || Character.isWhitespace(raw.charAt(0)) || line.startsWith("#")) {
            return false;
        }
        return switch (firstWord(line)) {
            case "measure", "title", "source", "when", "exclusion" -> true;
            default -> false;
        };
    }

    private static String firstWord(String line) {
        int sp = 0;
        while (sp < line.length() && !Character.isWhitespace(line.charAt(sp))) {
            sp++;
        }
        return line.substring(0, sp);
    }

    private static IllegalArgumentException error(int line, String message) {
        return new IllegalArgumentException("measure definition line " + line + ": " + message);
    }
}
