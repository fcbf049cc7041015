package org.backcheck.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    /** A minimal RFC 4180 reader for the files Backcheck writes. */
    static List<String[]> csv(Path file) throws IOException {
        String s = Files.readString(file);
        List<String[]> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row.toArray(String[]::new));
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }
}
