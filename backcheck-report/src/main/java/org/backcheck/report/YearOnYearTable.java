package org.backcheck.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The year-on-year comparison as published: one row per unit, every figure through {@link Shown}. The
 * same rows make the report's table, {@code year_on_year.csv} and {@code year_on_year} in
 * {@code aggregates.json}.
 *
 * <p>Disclosure control: counts follow the HES rules; each period's rate is shown as {@link Shown#rate}
 * shows a proportion (not when its counted, records or records not counted are 1 to 7); the change and
 * the verdict are shown only when both rates are, since either would otherwise carry a hidden rate.
 * Under control the z-statistic and p-value are not published (they are functions of the exact
 * counts, as a funnel's per-unit z-scores are).
 */
final class YearOnYearTable {

    static final String FILE = "year_on_year.csv";

    static final List<String> COLUMNS = List.of("table", "unit", "earlier_first_month", "earlier_last_month",
            "later_first_month", "later_last_month", "records_earlier", "counted_earlier", "counted_per_1000_records_earlier",
            "records_later", "counted_later", "counted_per_1000_records_later", "change_per_1000_records", "z", "p_value",
            "beyond_chance", "disclosure");

    /** Text columns (written safe for a spreadsheet): table, unit, and the last two. */
    private static final int TEXT_COLUMNS = 2;

    private YearOnYearTable() {
    }

    /** The rows: the whole extract, then providers, then commissioners; none when the comparison was not made. */
    static List<List<String>> rows(ImagingReport r, Shown shown) {
        YearOnYear y = r.breakdowns().yearOnYear();
        List<List<String>> out = new ArrayList<>();
        if (y.notHeld().isPresent()) {
            return out;
        }
        String[] months = {y.previousFirst().get().toString(), y.previousLast().get().toString(),
                r.period().first().get().toString(), r.period().last().get().toString()};
        String label = Aggregates.disclosureLabel(r.disclosure());
        y.whole().ifPresent(c -> out.add(row("whole", c, months, shown, label)));
        y.providers().forEach(c -> out.add(row("provider", c, months, shown, label)));
        y.commissioners().forEach(c -> out.add(row("commissioner", c, months, shown, label)));
        return out;
    }

    private static List<String> row(String table, YearOnYear.Change c, String[] months, Shown shown, String label) {
        List<String> f = new ArrayList<>(COLUMNS.size());
        f.add(table);
        f.add(c.unit());
        f.addAll(List.of(months));
        String before = shown.rate(c.countedBefore(), c.recordsBefore(), 1000, 2);
        String now = shown.rate(c.countedNow(), c.recordsNow(), 1000, 2);
        f.add(shown.count(c.recordsBefore()));
        f.add(shown.count(c.countedBefore()));
        f.add(before);
        f.add(shown.count(c.recordsNow()));
        f.add(shown.count(c.countedNow()));
        f.add(now);
        boolean bothShown = !before.equals(Disclosure.SUPPRESSED) && !now.equals(Disclosure.SUPPRESSED);
        boolean bothExist = !before.equals("-") && !now.equals("-");
        // The change as published: the difference of the two rates shown (from the published counts under control).
        f.add(!bothExist ? "-" : !bothShown ? Disclosure.SUPPRESSED : signed(Shown.plain(shown.controlled()
                ? Double.parseDouble(now) - Double.parseDouble(before) : c.changePer1000(), 2)));
        boolean statistics = !shown.controlled() && c.test().isPresent();
        f.add(statistics ? Shown.plain(c.test().get().z(), 3) : "");
        f.add(statistics ? new BigDecimal(c.test().get().p()).round(new MathContext(4)).toString() : "");
        // Not tested for want of an organisation code or of records in a period says nothing the counts do not.
        boolean plain = c.unit().equals(ImagingReport.UNKNOWN) || c.recordsBefore() == 0 || c.recordsNow() == 0;
        f.add(bothShown || plain ? verdict(c) : Disclosure.SUPPRESSED);
        f.add(label);
        return f;
    }

    private static String signed(String s) {
        return s.startsWith("-") || s.matches("0(\\.0*)?") ? s : "+" + s;
    }

    /** The verdict in words. */
    static String verdict(YearOnYear.Change c) {
        return switch (c.verdict()) {
            case HIGHER -> "higher";
            case LOWER -> "lower";
            case NO_EVIDENCE -> "no evidence of change";
            case NOT_TESTED -> c.unit().equals(ImagingReport.UNKNOWN) ? "not tested: no organisation code"
                    : c.recordsBefore() == 0 || c.recordsNow() == 0 ? "not tested: no records in one period"
                    : "not tested: too few for the test";
        };
    }

    static void writeCsv(ImagingReport r, Path file) throws IOException {
        try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(OutputFile.create(file),
                StandardCharsets.UTF_8))) {
            w.write(String.join(",", COLUMNS));
            w.write('\n');
            for (List<String> f : rows(r, new Shown(r.disclosure()))) {
                CsvOut.line(w, f, TEXT_COLUMNS, 2);
            }
        }
    }

    /** For aggregates.json: the periods, why there is no comparison when there is none, and the rows. */
    static Map<String, Object> json(ImagingReport r, Shown shown) {
        YearOnYear y = r.breakdowns().yearOnYear();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("earlier_period", y.previousLabel().isEmpty() ? null : y.previousLabel());
        m.put("later_period", r.period().first().isPresent() ? r.period().label() : null);
        m.put("not_compared", y.notHeld().orElse(null));
        m.put("test", "two-proportion z-test, pooled; Holm's step-down within providers and within commissioners,"
                + " family-wise alpha " + YearOnYear.ALPHA);
        List<Object> rows = new ArrayList<>();
        for (List<String> f : rows(r, shown)) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.size() - 1; i++) {
                row.put(COLUMNS.get(i), value(COLUMNS.get(i), f.get(i)));
            }
            rows.add(row);
        }
        m.put("rows", rows);
        return m;
    }

    /** A figure as JSON: a number when it is one, null when empty or "-", else the text (e.g. "*"). */
    private static Object value(String column, String text) {
        if (column.equals("unit") || column.equals("table") || column.endsWith("_month") || column.equals("beyond_chance")) {
            return text;
        }
        if (text.isEmpty() || text.equals("-")) {
            return null;
        }
        if (text.equals(Disclosure.SUPPRESSED)) {
            return text;
        }
        return column.startsWith("records") || column.startsWith("counted_") && !column.contains("per_1000")
                ? (Object) Long.parseLong(text) : (Object) Double.parseDouble(text);
    }
}
