package org.backcheck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SPC and comparator parts of {@code aggregates.json}, which {@link Aggregates} writes. */
final class StatsJson {

    private StatsJson() {
    }

    /**
     * A chart's lines (the current ones, and per segment when rebased), its Making Data Count variation and
     * assurance, and the months left out under disclosure control. Lines are rates per 1,000 records to 2
     * decimals, computed only from the months charted.
     */
    static Map<String, Object> spcLines(SpcResult c, List<String> hidden) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", "counted_per_1000_records");
        c.limits().ifPresent(l -> putLines(m, l));
        c.note().ifPresent(n -> m.put("note", n));
        m.put("points", c.rows().size());
        m.put("variation", c.variation().name().toLowerCase(java.util.Locale.ROOT));
        m.put("assurance", c.assurance().map(a -> a.name().toLowerCase(java.util.Locale.ROOT)).orElse(null));
        if (c.segments().size() > 1 || c.segments().stream().anyMatch(sg -> sg.baseline() < sg.size())) {
            List<Object> segments = new ArrayList<>();
            for (SpcResult.Segment sg : c.segments()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("first_month", c.rows().get(sg.first()).point().label());
                o.put("months", sg.size());
                o.put("baseline_months", sg.baseline());
                sg.lines().ifPresent(l -> putLines(o, l));
                segments.add(o);
            }
            m.put("segments", segments);
        }
        m.put("months_not_charted", hidden);
        return m;
    }

    /** The pooled rate and the benchmark and target given, per 1,000 records. */
    static Map<String, Object> comparators(ImagingReport r, Shown shown) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pooled_counted_per_1000_records", shown.rateValue(r.summary().counted(), r.summary().rowsRead(), 1000, 2));
        m.put("benchmark_per_1000_records", r.stats().benchmarkPer1000().isPresent()
                ? (Object) r.stats().benchmarkPer1000().getAsDouble() : null);
        m.put("target_per_1000_records", r.stats().targetPer1000().isPresent()
                ? (Object) r.stats().targetPer1000().getAsDouble() : null);
        return m;
    }

    private static void putLines(Map<String, Object> m, SpcResult.Lines l) {
        m.put("mean", Shown.plainValue(l.mean(), 2));
        m.put("lower_limit", Shown.plainValue(l.lower(), 2));
        m.put("upper_limit", Shown.plainValue(l.upper(), 2));
    }
}
