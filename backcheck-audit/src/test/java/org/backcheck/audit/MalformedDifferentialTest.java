package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.Status;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.backcheck.report.AuditFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged extracts (rows with fields missing or extra, stray quotes, text after a closing quote,
 * a quote never closed, lone carriage returns, lines of spaces) against a plain reading of the
 * README's rules written here, record by record, with no regard for speed: every row must get
 * the same status, row number, id and reason, at any chunk size.
 */
class MalformedDifferentialTest {

    @TempDir
    Path dir;

    private static final Measure MEASURE = Measure.lowerBackImaging();
    private static final Classifier CLASSIFIER = new Classifier(MEASURE);
    private static final List<String> COLUMNS = ExtractFile.OPA_COLUMNS;

    /** One record as the rules read it: its fields (as far as read) and why it cannot be read, or null. */
    record Rec(List<String> fields, String malformed) { }

    /** The reading of the rules: records, and the number of blank lines. */
    record Reading(List<Rec> records, int blank) { }

    static Reading read(String text, char d) {
        List<Rec> records = new ArrayList<>();
        int blank = 0;
        int p = 0;
        int n = text.length();
        while (p < n) {
            if (text.startsWith("\n", p) || text.startsWith("\r\n", p) || (p == n - 1 && text.charAt(p) == '\r')) {
                p += text.charAt(p) == '\n' || p == n - 1 ? 1 : 2;
                blank++;
                continue;
            }
            List<String> fields = new ArrayList<>();
            String malformed = null;
            while (true) {
                if (p < n && text.charAt(p) == '"') {
                    StringBuilder v = new StringBuilder();
                    int q = p + 1;
                    boolean closed = false;
                    while (q < n) {
                        char c = text.charAt(q);
                        if (c == '"' && q + 1 < n && text.charAt(q + 1) == '"') {
                            v.append('"');
                            q += 2;
                        } else if (c == '"') {
                            closed = true;
                            q++;
                            break;
                        } else {
                            v.append(c);
                            q++;
                        }
                    }
                    fields.add(v.toString());
                    p = q;
                    if (!closed) {
                        malformed = "a quoted field is never closed (the rest of the file is this one field)";
                        break;
                    }
                    if (p < n && text.charAt(p) == d) {
                        p++;
                        continue;
                    }
                    if (p >= n || text.startsWith("\n", p) || text.startsWith("\r\n", p) || (p == n - 1 && text.charAt(p) == '\r')) {
                        p = text.indexOf('\n', p) < 0 ? n : text.indexOf('\n', p) + 1;
                        break;
                    }
                    malformed = "text after the closing quote of column " + fields.size();
                    p = text.indexOf('\n', p) < 0 ? n : text.indexOf('\n', p) + 1;
                    break;
                }
                int e = p;
                while (e < n && text.charAt(e) != d && text.charAt(e) != '\n') {
                    e++;
                }
                if (e < n && text.charAt(e) == d) {
                    fields.add(text.substring(p, e));
                    p = e + 1;
                    continue;
                }
                String v = text.substring(p, e);
                fields.add(v.endsWith("\r") ? v.substring(0, v.length() - 1) : v);
                p = e < n ? e + 1 : n;
                break;
            }
            if (malformed == null && fields.size() != COLUMNS.size()) {
                malformed = "expected " + COLUMNS.size() + " fields as in the header, found " + fields.size();
            }
            records.add(new Rec(fields, malformed));
        }
        return new Reading(records, blank);
    }

    private static String field(Rec r, String column) {
        int i = COLUMNS.indexOf(column);
        return i < r.fields().size() ? r.fields().get(i) : "";
    }

    /** What matches.csv and rejected.csv must hold for a body under the header. */
    static String[] expected(String body, char d, NullPolicy policy) {
        StringBuilder matches = new StringBuilder("row,id,status,reason,matched_codes\n");
        StringBuilder rejected = new StringBuilder("row,id,field,reason\n");
        List<Rec> records = read(body, d).records();
        for (int i = 0; i < records.size(); i++) {
            Rec r = records.get(i);
            String id = ScanDifferentialTest.csv(field(r, "OPA_Ident").strip());
            if (r.malformed() != null) {
                rejected.append(i + 1).append(',').append(id).append(",(row),").append(ScanDifferentialTest.csv(r.malformed())).append('\n');
                continue;
            }
            String[] values = CLASSIFIER.columns().stream()
                    .map(c -> field(r, COLUMNS.stream().filter(c.name()::equalsIgnoreCase).findFirst().orElseThrow()))
                    .toArray(String[]::new);
            Outcome o = CLASSIFIER.classify(Fields.of(values), policy);
            if (o.status() == Status.REJECTED) {
                rejected.append(i + 1).append(',').append(id).append(',')
                        .append(ScanDifferentialTest.csv(String.join(";", o.problems().stream().map(Outcome.Problem::field).toList())))
                        .append(',')
                        .append(ScanDifferentialTest.csv(String.join("; ", o.problems().stream().map(Outcome.Problem::reason).toList())))
                        .append('\n');
            } else if (o.status() != Status.UNMATCHED) {
                matches.append(i + 1).append(',').append(id).append(',').append(o.status().id()).append(',')
                        .append(ScanDifferentialTest.csv(String.join(";", o.reasons()))).append(',')
                        .append(ScanDifferentialTest.csv(String.join(";", o.matchedCodes()))).append('\n');
            }
        }
        return new String[] {matches.toString(), rejected.toString()};
    }

    private static final String[] GOOD = {
        "1,2024-01-01,RXH,01,45,,,U054", "\"2\",2024-01-01,RXH,01,45,,\"M545\nC509\",\"U055\"", "3,,,,,,,",
        "\"4,x\",2024-02-01,R0A,02,19,,,\"U135,\"\"Z665\"\"\"", "5,2024-01-01,RXH,01,x,,,U054"};
    private static final String[] DAMAGE = {"\"", "\"\"", ",", "\r", "\n", "\r\n", " ", "x", "\"U054\"z", ",\"", "\"\n"};

    @Test
    void damagedRowsGetTheStatusRowNumberIdAndReasonTheRulesGive() throws Exception {
        SplittableRandom random = new SplittableRandom(99);
        String header = String.join(",", COLUMNS) + "\n";
        for (int n = 0; n < 150; n++) {
            StringBuilder body = new StringBuilder();
            int rows = random.nextInt(8);
            for (int i = 0; i < rows; i++) {
                StringBuilder row = new StringBuilder(GOOD[random.nextInt(GOOD.length)]);
                int damage = random.nextInt(3);
                for (int k = 0; k < damage; k++) {
                    int at = random.nextInt(row.length() + 1);
                    if (random.nextInt(3) == 0 && at < row.length()) {
                        row.delete(at, Math.min(row.length(), at + 1 + random.nextInt(4)));
                    } else {
                        row.insert(at, DAMAGE[random.nextInt(DAMAGE.length)]);
                    }
                }
                body.append(row);
                if (i < rows - 1 || random.nextInt(3) > 0) {
                    body.append(random.nextBoolean() ? "\n" : "\r\n");
                }
            }
            Path in = dir.resolve("damaged.csv");
            Files.write(in, (header + body).getBytes(StandardCharsets.UTF_8));
            NullPolicy policy = random.nextBoolean() ? NullPolicy.CLINICAL : NullPolicy.SQL;
            String[] expected = expected(body.toString(), ',', policy);
            Reading reading = read(body.toString(), ',');
            for (int chunk : new int[] {1 + random.nextInt(40), 1 << 20}) {
                Path out = dir.resolve("out");
                AuditFigures s = Audit.run(new AuditOptions(in, out, MEASURE, policy, ',', null, 1 + random.nextInt(3)), chunk);
                String as = "case " + n + ", chunk " + chunk + ": " + body.toString().replace("\r", "\\r").replace("\n", "\\n");
                assertThat(Files.readString(out.resolve("matches.csv"))).as(as).isEqualTo(expected[0]);
                assertThat(Files.readString(out.resolve("rejected.csv"))).as(as).isEqualTo(expected[1]);
                assertThat(s.rowsRead()).as(as).isEqualTo(reading.records().size());
                assertThat(s.blankLinesSkipped()).as(as).isEqualTo(reading.blank());
            }
        }
    }
}
