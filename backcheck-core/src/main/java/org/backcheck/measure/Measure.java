package org.backcheck.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A measure as published: the WHEN condition that selects activity, the exclusions that remove
 * some of it, the notes recording how Backcheck reads what the text leaves open, and the clause
 * ids that name those parts for tests and docs.
 * Read from a {@code .measure} file (see {@code 2S_lower_back_imaging.measure}).
 */
public record Measure(String id, String title, String source, Condition when,
                      List<Exclusion> exclusions, List<Note> notes, List<Clause> clauses) {

    /** Resource holding the published EBI low back pain imaging measure. */
    public static final String LOWER_BACK_IMAGING_RESOURCE = "/org/backcheck/measure/2S_lower_back_imaging.measure";

    public Measure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(when, "when");
        exclusions = List.copyOf(exclusions);
        notes = List.copyOf(notes);
        clauses = List.copyOf(clauses);
        Set<String> clauseIds = new LinkedHashSet<>();
        for (Clause c : clauses) {
            if (!clauseIds.add(c.id())) {
                throw new IllegalArgumentException("duplicate clause id: " + c.id());
            }
        }
        Set<String> names = new LinkedHashSet<>();
        for (Exclusion e : exclusions) {
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("duplicate exclusion name: " + e.name());
            }
        }
    }

    /** The EBI measure {@code 2S_lower_back_imaging}, parsed from its bundled definition. */
    public static Measure lowerBackImaging() {
        return Holder.LOWER_BACK_IMAGING;
    }

    /** The clause with this id ("W1", "X2"), or empty. */
    public Optional<Clause> clause(String clauseId) {
        return clauses.stream().filter(c -> c.id().equals(clauseId)).findFirst();
    }

    /** Parses a measure definition text; errors name the line. */
    public static Measure parse(String definition) {
        return new MeasureParser(definition).parse();
    }

    public static Measure fromResource(String resource) {
        try (InputStream in = Measure.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("measure definition not on the class path: " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every column the measure reads, in order of first mention. */
    public List<Column> columns() {
        Set<Column> all = new LinkedHashSet<>();
        all.addAll(textColumns());
        all.addAll(numericColumns());
        return List.copyOf(all);
    }

    /** Columns read as text (LIKE and comparisons), in order of first mention. */
    public List<Column> textColumns() {
        Set<Column> cols = new LinkedHashSet<>();
        for (Condition c : allConditions()) {
            c.forEach(node -> {
                if (node instanceof Condition.Like like) {
                    cols.add(like.column());
                } else if (node instanceof Condition.Compare cmp) {
                    cols.add(cmp.column());
                }
            });
        }
        return List.copyOf(cols);
    }

    /** Columns read as whole numbers (BETWEEN), in order of first mention. */
    public List<Column> numericColumns() {
        Set<Column> cols = new LinkedHashSet<>();
        for (Condition c : allConditions()) {
            c.forEach(node -> {
                if (node instanceof Condition.Between between) {
                    cols.addAll(between.value().columns());
                }
            });
        }
        return List.copyOf(cols);
    }

    private List<Condition> allConditions() {
        List<Condition> all = new ArrayList<>();
        all.add(when);
        exclusions.forEach(e -> all.add(e.keepWhen()));
        return all;
    }

    private static final class Holder {
        static final Measure LOWER_BACK_IMAGING = fromResource(LOWER_BACK_IMAGING_RESOURCE);
    }
}
