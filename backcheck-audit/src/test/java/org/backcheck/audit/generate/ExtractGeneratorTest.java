package org.backcheck.audit.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.backcheck.audit.Rfc4180Reader;
import org.backcheck.audit.Rfc4180Reader.Row;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Fields;
import org.backcheck.classify.Outcome;
import org.backcheck.classify.Status;
import org.backcheck.measure.Column;
import org.backcheck.measure.LikePattern;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generative-data tests of the extract generator: format, determinism, and that it exercises the
 * whole measure.
 */
class ExtractGeneratorTest {

    private static final int COLUMNS = ExtractGenerator.HEADER.size();
    /** Enough rows for the rarest case (a newline inside a quoted field, about 1 in 200,000) to occur a few times. */
    private static final int CORPUS_ROWS = 1_000_000;
    private static final long CORPUS_SEED = 20240401L;

    private static final Pattern INFANT_AGE = Pattern.compile("700[1-7]");
    private static final Pattern X_PADDED = Pattern.compile("[A-Z]\\d\\dX");
    private static final Pattern LOWER_CASE_CODE = Pattern.compile("[a-z]\\d");
    private static final Pattern AGE_115_TO_120 = Pattern.compile("11[5-9]|120");
    private static final Pattern AGE_121_TO_125 = Pattern.compile("12[1-5]");
    private static final Pattern CANCER_NEAR_MISS = Pattern.compile("(?i)D10|D36|D49|D50|C5(?!\\d)");

    private static String corpus;

    @BeforeAll
    static void generateCorpus() throws IOException {
        corpus = generate(new ExtractGenerator.Options(CORPUS_ROWS, CORPUS_SEED, ','));
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new ExtractGenerator.Options(-1, 1, ',')).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExtractGenerator.Options(1, 1, ';')).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ExtractGenerator.Options(0, 1, '\t').rows()).isZero();
    }

    @Test
    void sameOptionsSameBytesAndAnotherSeedDiffers() throws IOException {
        for (char delimiter : new char[] {',', '|', '\t'}) {
            byte[] first = bytes(new ExtractGenerator.Options(50_000, 7, delimiter));
            byte[] again = bytes(new ExtractGenerator.Options(50_000, 7, delimiter));
            byte[] other = bytes(new ExtractGenerator.Options(50_000, 8, delimiter));
            assertThat(again).isEqualTo(first);
            assertThat(other).isNotEqualTo(first);
        }
    }

    @Test
    void aLongerRunStartsWithTheShorterOne() throws IOException {
        // Rows are drawn one after another from one random stream; the row count only sizes the
        // patient pool, so every column but the pseudonym is the same.
        List<Row> shorter = Rfc4180Reader.readAll(generate(new ExtractGenerator.Options(10_000, 3, ',')), ',');
        List<Row> longer = Rfc4180Reader.readAll(generate(new ExtractGenerator.Options(20_000, 3, ',')), ',');
        for (Row r : shorter) {
            String[] a = r.fields().clone();
            String[] b = longer.get((int) r.number()).fields().clone();
            a[1] = "";
            b[1] = "";
            assertThat(b).as("row %d", r.number()).isEqualTo(a);
        }
    }

    @ParameterizedTest
    @ValueSource(chars = {',', '|', '\t'})
    void headerThenRowsOfExactlyThirteenFields(char delimiter) throws IOException {
        int rows = 200_000;
        String text = generate(new ExtractGenerator.Options(rows, 11, delimiter));
        assertThat(text).startsWith(String.join(String.valueOf(delimiter), ExtractGenerator.HEADER) + "\n");
        assertThat(text).endsWith("\n").doesNotContain("\r");
        List<Row> all = Rfc4180Reader.readAll(text, delimiter);
        assertThat(all).hasSize(rows + 1);
        assertThat(all.get(0).fields()).containsExactlyElementsOf(ExtractGenerator.HEADER);
        for (Row r : all) {
            assertThat(r.fields()).as("row %d", r.number()).hasSize(COLUMNS);
        }
        if (delimiter == '|') {
            // APC-style "||" lists hold the pipe: they must have been quoted, and read back whole.
            assertThat(all).anySatisfy(r -> assertThat(r.fields()[12]).startsWith("||"));
        }
    }

    @Test
    void noRowsIsJustTheHeader() throws IOException {
        assertThat(generate(new ExtractGenerator.Options(0, 1, '|')))
                .isEqualTo(String.join("|", ExtractGenerator.HEADER) + "\n");
    }

    @Test
    void gzipFileHoldsTheSameBytes(@TempDir Path dir) throws IOException {
        ExtractGenerator.Options options = new ExtractGenerator.Options(20_000, 5, ',');
        Path gz = dir.resolve("opa.csv.gz");
        Path plain = dir.resolve("opa.csv");
        ExtractGenerator.write(options, gz);
        ExtractGenerator.write(options, plain);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(bytes(options)).isEqualTo(Files.readAllBytes(plain));
        }
        assertThat(Files.size(gz)).isLessThan(Files.size(plain) / 2);
    }

    @Test
    void untidyValuesOccurAtLowRates() {
        Occurrences seen = new Occurrences();
        Pattern pseudo = Pattern.compile("[A-F][0-9A-F]{9,11}");
        Pattern isoDate = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
        Pattern ukDate = Pattern.compile("\\d{2}/\\d{2}/\\d{4}");
        Pattern wholeNumber = Pattern.compile(" *[+-]?\\d{1,18} *");
        Map<String, Integer> providers = new HashMap<>();
        long lastIdent = -1;
        int rows = 0;
        Rfc4180Reader reader = new Rfc4180Reader(corpus, ',');
        reader.next(); // header
        for (Row r = reader.next(); r != null; r = reader.next()) {
            rows++;
            String[] f = r.fields();
            long ident = Long.parseLong(f[0]);
            if (ident <= lastIdent || !pseudo.matcher(f[1]).matches()) {
                throw new AssertionError("row " + r.number() + ": OPA_Ident must increase and the pseudonym be "
                        + "10-12 hex characters starting with a letter: " + f[0] + ", " + f[1]);
            }
            lastIdent = ident;
            providers.merge(f[3], 1, Integer::sum);
            count(seen, "date dd/MM/yyyy", ukDate.matcher(f[2]).matches());
            count(seen, "date unreadable or empty",
                    !isoDate.matcher(f[2]).matches() && !ukDate.matcher(f[2]).matches());
            count(seen, "category 02", f[8].equals("02"));
            count(seen, "category empty", f[8].isEmpty());
            count(seen, "category blank", f[8].equals(" "));
            count(seen, "category unpadded 2", f[8].equals("2"));
            count(seen, "category unpadded 1", f[8].equals("1"));
            count(seen, "category '02 '", f[8].equals("02 "));
            count(seen, "category quoted empty", f[8].isEmpty() && r.quoted()[8]);
            count(seen, "age unreadable", !f[9].isEmpty() && !wholeNumber.matcher(f[9]).matches()
                    || !f[10].isEmpty() && !wholeNumber.matcher(f[10]).matches());
            count(seen, "age padded", f[9].startsWith(" ") || f[9].startsWith("0") && f[9].length() > 1);
            count(seen, "age only from CDS", f[9].isEmpty() && !f[10].isEmpty());
            count(seen, "age neither", f[9].isEmpty() && f[10].isEmpty());
            count(seen, "age infant", INFANT_AGE.matcher(f[9]).matches());
            count(seen, "diagnosis present", !f[11].isBlank());
            count(seen, "diagnosis X-padded", X_PADDED.matcher(f[11]).find());
            count(seen, "diagnosis APC style", f[11].startsWith("||"));
            count(seen, "diagnosis lower case", LOWER_CASE_CODE.matcher(f[11]).find());
            count(seen, "diagnosis newline", f[11].contains("\n"));
            count(seen, "diagnosis quote", f[11].contains("\""));
            count(seen, "diagnosis space before comma", f[11].contains(" ,"));
            count(seen, "procedure empty", f[12].isEmpty());
            count(seen, "procedure unknown marker", f[12].equals("-") || f[12].equals("&") || f[12].equals("X99"));
            count(seen, "procedure APC style", f[12].startsWith("||"));
            count(seen, "procedure lower case", LOWER_CASE_CODE.matcher(f[12]).find());
            count(seen, "procedure trailing space", f[12].endsWith(" "));
            count(seen, "procedure quoted with delimiter", r.quoted()[12] && f[12].contains(","));
            count(seen, "quoted without need", quotedWithoutNeed(r));
        }
        assertThat(rows).isEqualTo(CORPUS_ROWS);
        System.out.println("Untidy values in " + rows + " rows: " + seen.sorted());
        assertThat(seen.sorted()).allSatisfy((what, n) -> assertThat(n).as(what).isPositive());
        assertThat(seen.get("diagnosis newline")).isLessThan(20);
        assertThat(share(seen, "diagnosis present", rows)).as("diagnoses present").isBetween(0.07, 0.13);
        assertThat(share(seen, "category 02", rows)).as("private").isBetween(0.015, 0.025);
        assertThat(share(seen, "age unreadable", rows)).as("unreadable ages").isBetween(0.0003, 0.0008);
        assertThat(share(seen, "age only from CDS", rows)).as("SUS age missing").isBetween(0.04, 0.06);
        assertThat(providers).hasSizeBetween(35, 45);
        int largest = providers.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        int smallest = providers.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertThat(largest).as("provider sizes are skewed").isGreaterThan(10 * smallest);
        assertThat((double) corpus.length() / rows).as("bytes per row").isBetween(60.0, 80.0);
    }

    @Test
    void everyClauseAndEveryStatusOccurs() {
        Classifier classifier = new Classifier(Measure.lowerBackImaging());
        int[] fieldOf = fieldOrder(classifier);
        LikePattern spine = LikePattern.compile("%U05[45]%");
        LikePattern bone = LikePattern.compile("%U13[2356]%");
        LikePattern nec = LikePattern.compile("%U21[1267]%");
        LikePattern site = LikePattern.compile("%Z665%");
        LikePattern spineSite = LikePattern.compile("%O162%");
        Pattern nearMiss = Pattern.compile("(?i)U053|U056|U134|U213|Z664|O161");
        Occurrences seen = new Occurrences();
        Rfc4180Reader reader = new Rfc4180Reader(corpus, ',');
        reader.next();
        int rows = 0;
        for (Row r = reader.next(); r != null; r = reader.next()) {
            rows++;
            String[] f = r.fields();
            String[] values = new String[fieldOf.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = f[fieldOf[i]];
            }
            Outcome clinical = classifier.classify(Fields.of(values), NullPolicy.CLINICAL);
            Outcome sql = classifier.classify(Fields.of(values), NullPolicy.SQL);
            String procedures = f[12];
            boolean w1 = spine.matches(procedures);
            boolean w2 = (bone.matches(procedures) || nec.matches(procedures))
                    && (site.matches(procedures) || spineSite.matches(procedures));
            Status status = clinical.status();
            boolean met = status == Status.COUNTED || status == Status.EXCLUDED;
            count(seen, "status " + status.id(), true);
            count(seen, "sql status " + sql.status().id(), true);
            for (String reason : clinical.reasons()) {
                count(seen, "excluded " + reason, status == Status.EXCLUDED);
            }
            count(seen, "excluded for both reasons", clinical.reasons().size() == 2);
            count(seen, "W1 spine imaging met", met && w1);
            count(seen, "W2 bone/NEC imaging with site met", met && w2 && !w1);
            count(seen, "W2 imaging without site unmatched", !w1 && !w2 && status == Status.UNMATCHED
                    && (bone.matches(procedures) || nec.matches(procedures)));
            count(seen, "site code without imaging unmatched", !w1 && !w2 && status == Status.UNMATCHED
                    && (site.matches(procedures) || spineSite.matches(procedures)));
            count(seen, "near miss unmatched", !w1 && !w2 && status == Status.UNMATCHED
                    && procedures.length() >= 4 && nearMiss.matcher(procedures).find());
            count(seen, "AGE failed with imaging", (w1 || w2) && status == Status.UNMATCHED);
            count(seen, "AGE from CDS fallback met", met && f[9].isBlank());
            count(seen, "AGE 19 met", met && f[9].strip().equals("19"));
            count(seen, "AGE 115-120 met", met && AGE_115_TO_120.matcher(f[9]).matches());
            count(seen, "AGE 18 unmatched", (w1 || w2) && f[9].equals("18") && status == Status.UNMATCHED);
            count(seen, "AGE 121-125 unmatched", (w1 || w2) && AGE_121_TO_125.matcher(f[9]).matches()
                    && status == Status.UNMATCHED);
            count(seen, "AGE infant unmatched", (w1 || w2) && f[9].startsWith("700") && status == Status.UNMATCHED);
            count(seen, "lower-case codes met", met && LOWER_CASE_CODE.matcher(procedures).find());
            count(seen, "cancer near miss still counted", status == Status.COUNTED
                    && CANCER_NEAR_MISS.matcher(f[11]).find());
            count(seen, "NULL policy decides", clinical.status() != sql.status());
            count(seen, "rejected", status == Status.REJECTED);
        }
        System.out.println("Measure coverage in " + rows + " rows: " + seen.sorted());
        assertThat(seen.sorted()).containsKeys("status counted", "status excluded", "status unmatched", "status rejected",
                "sql status counted", "sql status excluded", "excluded cancer_diagnosis", "excluded private_patient");
        assertThat(seen.sorted()).allSatisfy((what, n) -> assertThat(n).as(what).isPositive());
        double met = (double) (seen.get("status counted") + seen.get("status excluded")) / rows;
        assertThat(met).as("share of rows meeting the rule").isBetween(0.01, 0.02);
    }

    private static boolean quotedWithoutNeed(Row r) {
        for (int i = 0; i < COLUMNS; i++) {
            String v = r.fields()[i];
            if (r.quoted()[i] && !v.isEmpty() && v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0) {
                return true;
            }
        }
        return false;
    }

    /** For each of the classifier's fields, the extract column that feeds it. */
    private static int[] fieldOrder(Classifier classifier) {
        List<Column> columns = classifier.columns();
        int[] order = new int[columns.size()];
        for (int i = 0; i < order.length; i++) {
            String name = columns.get(i).name().toLowerCase(Locale.ROOT);
            order[i] = ExtractGenerator.HEADER.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList().indexOf(name);
            assertThat(order[i]).as("column %s in the extract", name).isNotNegative();
        }
        return order;
    }

    private static void count(Occurrences seen, String what, boolean happened) {
        seen.count(what, happened);
    }

    private static double share(Occurrences seen, String what, int rows) {
        return (double) seen.get(what) / rows;
    }

    /** How often each named case occurred (zero when looked for but never seen). */
    private static final class Occurrences {
        private final Map<String, long[]> counts = new HashMap<>();

        void count(String what, boolean happened) {
            long[] n = counts.computeIfAbsent(what, k -> new long[1]);
            if (happened) {
                n[0]++;
            }
        }

        long get(String what) {
            long[] n = counts.get(what);
            return n == null ? 0 : n[0];
        }

        Map<String, Long> sorted() {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((k, v) -> out.put(k, v[0]));
            return out;
        }
    }

    private static byte[] bytes(ExtractGenerator.Options options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExtractGenerator.write(options, out);
        return out.toByteArray();
    }

    private static String generate(ExtractGenerator.Options options) throws IOException {
        return new String(bytes(options), StandardCharsets.UTF_8);
    }
}
