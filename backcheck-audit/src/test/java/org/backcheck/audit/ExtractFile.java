package org.backcheck.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Test extracts written field by field, quoted where RFC 4180 requires (or always, when asked). */
final class ExtractFile {

    static final List<String> OPA_COLUMNS = List.of("OPA_Ident", "Appointment_Date", "Der_Provider_Code",
            "Administrative_Category", "Age_at_Start_of_Episode_SUS", "Der_Age_at_CDS_Activity_Date",
            "Der_Diagnosis_All", "Der_Procedure_All");

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private String delimiter = ",";
    private String lineEnd = "\n";
    private boolean bom;
    private boolean quoteAll;

    ExtractFile(List<String> header) {
        this.header = header;
    }

    ExtractFile delimiter(String d) {
        delimiter = d;
        return this;
    }

    ExtractFile crlf() {
        lineEnd = "\r\n";
        return this;
    }

    ExtractFile bom() {
        bom = true;
        return this;
    }

    ExtractFile quoteAll() {
        quoteAll = true;
        return this;
    }

    ExtractFile row(String... values) {
        rows.add(List.of(values));
        return this;
    }

    String text() {
        StringBuilder sb = new StringBuilder(bom ? "\uFEFF" : "");
        line(sb, header);
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    Path write(Path file) throws IOException {
        byte[] bytes = text().getBytes(StandardCharsets.UTF_8);
        if (file.toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }

    private void line(StringBuilder sb, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            String v = values.get(i);
            boolean needs = quoteAll || v.contains(delimiter) || v.contains("\"") || v.contains("\n") || v.contains("\r");
            sb.append(needs ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        sb.append(lineEnd);
    }
}
