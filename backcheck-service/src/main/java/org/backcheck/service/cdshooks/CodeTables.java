package org.backcheck.service.cdshooks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.backcheck.guidance.RedFlags;

/**
 * The two codelists the CDS Hooks service reads, kept as data beside it:
 * {@code org/backcheck/cds/lumbar-imaging-orders.csv} and {@code red-flag-conditions.csv}. Each
 * row records its source and how its meaning was checked; rows not marked verified are loaded
 * (so the files are validated whole) but never used for matching.
 */
final class CodeTables {

    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";

    /** What a coded condition means to Backcheck. */
    enum Effect { RED_FLAG, SCIATICA, NONE }

    /** One row of red-flag-conditions.csv. */
    record ConditionRule(String system, String code, Effect effect, String redFlag, String display) {
        /** How the code is shown to the clinician, e.g. "ICD-10 G83.4". */
        String label() {
            return (system.equals("icd10") ? "ICD-10 " : "SNOMED CT ") + code;
        }
    }

    /** One row of lumbar-imaging-orders.csv. */
    record ImagingCode(String system, String code, String display, boolean verified) {
    }

    private static final CodeTables STANDARD = load();

    private final Map<String, ImagingCode> imaging;           // "system|code" -> verified rows only
    private final List<ImagingCode> allImaging;
    private final Map<String, ConditionRule> icd10;           // normalised code/prefix -> rule
    private final Map<String, ConditionRule> snomed;
    private final List<ConditionRule> allRules;

    private CodeTables(List<ImagingCode> allImaging, List<ConditionRule> rules, List<ConditionRule> verifiedRules) {
        this.allImaging = List.copyOf(allImaging);
        this.allRules = List.copyOf(rules);
        Map<String, ImagingCode> im = new HashMap<>();
        for (ImagingCode c : allImaging) {
            if (c.verified()) {
                im.put(c.system() + "|" + c.code(), c);
            }
        }
        this.imaging = Map.copyOf(im);
        Map<String, ConditionRule> i = new HashMap<>();
        Map<String, ConditionRule> s = new HashMap<>();
        for (ConditionRule r : verifiedRules) {
            (r.system().equals("icd10") ? i : s).put(r.system().equals("icd10") ? normaliseIcd10(r.code()) : r.code(), r);
        }
        this.icd10 = Map.copyOf(i);
        this.snomed = Map.copyOf(s);
    }

    static CodeTables standard() {
        return STANDARD;
    }

    List<ImagingCode> imagingCodes() {
        return allImaging;
    }

    List<ConditionRule> conditionRules() {
        return allRules;
    }

    /** True when (system, code) is a verified lumbar spine imaging code. */
    boolean isLumbarImaging(String system, String code) {
        return system != null && code != null && imaging.containsKey(system + "|" + code.trim());
    }

    /**
     * The rule for one coding, or null. ICD-10 (WHO or CM) by the longest matching prefix, so
     * M80.08 wins over M80; SNOMED CT exactly.
     */
    ConditionRule ruleFor(String system, String code) {
        if (system == null || code == null) {
            return null;
        }
        if (system.equals(ICD10) || system.equals(ICD10_CM)) {
            String c = normaliseIcd10(code);
            for (int n = c.length(); n >= 3; n--) {
                ConditionRule r = icd10.get(c.substring(0, n));
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
        if (system.equals(SNOMED)) {
            return snomed.get(code.trim());
        }
        return null;
    }

    static String normaliseIcd10(String code) {
        return code.trim().replace(".", "").toUpperCase(Locale.ROOT);
    }

    private static CodeTables load() {
        List<ImagingCode> imaging = new ArrayList<>();
        for (String[] row : rows("lumbar-imaging-orders.csv", 5)) {
            imaging.add(new ImagingCode(row[0], row[1], row[2], verified(row[4])));
        }
        List<ConditionRule> rules = new ArrayList<>();
        List<ConditionRule> used = new ArrayList<>();
        for (String[] row : rows("red-flag-conditions.csv", 6)) {
            if (!row[0].equals("icd10") && !row[0].equals("snomed")) {
                throw new IllegalStateException("red-flag-conditions.csv: unknown system " + row[0]);
            }
            Effect effect = switch (row[2]) {
                case "none" -> Effect.NONE;
                case "sciatica" -> Effect.SCIATICA;
                default -> {
                    if (!RedFlags.vocabulary().containsKey(row[2])) {
                        throw new IllegalStateException("red-flag-conditions.csv: " + row[2] + " is not a red flag id");
                    }
                    yield Effect.RED_FLAG;
                }
            };
            ConditionRule rule = new ConditionRule(row[0], row[1], effect, effect == Effect.RED_FLAG ? row[2] : null, row[3]);
            rules.add(rule);
            if (verified(row[5])) {
                used.add(rule);
            }
        }
        return new CodeTables(imaging, rules, used);
    }

    private static boolean verified(String column) {
        return column.trim().toLowerCase(Locale.ROOT).startsWith("yes");
    }

    private static List<String[]> rows(String name, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = CodeTables.class.getResourceAsStream("/org/backcheck/cds/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource org/backcheck/cds/" + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\\|", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(name + ": expected " + columns + " columns: " + line);
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** The systems an ICD-10 rule applies to. */
    static Set<String> icd10Systems() {
        return Set.of(ICD10, ICD10_CM);
    }
}
