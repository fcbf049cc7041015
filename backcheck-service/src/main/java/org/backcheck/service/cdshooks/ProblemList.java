package org.backcheck.service.cdshooks;

import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The patient's problem list, whole or said not to be: a search filtered by clinical status or
 * category (an older prefetch template) is fetched again unfiltered, and further pages are followed
 * on the same FHIR server, when Backcheck can; when it cannot, the reading is told what may be
 * missing, which stops a suggestion to cancel.
 */
final class ProblemList {

    /** Conditions asked for per page when Backcheck fetches them, and the most pages it follows. */
    static final int PAGE_SIZE = 200;
    static final int MAX_PAGES = 5;

    private final FhirFetcher.Call fetcher;
    private final HookRequest req;
    private final boolean canFetch;

    ProblemList(FhirFetcher.Call fetcher, HookRequest req, boolean canFetch) {
        this.fetcher = fetcher;
        this.req = req;
        this.canFetch = canFetch;
    }

    /** Search parameters that do not filter which conditions come back. */
    private static final Set<String> UNFILTERED = Set.of("patient", "subject", "_count", "_sort", "_format", "_total",
            "_summary", "_elements", "_pretty");

    /** True when a search URL narrows the conditions returned (clinical-status, category, code, date...). */
    static boolean filtered(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return false;
        }
        for (String pair : url.substring(q + 1).split("&")) {
            String name = pair.split("=", 2)[0];
            String base = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            if (!base.isEmpty() && !UNFILTERED.contains(base)) {
                return true;
            }
        }
        return false;
    }

    /** The patient's conditions, every clinical status, first page. */
    Bundle fetch() {
        return fetcher.get(req.fhirServer(), "Condition?patient=" + req.patientId() + "&_count=" + PAGE_SIZE,
                req.accessToken(), Bundle.class, "the conditions");
    }

    /**
     * The problem list whole: a search result filtered (by clinical status, category; an older prefetch
     * template) is fetched again unfiltered, and further pages are followed on the same server, when
     * Backcheck can; when it cannot, the card says what it may have missed.
     */
    Bundle whole(Bundle conditions, RecordReading reading) {
        Bundle.BundleLinkComponent self = conditions.getLink(Bundle.LINK_SELF);
        if (req.conditions() != null && (self == null || self.getUrl() == null || !self.getUrl().contains("?"))) {
            // Third review R3-12: without the search that produced it, a filtered list cannot be told
            // from a whole one. Said on the card; refusing every such list would leave most EHRs without
            // the warning, which is its own hazard (H09).
            reading.assumed.add("The problem list came without the search that produced it, so Backcheck took it to "
                    + "hold every condition, past ones included: check that a past cancer is not missing.");
        }
        if (self != null && self.getUrl() != null && filtered(self.getUrl())) {
            if (canFetch) {
                conditions = fetch();
            } else {
                reading.cannotJudge.add("Only some conditions were sent (the search was filtered, for example by clinical "
                        + "status or category), so a past cancer could be missing; use the prefetch template from GET /cds-services.");
            }
        }
        Bundle whole = conditions;
        for (int page = 1; page < MAX_PAGES; page++) {
            Bundle.BundleLinkComponent next = conditions.getLink(Bundle.LINK_NEXT);
            if (next == null || next.getUrl() == null || next.getUrl().isBlank()) {
                return whole;
            }
            if (!canFetch || !next.getUrl().startsWith(req.fhirServer() + "/")) {
                reading.cannotJudge.add("The conditions came in pages and only the first was sent, so some were not read.");
                return whole;
            }
            try {
                conditions = fetcher.get(req.fhirServer(), next.getUrl().substring(req.fhirServer().length() + 1),
                        req.accessToken(), Bundle.class, "the next page of conditions");
            } catch (CdsHookException e) {
                reading.cannotJudge.add("A further page of conditions could not be read, so some were not read.");
                return whole;
            }
            conditions.getEntry().forEach(whole::addEntry);
        }
        if (conditions.getLink(Bundle.LINK_NEXT) != null) {
            reading.cannotJudge.add("The problem list is longer than " + MAX_PAGES * PAGE_SIZE
                    + " conditions; the rest were not read.");
        }
        return whole;
    }
}
