package org.backcheck.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code aggregates.csv} and {@code aggregates.json}: the report's figures for further analysis.
 *
 * <p>The CSV is one table; its {@code grain} column says what a row is: {@code total}, {@code month},
 * {@code age_band}, {@code provider}, {@code provider_month}, {@code commissioner},
 * {@code commissioner_month}, and {@code specialty} (by treatment function code, whole extract; only when the
 * extract has the column); with organisations files ({@code --organisations}) also
 * {@code provider_parent} and {@code commissioner_parent} (the trust and ICB roll-ups, {@link OrganisationRollUp})
 * and a last column {@code name}. Columns that do not apply to a grain are empty. Under disclosure control
 * a suppressed figure is {@code *}; the {@code disclosure} column says which rules were applied.
 */
public final class Aggregates {

    static final List<String> CSV_COLUMNS = List.of("grain", "provider", "commissioner", "month", "age_band", "specialty", "records",
            "counted", "excluded", "unmatched", "rejected", "counted_per_1000_records", "person_years", "counted_in_period",
            "expected", "observed_to_expected", "counted_per_100000_per_year", "funnel_95", "funnel_998", "spc_signals",
            "disclosure");

    private Aggregates() {
    }

    /** What the {@code disclosure} column and field say. */
    static String disclosureLabel(Disclosure d) {
        return d == Disclosure.CONTROLLED ? "HES disclosure control" : "NONE: not disclosure controlled; internal use only";
    }

    public static void writeCsv(ImagingReport r, Path file) throws IOException {
        Shown shown = new Shown(r.disclosure());
        String label = disclosureLabel(r.disclosure());
        try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(OutputFile.create(file),
                StandardCharsets.UTF_8))) {
            boolean named = r.organisations().given();
            w.write(String.join(",", CSV_COLUMNS) + (named ? "," + NAME_COLUMN : ""));
            w.write('\n');
            AuditFigures s = r.summary();
            String none = named ? "" : null;
            row(w, shown, label, "total", "", "", "", "", new StatusCounts(s.rowsRead(), s.counted(), s.excluded(),
                    s.unmatched(), s.rejected()), Optional.empty(), Optional.empty(), "", none);
            Map<String, String> monthSignals = signals(r.monthlySpc());
            for (var m : allMonths(r).entrySet()) {
                row(w, shown, label, "month", "", "", m.getKey(), "", m.getValue(), Optional.empty(), Optional.empty(),
                        monthSignals.getOrDefault(m.getKey(), ""), none);
            }
            for (var e : r.ageBands().entrySet()) {
                row(w, shown, label, "age_band", "", "", "", e.getKey().label(), e.getValue(), Optional.empty(),
                        Optional.empty(), "", none);
            }
            for (ImagingReport.Organisation o : r.providers()) {
                row(w, shown, label, "provider", o.code(), "", "", "", o.counts(), o.funnel(), Optional.empty(), "",
                        name(r, o.code()));
            }
            Map<String, Map<String, String>> providerSignals = new TreeMap<>();
            r.providerSpc().forEach(p -> providerSignals.put(p.provider(), signals(Optional.of(p.chart()))));
            for (var e : byOrgMonth(r.summary().activity().providers()).entrySet()) {
                for (var m : e.getValue().entrySet()) {
                    row(w, shown, label, "provider_month", e.getKey(), "", m.getKey(), "", m.getValue(), Optional.empty(),
                            Optional.empty(), providerSignals.getOrDefault(e.getKey(), Map.of()).getOrDefault(m.getKey(), ""),
                            name(r, e.getKey()));
                }
            }
            for (ImagingReport.Organisation o : r.commissioners()) {
                row(w, shown, label, "commissioner", "", o.code(), "", "", o.counts(), o.funnel(), o.rate(), "",
                        name(r, o.code()));
            }
            for (var e : byOrgMonth(r.summary().activity().commissioners()).entrySet()) {
                for (var m : e.getValue().entrySet()) {
                    row(w, shown, label, "commissioner_month", "", e.getKey(), m.getKey(), "", m.getValue(),
                            Optional.empty(), Optional.empty(), "", name(r, e.getKey()));
                }
            }
            for (Specialties.Row sp : r.breakdowns().specialties().rows()) {
                row(w, shown, label, "specialty", "", "", "", "", sp.code(), sp.counts(), Optional.empty(),
                        Optional.empty(), "", r.organisations().given() ? "" : null);
            }
            for (ImagingReport.Organisation o : r.organisations().providerParents()) {
                row(w, shown, label, "provider_parent", o.code(), "", "", "", o.counts(), o.funnel(), Optional.empty(), "",
                        name(r, o.code()));
            }
            for (ImagingReport.Organisation o : r.organisations().commissionerParents()) {
                row(w, shown, label, "commissioner_parent", "", o.code(), "", "", o.counts(), o.funnel(), o.rate(), "",
                        name(r, o.code()));
            }
        }
    }

    private static void row(Writer w, Shown shown, String label, String grain, String provider, String commissioner,
                            String month, String band, StatusCounts c, Optional<FunnelResult.Point> funnel,
                            Optional<ImagingReport.PopulationRate> rate, String spc, String name) throws IOException {
        row(w, shown, label, grain, provider, commissioner, month, band, "", c, funnel, rate, spc, name);
    }

    private static void row(Writer w, Shown shown, String label, String grain, String provider, String commissioner,
                            String month, String band, String specialty, StatusCounts c,
                            Optional<FunnelResult.Point> funnel, Optional<ImagingReport.PopulationRate> rate, String spc,
                            String name) throws IOException {
        List<String> f = new ArrayList<>(CSV_COLUMNS.size());
        f.add(grain);
        f.add(provider);
        f.add(commissioner);
        f.add(month);
        f.add(band);
        f.add(specialty);
        f.add(shown.count(c.rows()));
        f.add(shown.count(c.counted()));
        f.add(shown.count(c.excluded()));
        f.add(shown.count(c.unmatched()));
        f.add(shown.count(c.rejected()));
        f.add(grain.startsWith("commissioner") ? "" : shown.rate(c.counted(), c.rows(), 1000, 2));
        // (provider_parent rows are proportions like provider rows: their funnel flags are the trusts' funnel.)
        f.add(rate.map(x -> Shown.plain(x.personYears(), 1)).orElse(""));
        f.add(rate.map(x -> shown.count(x.observed())).orElse(""));
        f.add(rate.map(x -> Shown.plain(x.expected(), 1)).orElse(""));
        f.add(rate.map(x -> shown.derived(x.observedToExpected(), x.observed(), 3)).orElse(""));
        f.add(rate.map(x -> shown.derived(x.per100kPerYear(), x.observed(), 1)).orElse(""));
        boolean hide = funnel.isPresent() && (grain.startsWith("provider") ? shown.suppressesProportion(c.counted(), c.rows())
                : rate.map(x -> shown.suppresses(x.observed(), 0)).orElse(false));
        f.add(funnel.map(p -> hide ? Disclosure.SUPPRESSED : p.outlier95().name()).orElse(""));
        f.add(funnel.map(p -> hide ? Disclosure.SUPPRESSED : p.outlier998().name()).orElse(""));
        f.add(spc);
        f.add(label);
        if (name != null) {
            f.add(name);
        }
        // Text columns (the organisation codes and names come from the input) are written safe for a spreadsheet;
        // the figures, which Backcheck computes, as they are.
        CsvOut.line(w, f, TEXT_COLUMNS, name != null ? 3 : 2);
    }

    /** grain, provider, commissioner, month, age_band and specialty; spc_signals and disclosure are the last two (then name). */
    private static final int TEXT_COLUMNS = 6;

    /** The column added, last, when organisations files were given. */
    static final String NAME_COLUMN = "name";

    /** The name column's value for a code: its name from the files, empty when none; null without files (no column). */
    private static String name(ImagingReport r, String code) {
        return r.organisations().given() ? r.organisations().lookup().name(code).orElse("") : null;
    }

    /** Signals by month label, e.g. "OUTSIDE_LIMITS:HIGH;SHIFT:HIGH". */
    static Map<String, String> signals(Optional<SpcResult> chart) {
        Map<String, String> out = new TreeMap<>();
        chart.ifPresent(c -> c.rows().forEach(row -> {
            if (!row.signals().isEmpty()) {
                out.put(row.point().label(), row.signals().stream().map(sg -> sg.rule() + ":" + sg.direction()).sorted()
                        .collect(Collectors.joining(";")));
            }
        }));
        return out;
    }

    /** Every month with records, in or outside the period, and "unknown" last: the month grain adds up to the total. */
    static Map<String, StatusCounts> allMonths(ImagingReport r) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Activity.Cell c : r.summary().activity().providers()) {
            c.addTo(sums.computeIfAbsent(c.month(), m -> new long[org.backcheck.classify.Status.values().length]));
        }
        Map<String, StatusCounts> out = new java.util.LinkedHashMap<>();
        sums.forEach((m, t) -> {
            if (!m.equals(ImagingReport.UNKNOWN)) {
                out.put(m, StatusCounts.of(t));
            }
        });
        long[] u = sums.get(ImagingReport.UNKNOWN);
        if (u != null) {
            out.put(ImagingReport.UNKNOWN, StatusCounts.of(u));
        }
        return out;
    }

    /** Cells summed over age bands: organisation to month to counts (unknown months included). */
    static Map<String, Map<String, StatusCounts>> byOrgMonth(List<Activity.Cell> cells) {
        Map<String, Map<String, long[]>> sums = new TreeMap<>();
        for (Activity.Cell c : cells) {
            c.addTo(sums.computeIfAbsent(c.organisation(), o -> new TreeMap<>()).computeIfAbsent(c.month(),
                    m -> new long[org.backcheck.classify.Status.values().length]));
        }
        Map<String, Map<String, StatusCounts>> out = new TreeMap<>();
        sums.forEach((org, months) -> {
            Map<String, StatusCounts> m = new TreeMap<>();
            months.forEach((month, t) -> m.put(month, StatusCounts.of(t)));
            out.put(org, m);
        });
        return out;
    }

    public static void writeJson(ImagingReport r, Path file) throws IOException {
        OutputFile.writeString(file, JsonText.of(json(r)));
    }

    static String fileName(String path) {
        java.nio.file.Path p = java.nio.file.Path.of(path).getFileName();
        return p == null ? path : p.toString();
    }

    static Map<String, Object> json(ImagingReport r) {
        Shown shown = new Shown(r.disclosure());
        AuditFigures s = r.summary();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("measure", s.measure());
        root.put("input", fileName(s.input()));
        root.put("sample_data", r.sampleData());
        root.put("disclosure_control", r.disclosure() == Disclosure.CONTROLLED);
        root.put("disclosure", disclosureLabel(r.disclosure()));
        root.put("null_policy", s.nullPolicy().id());
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("first_month", r.period().first().map(Object::toString).orElse(null));
        period.put("last_month", r.period().last().map(Object::toString).orElse(null));
        period.put("months", r.period().spanMonths());
        period.put("given", r.period().given());
        period.put("months_without_records", r.period().emptyMonths());
        period.put("rows_without_month", shown.countValue(r.period().unknownMonthRows()));
        period.put("months_outside_period", r.period().outsideMonths());
        period.put("rows_outside_period", shown.countValue(r.period().outsideRows()));
        root.put("period", period);
        Map<String, Object> totals = counts(shown, new StatusCounts(s.rowsRead(), s.counted(), s.excluded(), s.unmatched(),
                s.rejected()));
        totals.put("counted_per_1000_records", shown.rateValue(s.counted(), s.rowsRead(), 1000, 2));
        Map<String, Object> reasons = new LinkedHashMap<>();
        s.excludedByReason().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> reasons.put(e.getKey(), shown.countValue(e.getValue())));
        totals.put("excluded_by_reason", reasons);
        totals.put("null_policy_sensitive_rows", shown.countValue(s.nullPolicySensitiveRows()));
        totals.put("counted_under_" + s.otherNullPolicy().id() + "_policy", shown.countValue(s.otherPolicyCounted()));
        root.put("totals", totals);
        root.put("comparators", StatsJson.comparators(r, shown));

        List<Object> months = new ArrayList<>();
        Map<String, String> monthSignals = signals(r.monthlySpc());
        for (var m : allMonths(r).entrySet()) {
            Map<String, Object> o = counts(shown, m.getValue());
            o.put("month", m.getKey());
            o.put("in_period", r.period().contains(m.getKey()));
            o.put("spc_signals", monthSignals.getOrDefault(m.getKey(), ""));
            months.add(reorder(o, "month"));
        }
        root.put("months", months);
        root.put("monthly_spc", r.monthlySpc().map(c -> StatsJson.spcLines(c, r.stats().monthlyHidden())).orElse(null));
        List<Object> bands = new ArrayList<>();
        r.ageBands().forEach((band, c) -> {
            Map<String, Object> o = counts(shown, c);
            o.put("age_band", band.label());
            bands.add(reorder(o, "age_band"));
        });
        root.put("age_bands", bands);

        root.put("provider_funnel", r.providerFunnel().map(f -> funnel(f, shown)).orElse(null));
        List<Object> providers = new ArrayList<>();
        Map<String, ImagingReport.ProviderSpc> charts = new TreeMap<>();
        r.providerSpc().forEach(p -> charts.put(p.provider(), p));
        for (ImagingReport.Organisation o : r.providers()) {
            Map<String, Object> m = counts(shown, o.counts());
            m.put("provider", o.code());
            m.put("counted_per_1000_records", shown.rateValue(o.counts().counted(), o.counts().rows(), 1000, 2));
            boolean hide = shown.suppressesProportion(o.counts().counted(), o.counts().rows());
            m.put("funnel", o.funnel().map(p -> hide ? Disclosure.SUPPRESSED : point(p, 1000, shown)).orElse(null));
            ImagingReport.ProviderSpc chart = charts.get(o.code());
            m.put("spc", chart == null ? null : StatsJson.spcLines(chart.chart(), chart.hiddenMonths()));
            m.put("spc_signals", chart == null ? Map.of() : signals(Optional.of(chart.chart())));
            m.put("spc_not_charted", r.notCharted().get(o.code()));
            RollUpAggregates.putName(r, m, o.code());
            providers.add(reorder(m, "provider"));
        }
        root.put("providers", providers);

        r.population().ifPresent(p -> {
            Map<String, Object> pop = new LinkedHashMap<>();
            pop.put("source", fileName(p.source()));
            pop.put("pooled_counted_per_100000_per_year", Shown.plainValue(p.pooledPer100k(), 1));
            pop.put("organisations_in_file_without_records", p.unusedOrgs());
            root.put("population", pop);
        });
        root.put("commissioner_funnel", r.commissionerFunnel().map(f -> funnel(f, shown)).orElse(null));
        List<Object> commissioners = new ArrayList<>();
        for (ImagingReport.Organisation o : r.commissioners()) {
            Map<String, Object> m = counts(shown, o.counts());
            m.put("commissioner", o.code());
            putRate(shown, m, o);
            RollUpAggregates.putName(r, m, o.code());
            commissioners.add(reorder(m, "commissioner"));
        }
        root.put("commissioners", commissioners);
        root.put("provider_months", orgMonths(r, shown, byOrgMonth(s.activity().providers()), "provider"));
        root.put("commissioner_months", orgMonths(r, shown, byOrgMonth(s.activity().commissioners()), "commissioner"));
        root.put("specialties", r.breakdowns().specialties().present() ? specialties(r, shown) : null);
        root.put("year_on_year", YearOnYearTable.json(r, shown));
        root.put("notes", s.notes());
        RollUpAggregates.put(r, shown, root);
        root.put("provenance", r.provenance().toMap());
        return root;
    }

    private static List<Object> specialties(ImagingReport r, Shown shown) {
        List<Object> out = new ArrayList<>();
        for (Specialties.Row sp : r.breakdowns().specialties().rows()) {
            Map<String, Object> m = counts(shown, sp.counts());
            m.put("specialty", sp.code());
            m.put("name", sp.name());
            m.put("counted_per_1000_records", shown.rateValue(sp.counts().counted(), sp.counts().rows(), 1000, 2));
            out.add(reorder(m, "specialty", "name"));
        }
        return out;
    }

    /** A commissioner's (or ICB's) rate per head, its reason for having none, and its funnel point, as shown. */
    static void putRate(Shown shown, Map<String, Object> m, ImagingReport.Organisation o) {
        long observed = o.rate().map(ImagingReport.PopulationRate::observed).orElse(0L);
        o.rate().ifPresent(x -> {
            m.put("person_years", Shown.plainValue(x.personYears(), 1));
            m.put("counted_in_period", shown.countValue(x.observed()));
            m.put("expected", Shown.plainValue(x.expected(), 1));
            m.put("observed_to_expected", shown.derivedValue(x.observedToExpected(), observed, 3));
            m.put("counted_per_100000_per_year", shown.derivedValue(x.per100kPerYear(), observed, 1));
        });
        o.noRate().ifPresent(why -> m.put("no_population_rate", why));
        boolean hide = shown.suppresses(observed, 0);
        o.funnel().ifPresent(p -> m.put("funnel", hide ? Disclosure.SUPPRESSED : point(p, 1, shown)));
    }

    private static List<Object> orgMonths(ImagingReport r, Shown shown, Map<String, Map<String, StatusCounts>> data, String key) {
        List<Object> out = new ArrayList<>();
        data.forEach((org, months) -> months.forEach((month, c) -> {
            Map<String, Object> m = counts(shown, c);
            m.put("month", month);
            m.put(key, org);
            RollUpAggregates.putName(r, m, org);
            out.add(reorder(m, key, "month"));
        }));
        return out;
    }

    static Map<String, Object> counts(Shown shown, StatusCounts c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("records", shown.countValue(c.rows()));
        m.put("counted", shown.countValue(c.counted()));
        m.put("excluded", shown.countValue(c.excluded()));
        m.put("unmatched", shown.countValue(c.unmatched()));
        m.put("rejected", shown.countValue(c.rejected()));
        return m;
    }

    /** The same map with the named keys first. */
    static Map<String, Object> reorder(Map<String, Object> m, String... first) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : first) {
            out.put(k, m.get(k));
        }
        m.forEach(out::putIfAbsent);
        return out;
    }

    /**
     * A funnel's parameters. Under disclosure control the target is given to 4 significant figures,
     * so that it cannot be multiplied back into an exact total and differenced against the shown units.
     */
    static Map<String, Object> funnel(FunnelResult f, Shown shown) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measure", f.measure().name().toLowerCase(java.util.Locale.ROOT));
        m.put("target", shown.controlled() ? significant(f.target(), 4) : Shown.plainValue(f.target(), 8));
        m.put("phi", Shown.plainValue(f.phi(), 4));
        m.put("tau2", Shown.plainValue(f.tau2(), 8));
        m.put("overdispersion_adjusted", f.adjusted());
        m.put("overdispersion_method", f.ratioMethod().map(FunnelRatioMethod::id).orElse("winsorised"));
        m.put("exact_poisson_limits", f.exactPoisson());
        m.put("units", f.points().size());
        m.put("units_without_denominator", f.excluded().stream().map(FunnelUnit::org).toList());
        return m;
    }

    private static Object significant(double v, int digits) {
        return Double.isFinite(v) && v != 0
                ? new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue() : Shown.plainValue(v, 0);
    }

    /**
     * A unit on a funnel. Under disclosure control only its flags are given: a unit's limits and z-score
     * are functions of its exact denominator, which the rounded counts are there to hide.
     */
    static Map<String, Object> point(FunnelResult.Point p, double scale, Shown shown) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (shown.controlled()) {
            m.put("outlier_95", p.outlier95().name());
            m.put("outlier_998", p.outlier998().name());
            return m;
        }
        m.put("z", Shown.plainValue(p.z(), 3));
        m.put("lower_998", Shown.plainValue(p.limits998().lower() * scale, 4));
        m.put("lower_95", Shown.plainValue(p.limits95().lower() * scale, 4));
        m.put("upper_95", Shown.plainValue(p.limits95().upper() * scale, 4));
        m.put("upper_998", Shown.plainValue(p.limits998().upper() * scale, 4));
        m.put("outlier_95", p.outlier95().name());
        m.put("outlier_998", p.outlier998().name());
        return m;
    }
}
