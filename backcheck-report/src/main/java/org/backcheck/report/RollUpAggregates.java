package org.backcheck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organisations part of {@code aggregates.json}, when organisations files were given: a
 * {@code name} on each organisation, the {@code provider_parents} and {@code commissioner_parents}
 * roll-ups (the {@code provider_parent} and {@code commissioner_parent} grains of aggregates.csv) under
 * the same disclosure control as every other figure, and {@code organisations}: the files read and
 * the codes no file names. Adds nothing without a file, so that the JSON is then as it was.
 */
final class RollUpAggregates {

    private RollUpAggregates() {
    }

    /** Adds {@code name} to an organisation's object when files were given (empty text when they do not name it). */
    static void putName(ImagingReport r, Map<String, Object> m, String code) {
        if (r.organisations().given()) {
            m.put("name", r.organisations().lookup().name(code).orElse(""));
        }
    }

    static void put(ImagingReport r, Shown shown, Map<String, Object> root) {
        OrganisationRollUp o = r.organisations();
        if (!o.given()) {
            return;
        }
        root.put("provider_parent_funnel", o.providerParentFunnel().map(f -> Aggregates.funnel(f, shown)).orElse(null));
        List<Object> trusts = new ArrayList<>();
        for (ImagingReport.Organisation t : o.providerParents()) {
            Map<String, Object> m = Aggregates.counts(shown, t.counts());
            m.put("provider_parent", t.code());
            putName(r, m, t.code());
            m.put("counted_per_1000_records", shown.rateValue(t.counts().counted(), t.counts().rows(), 1000, 2));
            boolean hide = shown.suppressesProportion(t.counts().counted(), t.counts().rows());
            m.put("funnel", t.funnel().map(p -> hide ? Disclosure.SUPPRESSED : Aggregates.point(p, 1000, shown)).orElse(null));
            trusts.add(Aggregates.reorder(m, "provider_parent", "name"));
        }
        root.put("provider_parents", trusts);
        List<Object> icbs = new ArrayList<>();
        for (ImagingReport.Organisation i : o.commissionerParents()) {
            Map<String, Object> m = Aggregates.counts(shown, i.counts());
            m.put("commissioner_parent", i.code());
            putName(r, m, i.code());
            Aggregates.putRate(shown, m, i);
            icbs.add(Aggregates.reorder(m, "commissioner_parent", "name"));
        }
        root.put("commissioner_parents", icbs);
        root.put("commissioner_parent_funnel", o.commissionerParentFunnel().map(f -> Aggregates.funnel(f, shown)).orElse(null));
        Map<String, Object> files = new LinkedHashMap<>();
        List<Object> sources = new ArrayList<>();
        for (Organisations.Source s : o.lookup().sources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", Aggregates.fileName(s.file()));
            m.put("layout", s.layout().name().toLowerCase(java.util.Locale.ROOT));
            m.put("organisations", s.organisations());
            sources.add(m);
        }
        files.put("files", sources);
        files.put("codes_not_in_files", o.notInFiles());
        root.put("organisations", files);
    }
}
