package org.backcheck.codelist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A codelist shipped as data: a CSV of rows (first column the code or pattern) and a
 * {@code .source} file saying where it comes from and under which licence (a {@link Provenance}). Simple CSV only:
 * no quoted fields, which a test keeps true.
 */
public record Codelist(String id, List<String> header, List<List<String>> rows, Map<String, String> provenance) {

    public Codelist {
        Objects.requireNonNull(id, "id");
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        provenance = Map.copyOf(provenance);
        for (String key : List.of("source", "system")) {
            if (!provenance.containsKey(key)) {
                throw new IllegalArgumentException("codelist " + id + " has no '" + key + "' in its .source file");
            }
        }
    }

    /** Loads {@code /org/backcheck/codelists/ID.csv} and {@code ID.source}. */
    public static Codelist load(String id) {
        List<String> lines = readLines("/org/backcheck/codelists/" + id + ".csv");
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = Arrays.asList(lines.get(i).split(",", -1));
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("codelist " + id + " line " + (i + 1) + ": expected "
                        + header.size() + " fields, found " + row.size());
            }
            rows.add(row);
        }
        Provenance provenance = Provenance.parse(id, readLines("/org/backcheck/codelists/" + id + ".source"));
        return new Codelist(id, header, rows, provenance.fields());
    }

    /** The first column of every row: the codes (or patterns) themselves. */
    public List<String> codes() {
        return rows.stream().map(r -> r.get(0)).toList();
    }

    /** The value of {@code column} in every row. */
    public List<String> column(String column) {
        int i = header.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("codelist " + id + " has no column " + column + "; it has " + header);
        }
        return rows.stream().map(r -> r.get(i)).toList();
    }

    private static List<String> readLines(String resource) {
        try (InputStream in = Codelist.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("codelist resource not found: " + resource);
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return r.lines().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
