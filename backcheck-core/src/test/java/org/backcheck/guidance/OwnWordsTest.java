package org.backcheck.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * "Write all text in our own words": no statement, red-flag label or leaflet line may share a run
 * of six or more words with the source documents in shared/seeds. The seeds live beside the
 * repository (they are not ours to ship); CI always has them, so there the test never skips.
 */
class OwnWordsTest {

    private static final int RUN = 6;

    /** Proper names are facts, not prose: runs that lie inside one of these are not copying. */
    private static final List<String> NAMES = List.of("the national back and radicular pain pathway");

    @Test
    void noTextSharesSixWordsWithTheSeedDocuments() throws IOException {
        Path seeds = findSeeds();
        if (seeds == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("shared/seeds not found beside the repository: CI must have it");
            }
            Assumptions.abort("shared/seeds not found beside the repository; this check runs where it is (always in CI)");
        }
        Set<String> seedRuns = new HashSet<>();
        try (Stream<Path> files = Files.list(seeds)) {
            for (Path f : files.toList()) {
                seedRuns.addAll(runs(Files.readString(f, StandardCharsets.UTF_8)));
            }
        }
        assertThat(seedRuns).hasSizeGreaterThan(500);
        List<String> ours = new ArrayList<>();
        GuidanceText t = GuidanceText.get();
        t.statements.values().forEach(s -> ours.add(s.id() + ": " + s.text()));
        t.redFlags.values().forEach(r -> ours.add(r.id() + ": " + r.label()));
        List<String> copied = new ArrayList<>();
        for (String line : ours) {
            String text = line.substring(line.indexOf(": ") + 2);
            for (String run : runs(text)) {
                if (seedRuns.contains(run) && NAMES.stream().noneMatch(n -> n.contains(run))) {
                    copied.add(line.substring(0, line.indexOf(':')) + " shares \"" + run + "\"");
                }
            }
        }
        assertThat(copied).as("texts sharing %d-word runs with the seeds", RUN).isEmpty();
    }

    /** Every run of six consecutive words, lower-cased, punctuation and typographic quotes removed. */
    static Set<String> runs(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).replaceAll("[\u2018\u2019']", "").split("[^a-z0-9]+");
        List<String> w = new ArrayList<>();
        for (String word : words) {
            if (!word.isEmpty()) {
                w.add(word);
            }
        }
        Set<String> out = new HashSet<>();
        for (int i = 0; i + RUN <= w.size(); i++) {
            out.add(String.join(" ", w.subList(i, i + RUN)));
        }
        return out;
    }

    private static Path findSeeds() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 5 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/seeds");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
