package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The organisations side of the report: the lookup of names, and the figures rolled up one level by
 * {@link Organisations#parentOf} (providers to trusts, commissioners to ICBs), each parent's counts the
 * sum of its children's cells. Rows without a code ("unknown") stay "unknown"; a code with no parent in
 * the files, or in no file, rolls up to itself, so each roll-up still adds up to the whole extract.
 * Without an organisations file there is no roll-up (the lists are empty) and every code shows as itself.
 *
 * @param lookup               names and parents, {@link Organisations#none()} without a file
 * @param providerParents      trusts (parents of providers) with their counts and funnel points, "unknown" last
 * @param providerParentFunnel the trusts' proportions funnel, when there are at least {@link #FUNNEL_MIN_UNITS}
 * @param commissionerParents  ICBs (parents of commissioners) with their counts, "unknown" last; with a population
 *                             file, an ICB's rate per head adds up its commissioners' person-years and counts in
 *                             the period, when every one of them has a population rate
 * @param commissionerParentFunnel the ICBs' ratio funnel (observed / expected at the commissioners' pooled rate), when at
 *                             least {@link #FUNNEL_MIN_UNITS} ICBs have a rate per head
 * @param notInFiles           codes in the extract (providers and commissioners) that no file names, each once
 */
public record OrganisationRollUp(Organisations lookup, List<ImagingReport.Organisation> providerParents,
                                 Optional<FunnelResult> providerParentFunnel,
                                 List<ImagingReport.Organisation> commissionerParents,
                                 Optional<FunnelResult> commissionerParentFunnel, List<String> notInFiles) {

    /** Fewest parents with records for their funnel to be drawn: fewer say nothing a table does not. */
    public static final int FUNNEL_MIN_UNITS = 3;

    public OrganisationRollUp {
        providerParents = List.copyOf(providerParents);
        commissionerParents = List.copyOf(commissionerParents);
        notInFiles = List.copyOf(notInFiles);
    }

    /** Whether an organisations file was given (else the report is as it was without one). */
    public boolean given() {
        return lookup.given();
    }

    /**
     * @param commissioners the report's commissioners, with their rates per head when a population file was given
     * @param population    how the population file was used (its pooled rate), when one was given
     */
    static OrganisationRollUp of(Activity activity, Organisations lookup, List<ImagingReport.Organisation> commissioners,
                                 Optional<ImagingReport.PopulationUse> population) {
        if (!lookup.given()) {
            return new OrganisationRollUp(lookup, List.of(), Optional.empty(), List.of(), Optional.empty(), List.of());
        }
        Map<String, long[]> providers = rolledUp(activity.providers(), lookup);
        Optional<FunnelResult> funnel = Optional.empty();
        Map<String, FunnelResult.Point> points = new TreeMap<>();
        if (activity.hasProvider()) {
            List<FunnelUnit> units = new ArrayList<>();
            providers.forEach((org, c) -> {
                if (!org.equals(ImagingReport.UNKNOWN)) {
                    units.add(new FunnelUnit(org, c[0], StatusCounts.of(c).rows()));
                }
            });
            if (units.size() >= FUNNEL_MIN_UNITS) {
                FunnelResult f = FunnelPlot.proportions(units);
                funnel = Optional.of(f);
                f.points().forEach(p -> points.put(p.unit().org(), p));
            }
        }
        List<ImagingReport.Organisation> providerParents = organisations(providers, points);
        List<ImagingReport.Organisation> commissionerParents = activity.hasCommissioner()
                ? organisations(rolledUp(activity.commissioners(), lookup), Map.of()) : List.of();
        Optional<FunnelResult> icbFunnel = Optional.empty();
        if (population.isPresent()) {
            IcbRates rates = IcbRates.of(commissionerParents, commissioners, lookup, population.get().pooledPer100k() / 100_000);
            commissionerParents = rates.icbs();
            icbFunnel = rates.funnel();
        }
        TreeSet<String> notInFiles = new TreeSet<>();
        for (List<Activity.Cell> cells : List.of(activity.providers(), activity.commissioners())) {
            for (Activity.Cell c : cells) {
                if (!c.organisation().equals(ImagingReport.UNKNOWN) && !lookup.knows(c.organisation())) {
                    notInFiles.add(c.organisation());
                }
            }
        }
        return new OrganisationRollUp(lookup, providerParents, funnel, commissionerParents, icbFunnel,
                new ArrayList<>(notInFiles));
    }

    /** Counts by parent code, indexed by status ordinal. */
    private static Map<String, long[]> rolledUp(List<Activity.Cell> cells, Organisations lookup) {
        Map<String, long[]> out = new TreeMap<>();
        for (Activity.Cell c : cells) {
            String parent = c.organisation().equals(ImagingReport.UNKNOWN) ? ImagingReport.UNKNOWN : lookup.parentOf(c.organisation());
            c.addTo(out.computeIfAbsent(parent, p -> new long[Activity.STATUSES]));
        }
        return out;
    }

    private static List<ImagingReport.Organisation> organisations(Map<String, long[]> totals, Map<String, FunnelResult.Point> points) {
        List<ImagingReport.Organisation> out = new ArrayList<>();
        ImagingReport.Organisation unknown = null;
        for (var e : totals.entrySet()) {
            ImagingReport.Organisation o = new ImagingReport.Organisation(e.getKey(), StatusCounts.of(e.getValue()),
                    Optional.ofNullable(points.get(e.getKey())), Optional.empty(), Optional.empty());
            if (e.getKey().equals(ImagingReport.UNKNOWN)) {
                unknown = o;
            } else {
                out.add(o);
            }
        }
        if (unknown != null) {
            out.add(unknown);
        }
        return out;
    }
}
