package org.backcheck.spark;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 text read strictly, for checking files the engines wrote (small files, test side). */
final class CsvText {

    private CsvText() {
    }

    /** Every record, header included, as its fields. */
    static List<List<String>> read(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        int n = text.length();
        boolean any = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && field.length() == 0) {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("a quote never closed");
                    }
                    char q = text.charAt(i++);
                    if (q == '"' && i < n && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (q == '"') {
                        break;
                    } else {
                        field.append(q);
                    }
                }
                any = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                any = true;
                i++;
            } else if (c == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                any = false;
                i++;
            } else {
                field.append(c);
                any = true;
                i++;
            }
        }
        if (any) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }
}
