package org.backcheck.report;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Names and parents of organisations, from the files given with {@code --organisations} (any number,
 * in any {@link OrganisationsLayout}; e.g. trusts, sites, sub-ICB locations and ICBs together). The
 * report's one place that turns a code into what a reader sees ({@link #label}), and the one-level
 * roll-up of a code to its parent ({@link #parentOf}): a site to its trust, a sub-ICB location to its
 * ICB. A code with no parent, or not in any file, rolls up to itself.
 *
 * <p>A code given twice (in one file or in two) must say the same name and parent both times, or the
 * run stops naming both lines: which of two names is right is the user's call, not Backcheck's.
 *
 * @param byCode  each organisation by upper-cased code
 * @param sources each file read, with the layout detected and the rows it gave
 */
public record Organisations(Map<String, Entry> byCode, List<Source> sources) implements Serializable {

    /** One organisation: its name (user data: escape it wherever it is written) and its parent code, empty for none. */
    public record Entry(String code, String name, String parent) implements Serializable {
    }

    /** A file read: its name, the layout detected and how many organisations it gave. */
    public record Source(String file, OrganisationsLayout layout, int organisations) implements Serializable {
    }

    public Organisations {
        byCode = Collections.unmodifiableMap(new TreeMap<>(byCode));
        sources = List.copyOf(sources);
    }

    /** No files given: every code is shown as it is, and nothing rolls up. */
    public static Organisations none() {
        return new Organisations(Map.of(), List.of());
    }

    /** Whether any file was given. */
    public boolean given() {
        return !sources.isEmpty();
    }

    /** Reads and combines the files, in order. */
    public static Organisations read(List<Path> files) throws IOException {
        List<OrganisationsFile.Read> reads = new ArrayList<>();
        for (Path f : files) {
            reads.add(OrganisationsFile.read(f));
        }
        return combine(reads);
    }

    static Organisations combine(List<OrganisationsFile.Read> reads) {
        Map<String, OrganisationsFile.Row> first = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        for (OrganisationsFile.Read read : reads) {
            sources.add(new Source(read.source(), read.layout(), read.rows().size()));
            for (OrganisationsFile.Row row : read.rows()) {
                OrganisationsFile.Row before = first.putIfAbsent(row.code(), row);
                if (before != null && !(before.name().equals(row.name()) && before.parent().equals(row.parent()))) {
                    problems.add(row.code() + " is given twice, differently: " + before.source() + " line " + before.line()
                            + " and " + row.source() + " line " + row.line() + "; keep one");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidOrganisationsFileException("the organisations files (--organisations) disagree about "
                    + BadRows.count(problems, "code") + "; nothing was audited:" + BadRows.listed(problems));
        }
        Map<String, Entry> byCode = new TreeMap<>();
        first.forEach((code, row) -> byCode.put(code, new Entry(code, row.name(), row.parent())));
        return new Organisations(byCode, sources);
    }

    /** The organisation's name, when a file gave it. */
    public Optional<String> name(String code) {
        Entry e = entry(code);
        return e == null ? Optional.empty() : Optional.of(e.name());
    }

    /** What the report shows for a code: "Name (CODE)" when a file names it, else the code as it is. */
    public String label(String code) {
        return name(code).map(n -> n + " (" + code + ")").orElse(code);
    }

    /** Longest name written beside a point on a chart, before it is shortened with "…". */
    static final int CHART_NAME_MAX = 18;

    /**
     * The label written beside a point on a chart: "Name (CODE)" with the name shortened to
     * {@value #CHART_NAME_MAX} characters, so that a label fits beside its point; the code alone when no
     * file names it. The hover text and the tables give the whole name.
     */
    public String chartLabel(String code) {
        return name(code).filter(n -> !n.isBlank())
                .map(n -> chartName(n) + " (" + code + ")")
                .orElse(code);
    }

    /**
     * A name shortened to {@value #CHART_NAME_MAX} characters with "…", counted in code points so that a
     * character outside the Basic Multilingual Plane (a surrogate pair) is never split.
     */
    static String chartName(String name) {
        if (name.codePointCount(0, name.length()) <= CHART_NAME_MAX) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, CHART_NAME_MAX - 1)).strip() + "…";
    }

    /** The code a code rolls up to: its parent when a file gives one, else itself ("unknown" stays "unknown"). */
    public String parentOf(String code) {
        Entry e = entry(code);
        return e == null || e.parent().isEmpty() ? code : e.parent();
    }

    /** Whether a file lists the code. */
    public boolean knows(String code) {
        return entry(code) != null;
    }

    /**
     * The file's entry for a code; never one for {@link ImagingReport#UNKNOWN}, the label of rows without a
     * code, which no file may name (the files refuse it, and the lookup ignores it all the same).
     */
    private Entry entry(String code) {
        String key = OrganisationsFile.key(code);
        return key.equals(OrganisationsFile.key(ImagingReport.UNKNOWN)) ? null : byCode.get(key);
    }
}
