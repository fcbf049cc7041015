package org.backcheck.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hazard log ({@code clinical-safety/hazard-log.csv}) is checked like code: every hazard has
 * controls and names the tests that prove them, every named test exists, and every risk rating is
 * the one the DCB0129 matrix gives (clinical-safety/README.md). A control that is only a claim
 * fails the build.
 */
class HazardLogTest {

    private static final List<String> SEVERITY = List.of("minor", "significant", "considerable", "major", "catastrophic");
    private static final List<String> LIKELIHOOD = List.of("very_low", "low", "medium", "high", "very_high");
    /** Risk by likelihood (row, very low first) and severity (column, minor first), as in the DCB0129 matrix. */
    static final int[][] MATRIX = {
        {1, 1, 2, 2, 3},
        {1, 2, 2, 3, 4},
        {2, 2, 3, 3, 4},
        {2, 3, 3, 4, 5},
        {3, 4, 4, 5, 5}};
    private static final int COLUMNS = 13;

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("clinical-safety/hazard-log.csv"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("clinical-safety/hazard-log.csv not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static List<String[]> rows(Path log) throws IOException {
        List<String[]> rows = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            rows.add(line.split("\\|", -1));
        }
        return rows;
    }

    /** Every test method in every module: "Class#method". */
    static Set<String> testMethods(Path root) throws IOException {
        Set<String> found = new HashSet<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/java/"))
                    .filter(p -> !p.toString().contains("/target/")).toList()) {
                String cls = f.getFileName().toString().replace(".java", "");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(")
                        .matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    found.add(cls + "#" + m.group(1));
                }
            }
        }
        return found;
    }

    /** The problems with one row; empty when it is sound. */
    static List<String> problems(String[] row, Set<String> tests) {
        List<String> out = new ArrayList<>();
        if (row.length != COLUMNS) {
            out.add("expected " + COLUMNS + " columns, found " + row.length);
            return out;
        }
        String id = row[0];
        if (!id.matches("H[0-9]{2}")) {
            out.add(id + ": id is not H and two digits");
        }
        for (int i = 1; i <= 3; i++) {
            if (row[i].isBlank()) {
                out.add(id + ": hazard, cause and effect are required");
            }
        }
        Integer initial = rating(row[4], row[5], id, out);
        Integer residual = rating(row[9], row[10], id, out);
        if (initial != null && !row[6].equals(String.valueOf(initial))) {
            out.add(id + ": initial risk is " + row[6] + " but the matrix gives " + initial);
        }
        if (residual != null && !row[11].equals(String.valueOf(residual))) {
            out.add(id + ": residual risk is " + row[11] + " but the matrix gives " + residual);
        }
        if (residual != null && residual >= 4) {
            out.add(id + ": a residual risk of " + residual + " is unacceptable");
        }
        if (initial != null && residual != null && residual > initial) {
            out.add(id + ": the controls raise the risk");
        }
        if (row[7].isBlank()) {
            out.add(id + ": no controls");
        }
        if (row[8].isBlank()) {
            out.add(id + ": no test named for its controls");
        } else {
            for (String t : row[8].split(";")) {
                if (!tests.contains(t.strip())) {
                    out.add(id + ": names " + t.strip() + ", which is not a test method in any module");
                }
            }
        }
        if (!List.of("open", "closed", "transferred").contains(row[12])) {
            out.add(id + ": status must be open, closed or transferred");
        }
        return out;
    }

    private static Integer rating(String severity, String likelihood, String id, List<String> out) {
        int s = SEVERITY.indexOf(severity);
        int l = LIKELIHOOD.indexOf(likelihood);
        if (s < 0 || l < 0) {
            out.add(id + ": severity '" + severity + "' or likelihood '" + likelihood + "' is not on the scale");
            return null;
        }
        return MATRIX[l][s];
    }

    @Test
    void everyHazardHasControlsProvedByTestsThatExistAndRatingsFromTheMatrix() throws IOException {
        Path root = repositoryRoot();
        Set<String> tests = testMethods(root);
        assertThat(tests).hasSizeGreaterThan(100);
        List<String[]> rows = rows(root.resolve("clinical-safety/hazard-log.csv"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(15);
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String[] row : rows) {
            problems.addAll(problems(row, tests));
            if (!ids.add(row[0])) {
                problems.add(row[0] + ": listed twice");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckCatchesAMissingTestAWrongRatingAndAHazardWithoutControls() throws IOException {
        Set<String> tests = Set.of("RealTest#proves");
        String[] good = {"H99", "h", "c", "e", "major", "high", "4", "a control", "RealTest#proves", "major", "very_low", "2", "closed"};
        assertThat(problems(good, tests)).isEmpty();
        String[] bad = good.clone();
        bad[8] = "RealTest#proves;GhostTest#neverWritten";
        bad[6] = "3";
        bad[7] = "";
        assertThat(problems(bad, tests)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("GhostTest#neverWritten"))
                .anySatisfy(p -> assertThat(p).contains("matrix gives 4"))
                .anySatisfy(p -> assertThat(p).contains("no controls"));
        String[] unacceptable = good.clone();
        unacceptable[10] = "high";
        unacceptable[11] = "4";
        assertThat(problems(unacceptable, tests)).anySatisfy(p -> assertThat(p).contains("unacceptable"));
        assertThat(testMethods(repositoryRoot())).contains("HazardLogTest#theCheckCatchesAMissingTestAWrongRatingAndAHazardWithoutControls");
    }

    @Test
    void theMatrixIsTheDcb0129One() {
        // Spot checks against the published matrix (clinical-safety/README.md): its corners and diagonal.
        assertThat(MATRIX[0][0]).isEqualTo(1);
        assertThat(MATRIX[4][4]).isEqualTo(5);
        assertThat(MATRIX[0][4]).isEqualTo(3);
        assertThat(MATRIX[4][0]).isEqualTo(3);
        assertThat(Map.of("medium/considerable", MATRIX[2][2], "high/major", MATRIX[3][3]))
                .containsEntry("medium/considerable", 3).containsEntry("high/major", 4);
    }
}
