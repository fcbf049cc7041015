package org.backcheck.measure;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .measure} file: header lines ({@code measure}, {@code title}, {@code source}),
 * a {@code when} block, {@code exclusion NAME} blocks, {@code NOTE: id text} lines and one-line
 * {@code clause ID KIND TEXT} declarations (see {@link Clause}). A block runs until the next header
 * keyword; {@code #} lines are comments. Clauses are resolved once the whole file is read, so they
 * may come before what they name.
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
        List<Declared> declared = new ArrayList<>();
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
                case "clause" -> declared.add(new Declared(lineNo, value));
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
        List<Clause> clauses = new ArrayList<>();
        for (Declared d : declared) {
            clauses.add(clause(d, when, exclusions, notes));
        }
        try {
            return new Measure(id, title == null ? id : title, source == null ? "" : source, when, exclusions,
                    notes, clauses);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("measure definition: " + e.getMessage(), e);
        }
    }

    /** A {@code clause} line as read, resolved once the whole file is known. */
    private record Declared(int lineNo, String text) { }

    private static Clause clause(Declared d, Condition when, List<Exclusion> exclusions, List<Note> notes) {
        String[] parts = d.text().split("\\s+", 3);
        if (parts.length < 3) {
            throw error(d.lineNo(), "a clause line is 'clause ID when TEXT', 'clause ID exclusion NAME'"
                    + " or 'clause ID note NOTE'");
        }
        String clauseId = parts[0];
        String target = parts[2].strip();
        try {
            return switch (parts[1]) {
                case "when" -> new Clause.WhenPart(clauseId, partOf(when, target));
                case "exclusion" -> new Clause.ExclusionPart(clauseId, exclusions.stream()
                        .filter(e -> e.name().equals(target)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no exclusion named '" + target + "'")));
                case "note" -> new Clause.NotePart(clauseId, notes.stream()
                        .filter(n -> n.id().equals(target)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no NOTE with id '" + target + "'")));
                default -> throw new IllegalArgumentException("a clause names a 'when' part, an 'exclusion' or a"
                        + " 'note', not '" + parts[1] + "'");
            };
        } catch (IllegalArgumentException e) {
            throw error(d.lineNo(), e.getMessage());
        }
    }

    /** The node of {@code when} equal to {@code text} as parsed; the clause may not rewrite the script. */
    private static Condition partOf(Condition when, String text) {
        if (when == null) {
            throw new IllegalArgumentException("a when clause needs the 'when' block");
        }
        Condition part = ConditionParser.parse(text);
        List<Condition> nodes = new ArrayList<>();
        when.forEach(nodes::add);
        if (!nodes.contains(part)) {
            throw new IllegalArgumentException("'" + text + "' is not a part of the 'when' block as written");
        }
        return part;
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
            case "measure", "title", "source", "when", "exclusion", "clause" -> true;
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
