package org.backcheck.audit.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic SUS+ outpatient (OPA) extract with the columns the EBI measure reads and the
 * ones an analyst groups by. The data is made up, but shaped like the real thing: skewed provider
 * sizes, diagnoses missing in about 90% of rows, lumbar imaging in about 1-2% of rows, and the
 * untidy values real extracts carry (dd/MM/yyyy dates, unpadded or space-padded categories,
 * unreadable ages, lower-case codes, APC-style {@code ||} lists, quoted fields, the odd newline
 * inside a quoted field). Every clause of the measure and every row status occurs in a few
 * hundred thousand rows.
 *
 * <p>Deterministic: the same {@link Options} give the same bytes on every run and machine
 * (gzip output included: Java writes no timestamp in the gzip header). Fields that hold the
 * delimiter, a double quote or a newline are quoted as RFC 4180 says, so every record has exactly
 * {@link #HEADER}{@code .size()} fields.
 */
public final class ExtractGenerator {

    /** The columns, in order, named as in SUS+ OPA. */
    public static final List<String> HEADER = List.of(
            "OPA_Ident", "Der_Pseudo_NHS_Number", "Appointment_Date", "Der_Provider_Code", "Der_Commissioner_Code",
            "Treatment_Function_Code", "First_Attendance", "Attendance_Status", "Administrative_Category",
            "Age_at_Start_of_Episode_SUS", "Der_Age_at_CDS_Activity_Date", "Der_Diagnosis_All", "Der_Procedure_All");

    private ExtractGenerator() {
    }

    /**
     * What to generate.
     *
     * @param rows      data rows after the header, 0 or more
     * @param seed      fixes the content: same seed, same rows
     * @param delimiter comma, pipe or tab
     */
    public record Options(long rows, long seed, char delimiter) {
        public Options {
            if (rows < 0) {
                throw new IllegalArgumentException("rows must be 0 or more: " + rows);
            }
            if (delimiter != ',' && delimiter != '|' && delimiter != '\t') {
                throw new IllegalArgumentException("delimiter must be comma, pipe or tab, not '" + delimiter + "'");
            }
        }
    }

    /**
     * Writes a header line and {@code rows} data rows, UTF-8, "\n" line ends; same options =>
     * byte-identical output. The stream is flushed, not closed.
     */
    public static void write(Options options, OutputStream out) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        RecordWriter w = new RecordWriter(out, options.delimiter());
        for (String column : HEADER) {
            w.add(column).end();
        }
        w.endRecord();
        Appointments appointments = new Appointments(options.seed(), options.rows());
        for (long i = 0; i < options.rows(); i++) {
            appointments.write(w);
        }
        w.flush();
    }

    /** Convenience: writes to a file; gzip-compressed when the name ends in .gz. */
    public static void write(Options options, Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        boolean gzip = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            write(options, out);
        }
    }

    /**
     * Writes a made-up population file ({@code org_code,year,population}) for the sample's
     * commissioners and years, for {@code backcheck audit --population}. Populations are 150,000 to
     * 650,000, fixed by the code, growing 0.6% a year; S-34 has no row for 2025, so the report shows
     * how a missing year is handled.
     */
    public static void writeSamplePopulation(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("org_code,year,population\n");
        for (byte[] code : ReferenceData.COMMISSIONERS) {
            String org = new String(code, java.nio.charset.StandardCharsets.US_ASCII);
            long base = 150_000 + Math.floorMod(org.hashCode() * 2_654_435_761L, 500_000L);
            for (int year = ReferenceData.FIRST_DAY.getYear(); year <= ReferenceData.FIRST_DAY.getYear() + 2; year++) {
                if (org.equals("S-34") && year == 2025) {
                    continue;
                }
                long people = Math.round(base * Math.pow(1.006, year - ReferenceData.FIRST_DAY.getYear()));
                sb.append(org).append(',').append(year).append(',').append(people).append('\n');
            }
        }
        Files.writeString(file, sb.toString(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The sample's organisations file, for {@code --organisations}: the generated codes with fictional names and parents. */
    public static final String SAMPLE_ORGANISATIONS = "sample-organisations.csv";

    /**
     * Writes the sample's organisations ({@code org_code,name,parent_code}): every provider and commissioner
     * code the generator writes, with a fictional name and its parent (a site's trust, a sub-ICB location's ICB).
     */
    public static void writeSampleOrganisations(Path file) throws IOException {
        try (java.io.InputStream in = ExtractGenerator.class.getResourceAsStream(SAMPLE_ORGANISATIONS)) {
            if (in == null) {
                throw new IllegalStateException(SAMPLE_ORGANISATIONS + " is missing from the build");
            }
            Files.write(file, in.readAllBytes());
        }
    }
}
