package org.backcheck.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads an audit's output folder back: row number to "status[:reason]" (test side, small files). */
final class AuditOutputs {

    private AuditOutputs() {
    }

    /** Every counted, excluded and rejected row, keyed by row number. */
    static Map<Long, String> statuses(Path outDir) throws IOException {
        Map<Long, String> out = new TreeMap<>();
        List<String[]> matches = csv(outDir.resolve("matches.csv"));
        if (!String.join(",", matches.get(0)).equals("row,id,status,reason,matched_codes")) {
            throw new AssertionError("matches.csv header: " + String.join(",", matches.get(0)));
        }
        for (String[] m : matches.subList(1, matches.size())) {
            out.put(Long.parseLong(m[0]), m[3].isEmpty() ? m[2] : m[2] + ":" + m[3]);
        }
        List<String[]> rejected = csv(outDir.resolve("rejected.csv"));
        if (!String.join(",", rejected.get(0)).equals("row,id,field,reason")) {
            throw new AssertionError("rejected.csv header: " + String.join(",", rejected.get(0)));
        }
        for (String[] r : rejected.subList(1, rejected.size())) {
            if (out.put(Long.parseLong(r[0]), "rejected") != null) {
                throw new AssertionError("row " + r[0] + " is both matched and rejected");
            }
        }
        return out;
    }

    /** The rows of a CSV file Backcheck wrote, header first, read by the strict test reader. */
    static List<String[]> csv(Path file) throws IOException {
        return Rfc4180Reader.readAll(Files.readString(file), ',').stream().map(Rfc4180Reader.Row::fields).toList();
    }
}
