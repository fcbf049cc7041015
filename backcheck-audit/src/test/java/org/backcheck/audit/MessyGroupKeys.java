package org.backcheck.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.backcheck.audit.generate.ExtractGenerator;

/**
 * A generated extract ({@link ExtractGenerator}) whose provider codes, commissioner codes and
 * appointment dates are rewritten, in a fixed pseudo-random share of rows, into every form the
 * audit's keys must cope with: codes padded with white space (spaces, tabs, the other ASCII white
 * space {@link String#strip} removes), in lower case, blank or empty; dates in each form
 * {@code AppointmentMonth} reads (with leading spaces, a time after them) and in forms it does not
 * (impossible days, out-of-range years, other separators, a tab before, a lower-case t, digits that
 * are not ASCII). The measure's own columns are left alone, so every row keeps its status.
 */
final class MessyGroupKeys {

    /** Dates AppointmentMonth reads, from a date 2024-05-17: ISO, UK, compact, with padding and times. */
    static final List<String> READABLE = List.of("%1$s%2$s%3$s", "%1$s%2$s%3$sT09:30:00", "%1$s%2$s%3$s 09:30",
            "  %1$s-%2$s-%3$s", "%1$s-%2$s-%3$s 10:00:00", "%1$s-%2$s-%3$sT10:00", "%3$s/%2$s/%1$s",
            " %3$s/%2$s/%1$s 12:00", "%1$s-%2$s-%3$s ", "%1$s-%2$s-%3$sZ", "%1$s%2$s%3$s   ");
    /** Dates it does not read, all "unknown". */
    static final List<String> UNREADABLE = List.of("2024-02-30", "31/04/2024", "20230229", "2024-5-17", "17/5/2024",
            "1989-12-31", "2090-01-01", "2024/05/17", "17-05-2024", "\t2024-05-17", "20240517x", "202405170",
            "2024-13-01", "00/01/2024", "2024-00-10", "", "   ", "not a date", "2024-05-1\uFF17", "20240517t10",
            "\u00a02024-05-17", "2024-05-17".substring(0, 9), "2100-02-29", "1900-02-29", "2024-04-31");
    /** Real dates at the edges of what is read: leap days, the first and last years. */
    static final List<String> EDGES = List.of("2000-02-29", "1996-02-29", "29/02/2024", "19900101", "2089-12-31",
            "31/12/2089", "1990-01-01 00:00");

    private MessyGroupKeys() {
    }

    /** Writes {@code rows} generated rows, made messy, to {@code file}; returns the records (header first) as written. */
    static List<String[]> write(Path file, long rows, long seed) throws IOException {
        Path plain = file.resolveSibling(file.getFileName() + ".plain");
        ExtractGenerator.write(new ExtractGenerator.Options(rows, seed, ','), plain);
        List<Rfc4180Reader.Row> read = Rfc4180Reader.readAll(Files.readString(plain, StandardCharsets.UTF_8), ',');
        List<String> header = List.of(read.get(0).fields());
        int provider = header.indexOf("Der_Provider_Code");
        int commissioner = header.indexOf("Der_Commissioner_Code");
        int date = header.indexOf("Appointment_Date");
        Random random = new Random(seed);
        List<String[]> out = new ArrayList<>();
        out.add(read.get(0).fields());
        for (Rfc4180Reader.Row row : read.subList(1, read.size())) {
            String[] f = row.fields().clone();
            f[provider] = code(f[provider], random);
            f[commissioner] = code(f[commissioner], random);
            f[date] = date(f[date], random);
            out.add(f);
        }
        StringBuilder csv = new StringBuilder();
        for (String[] f : out) {
            for (int i = 0; i < f.length; i++) {
                String v = f[i];
                boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
                csv.append(i > 0 ? "," : "").append(quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            csv.append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        Files.delete(plain);
        return out;
    }

    private static String code(String code, Random random) {
        return switch (random.nextInt(16)) {
            case 0 -> " " + code;
            case 1 -> code + "  ";
            case 2 -> code.toLowerCase(java.util.Locale.ROOT);
            case 3 -> " \t" + code.toLowerCase(java.util.Locale.ROOT) + "\u000b\f";
            case 4 -> "";
            case 5 -> "   ";
            case 6 -> "\t\u001f";
            case 7 -> "unknown";
            case 8 -> code.substring(0, 1) + " " + code.substring(1);
            default -> code;
        };
    }

    private static String date(String text, Random random) {
        if (!text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return text;  // the generator's own UK or unreadable dates stay as they are
        }
        int pick = random.nextInt(READABLE.size() * 3);
        if (pick < READABLE.size()) {
            return String.format(READABLE.get(pick), text.substring(0, 4), text.substring(5, 7), text.substring(8, 10));
        }
        if (pick < READABLE.size() + 4) {
            return UNREADABLE.get(random.nextInt(UNREADABLE.size()));
        }
        if (pick == READABLE.size() + 4) {
            return EDGES.get(random.nextInt(EDGES.size()));
        }
        return text;
    }
}
