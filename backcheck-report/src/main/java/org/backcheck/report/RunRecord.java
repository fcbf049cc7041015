package org.backcheck.report;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;

/**
 * What an engine records about one audit run besides its figures: when it started, which engine ran
 * it, the input's identity, the measure's revision and the engine's own options, so that a report
 * says what it was made from ({@link Provenance} adds the build and the report's options).
 *
 * @param started         when the run started, UTC, to the second
 * @param engine          "single" or "spark"
 * @param input           the input's name, size and SHA-256
 * @param measureRevision the measure's source line (which names its published revision) and the
 *                        SHA-256 of the packaged definition file it was parsed from
 * @param engineOptions   the engine's options as arguments, e.g. {@code --null-policy clinical}
 */
public record RunRecord(Instant started, String engine, InputIdentity input, String measureRevision,
                        List<String> engineOptions) {

    public RunRecord {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(measureRevision, "measureRevision");
        started = started.truncatedTo(ChronoUnit.SECONDS);
        engineOptions = List.copyOf(engineOptions);
    }

    /**
     * The engine's options as both engines record them: {@code --engine}, {@code --null-policy},
     * {@code --delimiter} (as read: given or detected; none for Parquet) and {@code --id-column} (when given).
     */
    public static List<String> engineOptions(String engine, NullPolicy nullPolicy, String delimiter, String idColumn) {
        List<String> out = new java.util.ArrayList<>(List.of("--engine", engine, "--null-policy", nullPolicy.id()));
        if (delimiter != null) {
            out.add("--delimiter");
            out.add(delimiter);
        }
        if (idColumn != null) {
            out.add("--id-column");
            out.add(idColumn);
        }
        return out;
    }

    /**
     * The measure's revision: its source line, and the SHA-256 of the definition file packaged with
     * Backcheck when the measure is that one (a measure parsed from other text says so instead).
     */
    public static String measureRevision(Measure measure) {
        String definition = Measure.lowerBackImaging().equals(measure)
                ? "definition file SHA-256 " + packagedDefinitionSha256()
                : "definition not the packaged file";
        return measure.source() + "; " + definition;
    }

    private static String packagedDefinitionSha256() {
        try (InputStream in = Measure.class.getResourceAsStream(Measure.LOWER_BACK_IMAGING_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the measure definition is not on the class path");
            }
            return InputDigest.ofStream(in, Measure.LOWER_BACK_IMAGING_RESOURCE, InputIdentity.FILE).sha256();
        } catch (IOException e) {
            throw new IllegalStateException("the measure definition on the class path cannot be read", e);
        }
    }
}
