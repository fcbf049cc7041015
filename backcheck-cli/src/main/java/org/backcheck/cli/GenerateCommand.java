package org.backcheck.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.backcheck.audit.generate.ExtractGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {
            "Writes a synthetic SUS+ outpatient extract: realistic code mixes, the messy cases real extracts have",
            "(missing diagnoses, unreadable ages, quoted fields, lowercase codes) and no real patient data.",
            "The same --rows and --seed always give the same file."},
        footer = {"", "Example: backcheck generate --rows 1000000 --seed 7 --out sample.csv.gz"})
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", required = true, paramLabel = "N", description = "Number of data rows.")
    long rows;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default 1).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file; gzip-compressed when it ends in .gz.")
    Path out;

    @Option(names = "--delimiter", defaultValue = ",", paramLabel = "CHAR", description = "',' (default), '|' or 'tab'.")
    String delimiter;

    @Override
    public Integer call() throws Exception {
        if (rows < 0) {
            throw new IllegalArgumentException("--rows must be 0 or more");
        }
        char d = switch (delimiter) {
            case "," -> ',';
            case "|" -> '|';
            case "tab", "\t" -> '\t';
            default -> throw new IllegalArgumentException("--delimiter must be ',', '|' or 'tab'");
        };
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        long started = System.nanoTime();
        ExtractGenerator.write(new ExtractGenerator.Options(rows, seed, d), out);
        spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %,d rows to %s (%.1f MB) in %.1f s. Next: backcheck audit --input %s --out DIR%n",
                rows, out, Files.size(out) / 1e6, (System.nanoTime() - started) / 1e9, out);
        return ExitCodes.OK;
    }
}
