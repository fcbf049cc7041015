package org.backcheck.codelist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a shipped list comes from: the {@code .source} file beside it, one {@code key: value} per
 * line. Every list's record names its {@code source} (document or table it follows), a {@code url},
 * a {@code date} (when that source was published or last checked, {@code YYYY-MM} or
 * {@code YYYY-MM-DD}) and the {@code sha256} of the list file as shipped, so that a list cannot
 * change without its record being looked at again.
 */
public record Provenance(String list, Map<String, String> fields) {

    /** The keys every record has. */
    public static final List<String> REQUIRED = List.of("source", "url", "date", "sha256");

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}(-\\d{2})?( .*)?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Provenance {
        fields = Map.copyOf(fields);
    }

    /** Reads the lines of a {@code .source} file; lines without a colon are ignored. */
    public static Provenance parse(String list, List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return new Provenance(list, fields);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /**
     * What is wrong with this record for a list file holding {@code content}: a missing key, a date
     * not in the expected form, or a checksum that is not the file's. Empty when the record holds.
     */
    public Optional<String> problemWith(byte[] content) {
        for (String key : REQUIRED) {
            if (fields.getOrDefault(key, "").isBlank()) {
                return Optional.of(list + ": the .source file has no '" + key + ":' line");
            }
        }
        if (!DATE.matcher(fields.get("date")).matches()) {
            return Optional.of(list + ": date '" + fields.get("date") + "' is not YYYY-MM or YYYY-MM-DD");
        }
        String actual = sha256(content);
        if (!SHA256.matcher(fields.get("sha256")).matches() || !actual.equals(fields.get("sha256"))) {
            return Optional.of(list + " has changed since its provenance was recorded (sha256 " + actual
                    + ", recorded " + fields.get("sha256") + "): check the list against its source, then"
                    + " update 'date' and 'sha256' in its .source file");
        }
        return Optional.empty();
    }

    /** The SHA-256 of the bytes, as 64 lower-case hex digits. */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Checks every list ({@code *.csv}) in a folder against the {@code .source} file beside it:
     * one line per list whose record is missing or no longer holds. Empty when all hold.
     */
    public static List<String> problemsIn(Path folder) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> lists;
        try (Stream<Path> files = Files.list(folder)) {
            lists = files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        if (lists.isEmpty()) {
            problems.add(folder + ": no lists (*.csv) found");
        }
        for (Path list : lists) {
            String name = list.getFileName().toString();
            Path source = list.resolveSibling(name.substring(0, name.length() - ".csv".length()) + ".source");
            if (!Files.exists(source)) {
                problems.add(name + ": no " + source.getFileName() + " beside it saying where it comes from");
                continue;
            }
            parse(name, Files.readAllLines(source, StandardCharsets.UTF_8))
                    .problemWith(Files.readAllBytes(list)).ifPresent(problems::add);
        }
        return problems;
    }
}
