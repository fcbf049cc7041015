package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.RuleCase;
import org.backcheck.classify.Status;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.report.AuditFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parallel reader cuts the file at line feeds without knowing whether a line feed sits inside
 * a quoted field. Whatever the chunk size, the outputs must be those of classifying each logical
 * record on its own.
 */
class ChunkBoundaryTest {

    @TempDir
    Path dir;

    @Test
    void quotedLineFeedsAcrossChunkBoundariesChangeNothing() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        String[] procedures = {"U054", "X999", "U135,Z665", "U135", "\"quoted\" U055", "", "u055\nX999", "Z665,\nU212"};
        String[] diagnoses = {"", "", "", "M545", "C509", "M545\nC795", "D37\r\nM545", "say \"\"hi\"\""};
        String[] ages = {"45", "", "18", "7001", "45.5", "121", "19"};
        ExtractFile file = new ExtractFile(ExtractFile.OPA_COLUMNS);
        Classifier classifier = new Classifier(Measure.lowerBackImaging());
        Map<Long, String> expected = new TreeMap<>();
        int rows = 4000;
        for (int i = 1; i <= rows; i++) {
            String proc = procedures[random.nextInt(procedures.length)];
            String diag = diagnoses[random.nextInt(diagnoses.length)];
            String age = ages[random.nextInt(ages.length)];
            String cat = random.nextInt(10) == 0 ? "02" : "01";
            file.row(String.valueOf(i), "2024-01-02", "R" + random.nextInt(5), cat, age, "", diag, proc);
            Outcome o = classifier.classify(Fields.of(proc, diag, cat, age, ""), NullPolicy.CLINICAL);
            if (o.status() != Status.UNMATCHED) {
                expected.put((long) i, o.status() == Status.REJECTED ? "rejected" : RuleCase.render(o));
            }
        }
        Path input = file.write(dir.resolve("multiline.csv"));
        assertThat(Files.readString(input)).contains("\"M545\nC795\"");
        for (int chunk : new int[] {64, 97, 1000, 1 << 20}) {
            Path out = dir.resolve("out-" + chunk);
            AuditFigures s = Audit.run(AuditOptions.of(input, out), chunk);
            assertThat(s.rowsRead()).as("rows with chunk size %d", chunk).isEqualTo(rows);
            assertThat(AuditOutputs.statuses(out)).as("statuses with chunk size %d", chunk).isEqualTo(expected);
        }
    }
}
