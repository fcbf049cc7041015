package org.backcheck.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "assess", mixinStandardHelpOptions = true,
        description = {
            "Assesses one person's low back pain against the EBI guidance \"Low back pain imaging\" (with NICE NG59 and NG65):",
            "is imaging indicated, how urgently, why, what to do instead, and what to tell the person.",
            "The case is a JSON file: age and duration_weeks are required; sciatica, setting, result_would_change_management,",
            "red_flags, spa_features, hla_b27, onset_age and start_back are optional (the README lists the ids)."},
        footer = {"", "Example: backcheck assess --input case.json --format text",
            "  case.json: {\"age\": 58, \"duration_weeks\": 3, \"red_flags\": [\"history_of_cancer\"]}"})
final class AssessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The case as JSON (UTF-8); '-' reads standard input.")
    Path input;

    @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
            description = "'json' (default: the assessment as the REST API returns it) or 'text' (for reading).")
    String format;

    @Override
    public Integer call() throws Exception {
        // The service classes (Jackson, the engine's JSON) load only here, never for other commands.
        AssessRun.print(input, format, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
