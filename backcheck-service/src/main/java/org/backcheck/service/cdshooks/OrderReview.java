package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backcheck.service.cdshooks.CodeTables.ConditionRule;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * What the draft orders and the record say, in Backcheck's terms: which orders are lumbar spine
 * imaging, and which coded conditions are red flags, leg pain, or recognised but not red flags.
 * Built in two steps so the CDS service can fetch referenced Conditions it could not find.
 */
final class OrderReview {

    private final CodeTables tables;
    final List<ServiceRequest> lumbarOrders;
    final Set<String> redFlags = new LinkedHashSet<>();
    boolean sciatica;
    /** Rules that matched, each once, in the order found: red flags and sciatica. */
    final Map<ConditionRule, Boolean> used = new LinkedHashMap<>();
    /** Rules that matched but change nothing (osteoporosis alone, known spondylitis, low back pain). */
    final Map<ConditionRule, Boolean> notRedFlags = new LinkedHashMap<>();

    private OrderReview(CodeTables tables, List<ServiceRequest> lumbarOrders) {
        this.tables = tables;
        this.lumbarOrders = List.copyOf(lumbarOrders);
    }

    /**
     * The lumbar imaging orders among the draft orders; for order-select only those selected.
     *
     * @param selections ids of the selected ServiceRequests, or null for order-sign (all count)
     */
    static OrderReview of(CodeTables tables, Bundle draftOrders, Set<String> selections) {
        List<ServiceRequest> lumbar = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : draftOrders.getEntry()) {
            if (!(e.getResource() instanceof ServiceRequest sr)) {
                continue;
            }
            if (selections != null && !selections.contains(sr.getIdElement().getIdPart())) {
                continue;
            }
            for (Coding c : sr.getCode().getCoding()) {
                if (tables.isLumbarImaging(c.getSystem(), c.getCode())) {
                    lumbar.add(sr);
                    break;
                }
            }
        }
        return new OrderReview(tables, lumbar);
    }

    boolean hasLumbarImaging() {
        return !lumbarOrders.isEmpty();
    }

    /** Reads the orders' reason codes and the Conditions they reference; returns references it could not find. */
    List<String> readOrderReasons(Bundle draftOrders, Bundle conditions) {
        List<String> unresolved = new ArrayList<>();
        for (ServiceRequest sr : lumbarOrders) {
            for (CodeableConcept reason : sr.getReasonCode()) {
                read(reason);
            }
            for (Reference ref : sr.getReasonReference()) {
                Resource found = resolve(ref, sr, draftOrders, conditions);
                if (found instanceof Condition c) {
                    readCondition(c);
                } else if (found == null && ref.getReference() != null && ref.getReference().startsWith("Condition/")) {
                    unresolved.add(ref.getReference());
                }
            }
        }
        return unresolved;
    }

    /** Reads the patient's conditions (the prefetched or fetched active-condition search). */
    void readConditions(Bundle conditions) {
        for (Bundle.BundleEntryComponent e : conditions.getEntry()) {
            if (e.getResource() instanceof Condition c) {
                readCondition(c);
            }
        }
    }

    void readCondition(Condition c) {
        if (current(c)) {
            read(c.getCode());
        }
    }

    private void read(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            ConditionRule rule = tables.ruleFor(coding.getSystem(), coding.getCode());
            if (rule == null) {
                continue;
            }
            switch (rule.effect()) {
                case RED_FLAG -> {
                    redFlags.add(rule.redFlag());
                    used.put(rule, true);
                }
                case SCIATICA -> {
                    sciatica = true;
                    used.put(rule, true);
                }
                case NONE -> notRedFlags.put(rule, true);
            }
        }
    }

    /**
     * A condition counts unless it is recorded as resolved, inactive or in remission, or as refuted
     * or entered in error. A condition without a clinical status counts (the order's own reasons
     * usually have none).
     */
    static boolean current(Condition c) {
        for (Coding v : c.getVerificationStatus().getCoding()) {
            if ("refuted".equals(v.getCode()) || "entered-in-error".equals(v.getCode())) {
                return false;
            }
        }
        List<Coding> clinical = c.getClinicalStatus().getCoding();
        if (clinical.isEmpty()) {
            return true;
        }
        for (Coding s : clinical) {
            if (Set.of("active", "recurrence", "relapse").contains(s.getCode())) {
                return true;
            }
        }
        return false;
    }

    /** Finds a referenced resource: already resolved by HAPI, contained in the order, in the draft orders, or in the conditions. */
    private static Resource resolve(Reference ref, ServiceRequest sr, Bundle draftOrders, Bundle conditions) {
        if (ref.getResource() instanceof Resource r) {
            return r;
        }
        String reference = ref.getReference();
        if (reference == null) {
            return null;
        }
        if (reference.startsWith("#")) {
            String id = reference.substring(1);
            for (Resource r : sr.getContained()) {
                String rid = r.getIdElement().getIdPart();
                if (id.equals(rid) || reference.equals(rid)) {
                    return r;
                }
            }
            return null;
        }
        for (Bundle bundle : new Bundle[] {draftOrders, conditions}) {
            if (bundle == null) {
                continue;
            }
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                Resource r = e.getResource();
                if (r == null) {
                    continue;
                }
                if (reference.equals(e.getFullUrl())
                        || reference.equals(r.fhirType() + "/" + r.getIdElement().getIdPart())) {
                    return r;
                }
            }
        }
        return null;
    }
}
