package org.backcheck.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backcheck.extract.Excerpt;

/**
 * Reads one organisations file ({@code --organisations FILE}) in any {@link OrganisationsLayout}: the
 * layout is told from the first line (Backcheck's header, or a headerless row of the ODS layout's 27
 * fields) and, for ODS files, from the file name ({@code eccg*} is the sub-ICB location file). A file
 * of names is small and must be right, so any bad row stops the run; every bad row is listed with its
 * line and field (at most {@link BadRows#MAX_SHOWN}).
 */
final class OrganisationsFile {

    /** Longest code or name kept; longer ones are refused (no ODS code or name comes near). */
    static final int MAX_CODE = 12;
    static final int MAX_NAME = 200;

    /** The code rows without an organisation code are keyed by ({@link ImagingReport#UNKNOWN}); no file may name it. */
    private static final String RESERVED = key(ImagingReport.UNKNOWN);

    private OrganisationsFile() {
    }

    /** One row: a code, its name, its parent code (empty when none), and where it was read. */
    record Row(String code, String name, String parent, String source, int line) {
    }

    /** What a file gave. */
    record Read(String source, OrganisationsLayout layout, List<Row> rows) {
        Read {
            rows = List.copyOf(rows);
        }
    }

    static Read read(Path file) throws IOException {
        String option = " (--organisations)";
        if (!Files.exists(file)) {
            throw new InvalidOrganisationsFileException("the organisations file " + file + option + " does not exist. Give a CSV"
                    + " file with the header org_code,name,parent_code, or a file as NHS ODS publishes it (e.g. etr.csv,"
                    + " ets.csv, eccg.csv); or leave --organisations out");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidOrganisationsFileException("the organisations file " + file + option + " is a folder; give the"
                    + " CSV file itself");
        }
        Path name = file.getFileName();
        boolean subIcbFile = name != null && name.toString().toLowerCase(Locale.ROOT).startsWith("eccg");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(in, file.toString(), subIcbFile);
        } catch (CharacterCodingException e) {
            throw new InvalidOrganisationsFileException(file + " is not UTF-8 text; save it as UTF-8 (in Excel: 'CSV UTF-8')"
                    + " and run again");
        }
    }

    static Read parse(BufferedReader in, String source, boolean subIcbFile) throws IOException {
        BoundedLines lines = new BoundedLines(in, source, InvalidOrganisationsFileException::new);
        String first = lines.next();
        if (first == null || first.isBlank()) {
            throw new InvalidOrganisationsFileException(source + " is empty: it needs the header org_code,name,parent_code,"
                    + " or rows as NHS ODS publishes them");
        }
        if (first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        List<String> problems = new ArrayList<>();
        List<String> firstFields = fields(first, 1, problems);
        List<String> names = firstFields.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        OrganisationsLayout layout;
        int code;
        int name;
        int parent;
        boolean header;
        if (names.contains("org_code")) {
            if (names.size() != 3 || !names.contains("name") || !names.contains("parent_code")) {
                throw new InvalidOrganisationsFileException(source + " line 1: the header must name exactly the columns"
                        + " org_code, name and parent_code (found " + Excerpt.ofNames(names) + ")");
            }
            layout = OrganisationsLayout.BACKCHECK;
            code = names.indexOf("org_code");
            name = names.indexOf("name");
            parent = names.indexOf("parent_code");
            header = true;
        } else if (firstFields.size() == OrganisationsLayout.ODS_FIELDS) {
            layout = subIcbFile ? OrganisationsLayout.ODS_SUB_ICB : OrganisationsLayout.ODS_STANDARD;
            code = 0;
            name = 1;
            parent = (subIcbFile ? OrganisationsLayout.ODS_GEOGRAPHY_FIELD : OrganisationsLayout.ODS_PARENT_FIELD) - 1;
            header = false;
        } else {
            throw new InvalidOrganisationsFileException(source + " line 1: not an organisations file Backcheck reads: it has"
                    + " neither the header org_code,name,parent_code nor the " + OrganisationsLayout.ODS_FIELDS + " fields of"
                    + " an NHS ODS file (found " + firstFields.size() + " field" + (firstFields.size() == 1 ? "" : "s")
                    + "). See docs/organisations.md");
        }
        int width = header ? 3 : OrganisationsLayout.ODS_FIELDS;
        List<Row> rows = new ArrayList<>();
        if (!header) {
            row(firstFields, 1, width, code, name, parent, source, rows, problems);
        }
        String line;
        while (!BadRows.full(problems) && (line = lines.next()) != null) {
            int lineNo = lines.number();
            if (line.isBlank()) {
                continue;
            }
            List<String> f = fields(line, lineNo, problems);
            if (f != null) {
                row(f, lineNo, width, code, name, parent, source, rows, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidOrganisationsFileException(source + " (" + layout.description() + ") has "
                    + BadRows.count(problems, "bad row") + BadRows.stopped(problems) + "; nothing was audited. Fix " + (problems.size() == 1 ? "it" : "them")
                    + " and run again:" + BadRows.listed(problems));
        }
        if (rows.isEmpty()) {
            throw new InvalidOrganisationsFileException(source + " has no organisations in it");
        }
        return new Read(source, layout, rows);
    }

    private static void row(List<String> f, int lineNo, int width, int code, int name, int parent, String source,
                            List<Row> rows, List<String> problems) {
        if (f.size() != width) {
            problems.add("line " + lineNo + ": expected " + width + " fields, found " + f.size());
            return;
        }
        String c = key(f.get(code));
        if (!isCode(c)) {
            problems.add("line " + lineNo + ", code: '" + Excerpt.of(f.get(code).strip()) + "' is not an organisation code"
                    + " (1 to " + MAX_CODE + " letters, digits or hyphens)");
            return;
        }
        if (c.equals(RESERVED)) {
            problems.add("line " + lineNo + ", code: '" + Excerpt.of(f.get(code).strip()) + "' is reserved: the report"
                    + " labels rows without an organisation code '" + ImagingReport.UNKNOWN + "', so no file may name it");
            return;
        }
        String n = f.get(name).strip();
        if (n.isEmpty() || n.length() > MAX_NAME || n.codePoints().anyMatch(OrganisationsFile::isControlOrFormat)) {
            problems.add("line " + lineNo + ", name: the name of " + c + " is empty, longer than " + MAX_NAME
                    + " characters or holds control or invisible format characters (such as right-to-left overrides)");
            return;
        }
        String p = key(f.get(parent));
        if (!p.isEmpty() && !isCode(p)) {
            problems.add("line " + lineNo + ", parent: '" + Excerpt.of(f.get(parent).strip()) + "' is not an organisation code");
            return;
        }
        if (p.equals(RESERVED)) {
            problems.add("line " + lineNo + ", parent: '" + Excerpt.of(f.get(parent).strip()) + "' is reserved for rows"
                    + " without an organisation code");
            return;
        }
        rows.add(new Row(c, n, p.equals(c) ? "" : p, source, lineNo));
    }

    /** A code as the audit keys it: upper case, no surrounding spaces (the engines upper-case codes too). */
    static String key(String code) {
        return code.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * An ISO control character, or a Unicode format character (such as the bidirectional overrides U+202A to
     * U+202E and isolates U+2066 to U+2069, or a zero-width space), which would change how a name reads.
     */
    private static boolean isControlOrFormat(int cp) {
        return Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT;
    }

    private static boolean isCode(String c) {
        return !c.isEmpty() && c.length() <= MAX_CODE && c.chars().allMatch(ch -> ch < 128 && (Character.isLetterOrDigit(ch) || ch == '-'));
    }

    /**
     * The fields of one CSV line (RFC 4180: a field may be in double quotes, a doubled quote inside is one
     * quote); null, with a problem noted, when a quote is left open (records span no lines in these files).
     */
    static List<String> fields(String line, int lineNo, List<String> problems) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(ch);
                }
            } else if (ch == ',') {
                out.add(f.toString());
                f.setLength(0);
                wasQuoted = false;
            } else if (ch == '"' && f.toString().isBlank() && !wasQuoted) {
                f.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                f.append(ch);
            }
        }
        if (quoted) {
            problems.add("line " + lineNo + ": a quoted field is not closed");
            return lineNo == 1 ? out : null;
        }
        out.add(f.toString());
        return out;
    }
}
