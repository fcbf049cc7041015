package org.backcheck.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.backcheck.audit.Audit;
import org.backcheck.audit.AuditOptions;
import org.backcheck.audit.generate.ExtractGenerator;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.classify.Status;
import org.backcheck.measure.Column;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Why the audit has its own byte scanner: one thread, 500k generated rows, from file to counts.
 * {@code backcheckAudit} is the real audit (scanner, classifier, outputs) on one thread;
 * {@code fastCsvThenClassify} reads the same file with FastCSV 4.4 and classifies each record
 * through the same classifier (strings in, no outputs written), the best a general CSV library
 * gives.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 8)
@Fork(1)
public class ExtractScanBenchmark {

    private Path dir;
    private Path file;
    private final Classifier classifier = new Classifier(Measure.lowerBackImaging());

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("backcheck-jmh");
        file = dir.resolve("opa.csv");
        ExtractGenerator.write(new ExtractGenerator.Options(500_000, 11, ','), file);
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long backcheckAudit() throws IOException {
        return Audit.run(AuditOptions.of(file, dir.resolve("out")).withThreads(1)).counted();
    }

    @Benchmark
    public long fastCsvThenClassify() throws IOException {
        List<Column> columns = classifier.columns();
        long counted = 0;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
            int[] index = null;
            for (CsvRecord r : reader) {
                if (index == null) {
                    index = new int[columns.size()];
                    for (int i = 0; i < index.length; i++) {
                        index[i] = r.getFields().indexOf(columns.get(i).name());
                        if (index[i] < 0) {
                            index[i] = indexIgnoringCase(r.getFields(), columns.get(i).name());
                        }
                    }
                    continue;
                }
                String[] values = new String[index.length];
                for (int i = 0; i < index.length; i++) {
                    values[i] = r.getField(index[i]);
                }
                if (classifier.classify(Fields.of(values), NullPolicy.CLINICAL).status() == Status.COUNTED) {
                    counted++;
                }
            }
        }
        return counted;
    }

    private static int indexIgnoringCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no column " + name);
    }
}
