package org.backcheck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a report's figures come from, as its footer, {@code summary.json} and {@code aggregates.json}
 * give it: the Backcheck build, the run (date and time in UTC, engine), the input's name, size and
 * SHA-256, the measure and its revision, and every option used (the engine's, then the report's).
 *
 * @param tool    the build that made the figures
 * @param run     the engine's record of the run
 * @param measure the measure's id
 * @param options the engine's options, then the report's, as arguments
 */
public record Provenance(ToolBuild tool, RunRecord run, String measure, List<String> options) {

    public Provenance {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(measure, "measure");
        options = List.copyOf(options);
    }

    /** The provenance of an audit's figures, with the report's options ({@link ReportRequest#arguments()}) after the engine's. */
    public static Provenance of(AuditFigures figures, List<String> reportArguments) {
        List<String> options = new ArrayList<>(figures.run().engineOptions());
        options.addAll(reportArguments);
        return new Provenance(ToolBuild.current(), figures.run(), figures.measure(), options);
    }

    /** The options as one line, each value that holds a space or quote in double quotes. */
    public String optionsLine() {
        List<String> out = new ArrayList<>();
        for (String o : options) {
            out.add(o.isEmpty() || o.matches(".*[\\s\"'].*") ? '"' + o.replace("\"", "\\\"") + '"' : o);
        }
        return String.join(" ", out);
    }

    /** The JSON object under the key {@code provenance}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "backcheck");
        m.put("version", tool.version());
        m.put("commit", tool.commit());
        m.put("run_utc", run.started().toString());
        m.put("engine", run.engine());
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", run.input().name());
        input.put("bytes", run.input().bytes());
        input.put("sha256", run.input().sha256());
        input.put("checksum_of", run.input().method());
        m.put("input", input);
        m.put("measure", measure);
        m.put("measure_revision", run.measureRevision());
        m.put("options", options);
        return m;
    }
}
