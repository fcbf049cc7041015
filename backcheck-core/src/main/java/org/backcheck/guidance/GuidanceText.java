package org.backcheck.guidance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guidance data shipped in {@code org/backcheck/guidance/}: sources, statements and red flags,
 * pipe-separated. Loading checks what a reviewer would: every citation names a known source,
 * every statement cites something, every red flag belongs to a known pathology.
 */
final class GuidanceText {

    private static final String DIR = "/org/backcheck/guidance/";

    final Map<String, Source> sources;
    final Map<String, Statement> statements;
    final Map<String, RedFlag> redFlags;

    private GuidanceText() {
        sources = Collections.unmodifiableMap(loadSources());
        statements = Collections.unmodifiableMap(loadStatements());
        redFlags = Collections.unmodifiableMap(loadRedFlags());
    }

    static GuidanceText get() {
        return Holder.INSTANCE;
    }

    Statement statement(String id) {
        Statement s = statements.get(id);
        if (s == null) {
            throw new IllegalStateException("no statement '" + id + "' in statements.csv");
        }
        return s;
    }

    private Map<String, Source> loadSources() {
        Map<String, Source> out = new LinkedHashMap<>();
        for (String[] f : rows("sources.csv", 6)) {
            out.put(f[0], new Source(f[0], f[1], f[2], f[3], f[4].isEmpty() ? null : f[4]));
        }
        return out;
    }

    private Map<String, Statement> loadStatements() {
        Map<String, Statement> out = new LinkedHashMap<>();
        for (String[] f : rows("statements.csv", 3)) {
            if (out.put(f[0], new Statement(f[0], f[2], citations(f[1], "statement " + f[0]))) != null) {
                throw new IllegalStateException("statements.csv: duplicate id " + f[0]);
            }
        }
        return out;
    }

    private Map<String, RedFlag> loadRedFlags() {
        Map<String, RedFlag> out = new LinkedHashMap<>();
        for (String[] f : rows("red-flags.csv", 5)) {
            out.put(f[0], new RedFlag(f[0], Pathology.fromId(f[1]), RedFlag.Grade.fromId(f[2]), f[3],
                    citations(f[4], "red flag " + f[0])));
        }
        return out;
    }

    private List<Citation> citations(String field, String where) {
        List<Citation> out = new ArrayList<>();
        for (String c : field.split(";")) {
            int colon = c.indexOf(':');
            if (colon < 0) {
                throw new IllegalStateException(where + ": citation '" + c + "' is not SOURCE:locator");
            }
            String source = c.substring(0, colon).strip();
            if (!sources.containsKey(source)) {
                throw new IllegalStateException(where + " cites unknown source '" + source + "'");
            }
            out.add(new Citation(source, c.substring(colon + 1).strip()));
        }
        return out;
    }

    private static List<String[]> rows(String file, int fields) {
        try (InputStream in = GuidanceText.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("guidance file missing from the class path: " + file);
            }
            List<String[]> out = new ArrayList<>();
            boolean header = true;
            int lineNo = 0;
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split("\\|", -1);
                if (f.length != fields) {
                    throw new IllegalStateException(file + " line " + lineNo + ": expected " + fields + " fields, found " + f.length);
                }
                out.add(f);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Holder {
        static final GuidanceText INSTANCE = new GuidanceText();
    }
}
