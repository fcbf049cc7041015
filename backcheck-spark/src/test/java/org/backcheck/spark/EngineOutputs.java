package org.backcheck.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What an engine wrote, read back for comparison: the matches and rejected rows (each a list of
 * fields, as text, in row order, without the header) and summary.json.
 */
record EngineOutputs(List<List<String>> matches, List<List<String>> rejected, JsonNode summary) {

    static final List<String> MATCH_COLUMNS = List.of("row", "id", "status", "reason", "matched_codes");
    static final List<String> REJECTED_COLUMNS = List.of("row", "id", "field", "reason");

    /** The single-machine audit's matches.csv, rejected.csv and summary.json. */
    static EngineOutputs ofSingleMachine(Path dir) throws IOException {
        return new EngineOutputs(csvFile(dir.resolve("matches.csv"), MATCH_COLUMNS),
                csvFile(dir.resolve("rejected.csv"), REJECTED_COLUMNS), json(dir.resolve("summary.json")));
    }

    /** The Spark job's Parquet outputs. */
    static EngineOutputs ofSparkParquet(SparkSession spark, Path dir) throws IOException {
        return new EngineOutputs(parquet(spark, dir.resolve("matches"), MATCH_COLUMNS),
                parquet(spark, dir.resolve("rejected"), REJECTED_COLUMNS), json(dir.resolve("summary.json")));
    }

    /** The Spark job's CSV outputs: each folder's part files, read as text, each with its header line. */
    static EngineOutputs ofSparkCsv(Path dir) throws IOException {
        return new EngineOutputs(csvParts(dir.resolve("matches"), MATCH_COLUMNS),
                csvParts(dir.resolve("rejected"), REJECTED_COLUMNS), json(dir.resolve("summary.json")));
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<List<String>> csvFile(Path file, List<String> header) throws IOException {
        List<List<String>> rows = CsvText.read(Files.readString(file, StandardCharsets.UTF_8));
        if (!rows.get(0).equals(header)) {
            throw new AssertionError(file + " header: " + rows.get(0));
        }
        // The single-machine audit writes text a spreadsheet would run with a leading quote; the Spark job's
        // parts do not (README: Safe to open in a spreadsheet). Undone here as the README says, to compare values.
        return rows.subList(1, rows.size()).stream()
                .map(row -> row.stream().map(f -> f.startsWith("'") ? f.substring(1) : f).toList()).toList();
    }

    private static List<List<String>> csvParts(Path dir, List<String> header) throws IOException {
        List<List<String>> all = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                List<List<String>> rows = CsvText.read(Files.readString(part, StandardCharsets.UTF_8));
                if (rows.isEmpty()) {
                    continue;
                }
                if (!rows.get(0).equals(header)) {
                    throw new AssertionError(part + " header: " + rows.get(0));
                }
                all.addAll(rows.subList(1, rows.size()));
            }
        }
        all.sort(Comparator.comparingLong(r -> Long.parseLong(r.get(0))));
        return all;
    }

    private static List<List<String>> parquet(SparkSession spark, Path dir, List<String> columns) {
        List<List<String>> rows = new ArrayList<>();
        for (Row r : spark.read().parquet(dir.toString()).collectAsList()) {
            List<String> fields = new ArrayList<>();
            for (String c : columns) {
                Object v = r.get(r.fieldIndex(c));
                fields.add(v == null ? "" : v.toString());
            }
            rows.add(fields);
        }
        rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.get(0))));
        return rows;
    }
}
