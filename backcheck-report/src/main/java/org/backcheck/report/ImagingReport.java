package org.backcheck.report;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures of the audit report, computed once from an audit run and shared by every output
 * (report.html, aggregates.csv, aggregates.json), so that the three can never disagree.
 *
 * <p>Definitions (repeated in the report's method notes):
 * <ul>
 *   <li><b>Attendances</b>, the denominator of a provider's rate: every record of that provider in the
 *       extract, whatever its status or attendance status, because the measure itself does not filter
 *       on attendance. Rows without a provider code are shown as "unknown" and left out of the funnel.</li>
 *   <li><b>Counted</b>: rows the measure counts (selected and not excluded).</li>
 *   <li><b>Funnel plots</b>: {@link FunnelPlot}; providers as proportions (counted / attendances);
 *       commissioners, when a population file is given, as ratios of observed to expected counts.</li>
 *   <li><b>SPC</b>: {@link SpcChart} on counted imaging per 1,000 records per month, for the whole extract
 *       and for each provider with at least two months charted ({@link StatsOptions#spc()}).</li>
 *   <li><b>Disclosure control</b>: statistics are computed on exact counts; what is shown follows
 *       {@link Disclosure}. Under control, a funnel point whose count is 1 to 7 is not drawn, and a month
 *       whose rate the tables would show as * is left out of an SPC chart ({@link RateSeries}).</li>
 * </ul>
 *
 * @param title         the report's heading
 * @param sampleData    whether the input is Backcheck's synthetic sample (marked on every page)
 * @param disclosure    how figures are shown
 * @param summary       the audit run
 * @param period        months covered
 * @param providers     providers by code ("unknown" last), with their funnel points
 * @param providerFunnel the providers' funnel, absent without a provider column or attendances
 * @param commissioners commissioners by code, with population rates when a file was given
 * @param population    the population file's name and the pooled rate, when given
 * @param commissionerFunnel the commissioners' ratio funnel, when a population file gave any expected counts
 * @param months        each month with records, in order
 * @param monthlySpc    the XmR chart of counted activity per month for the whole extract
 * @param providerSpc   one chart per provider that could be charted
 * @param notCharted    providers without a chart, and why
 * @param ageBands      counts by age band over the whole extract
 * @param breakdowns    the period against the one before it, and the breakdown by treatment function
 * @param organisations names (from {@code --organisations}) and the trust and ICB roll-ups; see {@link #label}
 * @param provenance    the build, run, input, measure revision and options the figures come from
 * @param stats         comparators (pooled rate, benchmark) and the SPC options used
 */
public record ImagingReport(String title, boolean sampleData, Disclosure disclosure, AuditFigures summary,
                            ReportPeriod period, List<Organisation> providers, Optional<FunnelResult> providerFunnel,
                            List<Organisation> commissioners, Optional<PopulationUse> population,
                            Optional<FunnelResult> commissionerFunnel, List<Month> months, Optional<SpcResult> monthlySpc,
                            List<ProviderSpc> providerSpc, Map<String, String> notCharted,
                            Map<AgeBand, StatusCounts> ageBands, Breakdowns breakdowns,
                            OrganisationRollUp organisations, Provenance provenance, StatsFigures stats) {

    /** What the report shows for an organisation code: "Name (CODE)" when a file names it, else the code. */
    public String label(String code) {
        return organisations.lookup().label(code);
    }

    /** The shorter label written beside a point on a chart ({@link Organisations#chartLabel}). */
    public String chartLabel(String code) {
        return organisations.lookup().chartLabel(code);
    }

    /** Length of the count arrays, indexed by Status ordinal ([0] is counted). */
    private static final int STATUSES = org.backcheck.classify.Status.values().length;

    /** The label of rows without an organisation or month. */
    public static final String UNKNOWN = "unknown";

    public ImagingReport {
        providers = List.copyOf(providers);
        commissioners = List.copyOf(commissioners);
        months = List.copyOf(months);
        providerSpc = List.copyOf(providerSpc);
        notCharted = java.util.Collections.unmodifiableMap(new TreeMap<>(notCharted));
        ageBands = java.util.Collections.unmodifiableMap(new EnumMap<>(ageBands));
    }

    /**
     * One provider or commissioner.
     *
     * @param code      organisation code, or "unknown"
     * @param counts    its rows by status
     * @param funnel    its point on the funnel plot, when it is on one
     * @param rate      for commissioners with a population: person-years, expected count and rates
     * @param noRate    why a commissioner has no population rate, when it has none
     */
    public record Organisation(String code, StatusCounts counts, Optional<FunnelResult.Point> funnel,
                               Optional<PopulationRate> rate, Optional<String> noRate) {
    }

    /**
     * A commissioner's rate per head.
     *
     * @param personYears   population × (months in the period / 12), summed month by month with each month's
     *                      calendar-year population
     * @param observed      counted activity dated within the period
     * @param expected      the count expected at the pooled rate of all commissioners with a population
     * @param per100kPerYear counted activity per 100,000 person-years
     */
    public record PopulationRate(double personYears, long observed, double expected, double per100kPerYear) {
        public double observedToExpected() {
            return expected > 0 ? observed / expected : Double.NaN;
        }
    }

    /**
     * How the population file was used.
     *
     * @param source          the file
     * @param pooledPer100k   counted per 100,000 person-years over the commissioners with a population
     * @param unusedOrgs      organisations in the file with no records in the extract (not in the rates)
     */
    public record PopulationUse(String source, double pooledPer100k, List<String> unusedOrgs) {
        public PopulationUse {
            unusedOrgs = List.copyOf(unusedOrgs);
        }
    }

    /** One month's records, whole extract. */
    public record Month(String month, StatusCounts counts) {
    }

    /**
     * A provider's monthly chart of counted imaging per 1,000 records.
     *
     * @param hiddenMonths months left out of the chart under disclosure control ({@link RateSeries})
     */
    public record ProviderSpc(String provider, SpcResult chart, List<String> hiddenMonths) {
        public ProviderSpc {
            hiddenMonths = List.copyOf(hiddenMonths);
        }
    }

    /**
     * Options for {@link #of}.
     *
     * @param period the months to report on, first and last inclusive; empty to find them from the data
     * @param organisations names and parents of organisations, {@link Organisations#none()} when no file was given
     * @param arguments the report's options as given ({@link ReportRequest#arguments()}), for the provenance
     * @param stats  comparators, SPC settings and the ratio funnel's method
     */
    public record Options(String title, boolean sampleData, Disclosure disclosure, Optional<Population> population,
                          Optional<YearMonth[]> period, Organisations organisations, List<String> arguments,
                          StatsOptions stats) {
        public Options {
            Objects.requireNonNull(organisations, "organisations");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(stats, "stats");
            Objects.requireNonNull(disclosure, "disclosure");
            Objects.requireNonNull(population, "population");
            Objects.requireNonNull(period, "period");
            arguments = List.copyOf(arguments);
            period.ifPresent(p -> {
                if (p.length != 2 || p[0].isAfter(p[1])) {
                    throw new IllegalArgumentException("a period is a first and a last month, the first not after the last");
                }
            });
        }

        public Options(String title, boolean sampleData, Disclosure disclosure, Optional<Population> population,
                       Optional<YearMonth[]> period) {
            this(title, sampleData, disclosure, population, period, Organisations.none(), List.of(), StatsOptions.DEFAULT);
        }

        public Options(String title, boolean sampleData, Disclosure disclosure, Optional<Population> population) {
            this(title, sampleData, disclosure, population, Optional.empty());
        }

        public Options(String title, boolean sampleData, Disclosure disclosure, Optional<Population> population,
                       Optional<YearMonth[]> period, Organisations organisations) {
            this(title, sampleData, disclosure, population, period, organisations, List.of(), StatsOptions.DEFAULT);
        }

        public Options(String title, boolean sampleData, Disclosure disclosure, Optional<Population> population,
                       Optional<YearMonth[]> period, StatsOptions stats) {
            this(title, sampleData, disclosure, population, period, Organisations.none(), List.of(), stats);
        }
    }

    /** Computes the report's figures from an audit run. */
    public static ImagingReport of(AuditFigures summary, Options options) {
        Activity activity = summary.activity();
        Map<String, long[]> providerTotals = totals(activity.providers());
        Map<String, long[]> commissionerTotals = totals(activity.commissioners());
        Map<String, long[]> monthTotals = new TreeMap<>();
        Map<AgeBand, long[]> bandTotals = new EnumMap<>(AgeBand.class);
        Map<String, Map<String, long[]>> providerMonthRows = new TreeMap<>();
        for (Activity.Cell c : activity.providers()) {
            c.addTo(monthTotals.computeIfAbsent(c.month(), m -> new long[STATUSES]));
            c.addTo(bandTotals.computeIfAbsent(c.ageBand(), b -> new long[STATUSES]));
            long[] cell = providerMonthRows.computeIfAbsent(c.organisation(), p -> new TreeMap<>())
                    .computeIfAbsent(c.month(), m -> new long[2]);
            cell[0] += c.counted();
            cell[1] += c.rows();
        }
        ReportPeriod period = ReportPeriod.of(monthTotals, options.period());

        // Providers: proportions funnel.
        Optional<FunnelResult> providerFunnel = Optional.empty();
        Map<String, FunnelResult.Point> providerPoints = new TreeMap<>();
        if (activity.hasProvider()) {
            List<FunnelUnit> units = new ArrayList<>();
            providerTotals.forEach((org, c) -> {
                if (!org.equals(UNKNOWN)) {
                    units.add(new FunnelUnit(org, c[0], rows(c)));
                }
            });
            if (!units.isEmpty()) {
                FunnelResult f = FunnelPlot.proportions(units);
                providerFunnel = Optional.of(f);
                f.points().forEach(p -> providerPoints.put(p.unit().org(), p));
            }
        }
        List<Organisation> providers = new ArrayList<>();
        providerTotals.forEach((org, c) -> providers.add(new Organisation(org, counts(c),
                Optional.ofNullable(providerPoints.get(org)), Optional.empty(), Optional.empty())));
        moveUnknownLast(providers);

        // Commissioners: per head, when a population file is given.
        List<Organisation> commissioners = new ArrayList<>();
        Optional<PopulationUse> populationUse = Optional.empty();
        Optional<FunnelResult> commissionerFunnel = Optional.empty();
        if (activity.hasCommissioner()) {
            // Rates per head count the activity dated within the period, the time the person-years cover.
            Map<String, Long> countedInPeriod = new TreeMap<>();
            for (Activity.Cell c : activity.commissioners()) {
                if (period.contains(c.month())) {
                    countedInPeriod.merge(c.organisation(), c.counted(), Long::sum);
                }
            }
            Map<String, Double> personYears = new TreeMap<>();
            Map<String, String> noRate = new TreeMap<>();
            if (options.population().isPresent()) {
                Population population = options.population().get();
                List<YearMonth> span = period.months();
                for (String org : commissionerTotals.keySet()) {
                    if (org.equals(UNKNOWN)) {
                        noRate.put(org, "no commissioner code");
                        continue;
                    }
                    if (span.isEmpty()) {
                        noRate.put(org, "no readable appointment dates, so no period to rate over");
                        continue;
                    }
                    double py = 0;
                    TreeSet<Integer> missing = new TreeSet<>();
                    for (YearMonth m : span) {
                        Optional<Long> p = population.of(org, m.getYear());
                        if (p.isPresent()) {
                            py += p.get() / 12.0;
                        } else {
                            missing.add(m.getYear());
                        }
                    }
                    if (missing.isEmpty()) {
                        personYears.put(org, py);
                    } else if (!population.byOrgYear().containsKey(Population.key(org))) {
                        noRate.put(org, "not in the population file (codes must match Der_Commissioner_Code exactly)");
                    } else {
                        noRate.put(org, "no population in the file for " + missing.stream().map(String::valueOf)
                                .reduce((a, b) -> a + ", " + b).orElse(""));
                    }
                }
                double observed = 0;
                double py = 0;
                for (var e : personYears.entrySet()) {
                    observed += countedInPeriod.getOrDefault(e.getKey(), 0L);
                    py += e.getValue();
                }
                double pooled = py > 0 ? observed / py : Double.NaN;
                List<String> unused = population.byOrgYear().keySet().stream()
                        .filter(o -> commissionerTotals.keySet().stream().noneMatch(c -> Population.key(c).equals(o)))
                        .toList();
                populationUse = Optional.of(new PopulationUse(population.source(), pooled * 100_000, unused));
                List<FunnelUnit> units = new ArrayList<>();
                personYears.forEach((org, y) -> units.add(new FunnelUnit(org, countedInPeriod.getOrDefault(org, 0L), pooled * y)));
                Map<String, FunnelResult.Point> points = new TreeMap<>();
                if (!units.isEmpty() && py > 0 && observed > 0) {
                    FunnelResult f = FunnelPlot.ratios(units, options.stats().ratioMethod());
                    commissionerFunnel = Optional.of(f);
                    f.points().forEach(p -> points.put(p.unit().org(), p));
                }
                final double pooledRate = pooled;
                commissionerTotals.forEach((org, c) -> {
                    Double y = personYears.get(org);
                    long observedHere = countedInPeriod.getOrDefault(org, 0L);
                    Optional<PopulationRate> rate = y == null ? Optional.empty()
                            : Optional.of(new PopulationRate(y, observedHere, pooledRate * y, observedHere / y * 100_000));
                    commissioners.add(new Organisation(org, counts(c), Optional.ofNullable(points.get(org)), rate,
                            Optional.ofNullable(noRate.get(org))));
                });
            } else {
                commissionerTotals.forEach((org, c) -> commissioners.add(new Organisation(org, counts(c), Optional.empty(),
                        Optional.empty(), Optional.empty())));
            }
            moveUnknownLast(commissioners);
        }

        // Months and SPC.
        List<Month> months = new ArrayList<>();
        monthTotals.forEach((m, c) -> {
            if (period.contains(m)) {
                months.add(new Month(m, counts(c)));
            }
        });
        Map<String, String> notCharted = new TreeMap<>();
        Shown shown = new Shown(options.disclosure());
        SpcSettings spc = options.stats().spc();
        Optional<SpcResult> monthlySpc = Optional.empty();
        List<String> monthlyHidden = new ArrayList<>();
        if (activity.hasDate() && !months.isEmpty()) {
            Map<String, long[]> overall = new TreeMap<>();
            months.forEach(m -> overall.put(m.month(), new long[] {m.counts().counted(), m.counts().rows()}));
            RateSeries series = RateSeries.of(overall, shown);
            monthlyHidden.addAll(series.hidden());
            monthlySpc = series.chartable() ? Optional.of(SpcChart.of(series.points(), spc)) : Optional.empty();
        }
        List<ProviderSpc> providerSpc = new ArrayList<>();
        if (activity.hasDate() && activity.hasProvider()) {
            providerMonthRows.forEach((org, byMonth) -> {
                if (org.equals(UNKNOWN)) {
                    return;
                }
                Map<String, long[]> series = new TreeMap<>(byMonth);
                series.keySet().removeIf(m -> !period.contains(m));
                if (series.size() < 2) {
                    notCharted.put(org, "records in fewer than 2 months of the period");
                    return;
                }
                RateSeries rates = RateSeries.of(series, shown);
                if (!rates.chartable()) {
                    notCharted.put(org, rates.whyNotCharted());
                } else {
                    providerSpc.add(new ProviderSpc(org, SpcChart.of(rates.points(), spc), rates.hidden()));
                }
            });
        }
        Map<AgeBand, StatusCounts> bands = new EnumMap<>(AgeBand.class);
        for (AgeBand b : AgeBand.values()) {
            long[] c = bandTotals.get(b);
            if (c != null) {
                bands.put(b, counts(c));
            }
        }
        return new ImagingReport(options.title(), options.sampleData(), options.disclosure(), summary, period, providers,
                providerFunnel, commissioners, populationUse, commissionerFunnel, months, monthlySpc, providerSpc,
                notCharted, bands, Breakdowns.of(period, activity), OrganisationRollUp.of(activity,
                options.organisations(), commissioners, populationUse), Provenance.of(summary, options.arguments()),
                new StatsFigures(options.stats(), summary.rowsRead() > 0
                        ? RateSeries.PER * summary.counted() / summary.rowsRead() : Double.NaN, monthlyHidden));
    }

    /** Totals by organisation: counted, excluded, unmatched, rejected. */
    private static Map<String, long[]> totals(List<Activity.Cell> cells) {
        Map<String, long[]> out = new TreeMap<>();
        for (Activity.Cell c : cells) {
            c.addTo(out.computeIfAbsent(c.organisation(), o -> new long[STATUSES]));
        }
        return out;
    }

    private static long rows(long[] c) {
        return counts(c).rows();
    }

    private static StatusCounts counts(long[] c) {
        return StatusCounts.of(c);
    }

    private static void moveUnknownLast(List<Organisation> orgs) {
        for (int i = 0; i < orgs.size(); i++) {
            if (orgs.get(i).code().equals(UNKNOWN)) {
                orgs.add(orgs.remove(i));
                return;
            }
        }
    }
}
