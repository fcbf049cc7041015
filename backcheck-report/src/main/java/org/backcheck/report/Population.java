package org.backcheck.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.backcheck.extract.Excerpt;

/**
 * Resident population by organisation and calendar year, for rates per 100,000 by commissioner.
 *
 * <p>The file ({@code --population FILE}) is CSV with the header {@code org_code,year,population}
 * (names matched without regard to case, columns in any order), one row per organisation and
 * calendar year: {@code org_code} as it appears in {@code Der_Commissioner_Code} (matched without
 * regard to case or surrounding spaces), {@code year} a calendar year such as 2024, and
 * {@code population} a whole number above 0. Typical sources are ONS mid-year estimates by sub-ICB
 * location or the GP registered population. A population file is small and must be right, so any bad
 * row stops the run, and every bad row is listed with its line and field.
 *
 * @param byOrgYear population by upper-cased organisation code, then year
 * @param source    the file read, for the report's method notes
 */
public record Population(Map<String, Map<Integer, Long>> byOrgYear, String source) {

    public Population {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        byOrgYear.forEach((org, years) -> copy.put(org, Collections.unmodifiableMap(new TreeMap<>(years))));
        byOrgYear = Collections.unmodifiableMap(copy);
    }

    /** The population of {@code org} in {@code year}, if the file has it. */
    public Optional<Long> of(String org, int year) {
        Map<Integer, Long> years = byOrgYear.get(key(org));
        return years == null ? Optional.empty() : Optional.ofNullable(years.get(year));
    }

    static String key(String org) {
        return org.strip().toUpperCase(Locale.ROOT);
    }

    /** Reads and checks a population file. */
    public static Population read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new InvalidPopulationFileException("the population file " + file + " (--population) does not exist. "
                    + "It must be a CSV file with the header org_code,year,population and one row per commissioner code "
                    + "(as in Der_Commissioner_Code) and calendar year, e.g. 15N,2024,1234567; or leave --population out");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidPopulationFileException("the population file " + file + " (--population) is a folder; "
                    + "give the CSV file with the header org_code,year,population");
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidPopulationFileException(file + " is not UTF-8 text; save it as UTF-8 (in Excel: "
                    + "'CSV UTF-8') and run again");
        }
    }

    static Population parse(BufferedReader in, String source) throws IOException {
        BoundedLines lines = new BoundedLines(in, source, InvalidPopulationFileException::new);
        String header = lines.next();
        if (header == null) {
            throw new InvalidPopulationFileException(source + " is empty: it needs the header org_code,year,population");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        List<String> names = split(header).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        int org = names.indexOf("org_code");
        int year = names.indexOf("year");
        int pop = names.indexOf("population");
        if (org < 0 || year < 0 || pop < 0 || names.size() != 3) {
            throw new InvalidPopulationFileException(source + " line 1: the header must name exactly the columns "
                    + "org_code, year and population (found " + Excerpt.ofNames(names) + ")");
        }
        Map<String, Map<Integer, Long>> data = new TreeMap<>();
        Map<String, Integer> firstLine = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        String line;
        while (!BadRows.full(problems) && (line = lines.next()) != null) {
            int lineNo = lines.number();
            if (line.isBlank()) {
                continue;
            }
            List<String> f = split(line);
            if (f.size() != 3) {
                problems.add("line " + lineNo + ": expected 3 fields, found " + f.size());
                continue;
            }
            String code = key(f.get(org));
            if (code.isEmpty() || !code.matches("[A-Z0-9][A-Z0-9-]{1,11}")) {
                problems.add("line " + lineNo + ", org_code: '" + Excerpt.of(f.get(org).strip()) + "' is not an organisation code "
                        + "(2 to 12 letters, digits or hyphens, starting with a letter or digit)");
                continue;
            }
            Integer y = whole(f.get(year), 1900, 2200);
            if (y == null) {
                problems.add("line " + lineNo + ", year: '" + Excerpt.of(f.get(year).strip()) + "' is not a calendar year such as 2024");
                continue;
            }
            Long people = wholeLong(f.get(pop));
            if (people == null || people <= 0) {
                problems.add("line " + lineNo + ", population: '" + Excerpt.of(f.get(pop).strip()) + "' is not a whole number above 0");
                continue;
            }
            String k = code + "/" + y;
            if (firstLine.containsKey(k)) {
                problems.add("line " + lineNo + ": " + code + " in " + y + " is also on line " + firstLine.get(k)
                        + "; keep one row per organisation and year");
                continue;
            }
            firstLine.put(k, lineNo);
            data.computeIfAbsent(code, c -> new TreeMap<>()).put(y, people);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPopulationFileException(source + " has " + BadRows.count(problems, "bad row")
                    + BadRows.stopped(problems) + "; nothing was audited. Fix " + (problems.size() == 1 ? "it" : "them") + " and run again:"
                    + BadRows.listed(problems));
        }
        if (data.isEmpty()) {
            throw new InvalidPopulationFileException(source + " has a header but no rows");
        }
        return new Population(data, source);
    }

    /** Comma-separated fields; a field may be in double quotes (no commas or quotes inside codes or numbers). */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String s : line.split(",", -1)) {
            String t = s.strip();
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            out.add(t);
        }
        return out;
    }

    private static Integer whole(String s, int min, int max) {
        Long v = wholeLong(s);
        return v == null || v < min || v > max ? null : v.intValue();
    }

    private static Long wholeLong(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.length() > 12 || !t.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(t);
    }
}
