package org.backcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ICBs' rates per head, rolled up from their commissioners' (sub-ICB locations'): an ICB's
 * person-years and counted activity in the period are the sums of its commissioners', its expected
 * count applies the same pooled rate as the commissioners' funnel, and it has a rate only when every
 * commissioner in it has one (else the rate would cover part of its population and all its activity,
 * or part of both without saying so). The ICBs with a rate make a ratio funnel when there are enough.
 *
 * @param icbs   the ICBs, each with its rate per head or the reason it has none
 * @param funnel the ICBs' ratio funnel, when at least {@link OrganisationRollUp#FUNNEL_MIN_UNITS} have a rate
 */
record IcbRates(List<ImagingReport.Organisation> icbs, Optional<FunnelResult> funnel) {

    static IcbRates of(List<ImagingReport.Organisation> icbs, List<ImagingReport.Organisation> commissioners,
                       Organisations lookup, double pooledRate) {
        Map<String, double[]> sums = new TreeMap<>();          // ICB -> person-years, observed
        Map<String, List<String>> without = new TreeMap<>();   // ICB -> its commissioners without a rate
        for (ImagingReport.Organisation c : commissioners) {
            if (c.code().equals(ImagingReport.UNKNOWN)) {
                continue;
            }
            String icb = lookup.parentOf(c.code());
            double[] s = sums.computeIfAbsent(icb, k -> new double[2]);
            if (c.rate().isPresent()) {
                s[0] += c.rate().get().personYears();
                s[1] += c.rate().get().observed();
            } else {
                without.computeIfAbsent(icb, k -> new ArrayList<>()).add(c.code());
            }
        }
        Map<String, ImagingReport.PopulationRate> rates = new TreeMap<>();
        List<FunnelUnit> units = new ArrayList<>();
        sums.forEach((icb, s) -> {
            if (!without.containsKey(icb) && s[0] > 0) {
                long observed = Math.round(s[1]);
                rates.put(icb, new ImagingReport.PopulationRate(s[0], observed, pooledRate * s[0], observed / s[0] * 100_000));
                units.add(new FunnelUnit(icb, observed, pooledRate * s[0]));
            }
        });
        Map<String, FunnelResult.Point> points = new TreeMap<>();
        Optional<FunnelResult> funnel = Optional.empty();
        if (units.size() >= OrganisationRollUp.FUNNEL_MIN_UNITS && pooledRate > 0) {
            FunnelResult f = FunnelPlot.ratios(units);
            funnel = Optional.of(f);
            f.points().forEach(p -> points.put(p.unit().org(), p));
        }
        List<ImagingReport.Organisation> out = new ArrayList<>();
        for (ImagingReport.Organisation icb : icbs) {
            Optional<String> noRate = icb.code().equals(ImagingReport.UNKNOWN) ? Optional.of("no commissioner code")
                    : Optional.ofNullable(without.get(icb.code())).map(w -> "no population rate for " + String.join(", ", w));
            out.add(new ImagingReport.Organisation(icb.code(), icb.counts(), Optional.ofNullable(points.get(icb.code())),
                    Optional.ofNullable(rates.get(icb.code())), rates.containsKey(icb.code()) ? Optional.empty() : noRate));
        }
        return new IcbRates(out, funnel);
    }
}
