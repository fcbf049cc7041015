package org.backcheck.service.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A CDS Hooks 2.0 request for an order hook, checked field by field. Each problem is a 400 that
 * names its field; extensions the specification leaves open are ignored; the encounter is read
 * from its prefetch.
 *
 * @param selections   for order-select, the selected order ids ("ServiceRequest/123" → "123"); null for order-sign
 * @param draftOrders  the draft orders Bundle, as JSON text for HAPI
 * @param patient      prefetch.patient as JSON text, or null when not prefetched
 * @param conditions   prefetch.conditions as JSON text, or null when not prefetched
 * @param fhirServer   the checked FHIR base URL, or null
 * @param accessToken  fhirAuthorization.access_token, or null; never logged or shown
 * @param orderProblems what could not be read in the draft orders before parsing them (a priority that
 *                      is not one of FHIR's codes), each of which stops a suggestion to cancel
 * @param encounter    prefetch.encounter as JSON text, or null when not prefetched (the EHR may have no
 *                     encounter in context)
 * @param encounterId  context.encounterId (a FHIR id), or null
 * @param encounterNull true when prefetch.encounter was sent as null: the EHR has no data for the
 *                     encounter it named (CDS Hooks 2.0, prefetch)
 */
record HookRequest(String hook, String hookInstance, String userId, String patientId, Set<String> selections,
                   String draftOrders, String patient, String conditions, String fhirServer, String accessToken,
                   List<String> orderProblems, String encounter, String encounterId, boolean encounterNull) {

    /** FHIR's id syntax; also keeps ids safe to put in a URL path. */
    static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern DOTS = Pattern.compile("\\.+");

    @Override
    public String toString() {
        return "HookRequest[" + hook + ", " + hookInstance + "]";   // no patient data, no token
    }

    static HookRequest parse(JsonNode body, String expectedHook) {
        return parse(body, expectedHook, true);
    }

    /** @param localHttpFhir whether fhirServer may be http on this machine (tests and --insecure-dev only) */
    static HookRequest parse(JsonNode body, String expectedHook, boolean localHttpFhir) {
        if (body == null || !body.isObject()) {
            throw CdsHookException.badRequest("body", "The request body must be a JSON object.");
        }
        String hook = requiredString(body, "hook", "hook");
        if (!hook.equals(expectedHook)) {
            throw CdsHookException.badRequest("hook", "This service answers the " + expectedHook + " hook, not "
                    + (FHIR_ID.matcher(hook).matches() ? hook : "the one sent") + ".");
        }
        String hookInstance = requiredString(body, "hookInstance", "hookInstance");
        try {
            UUID.fromString(hookInstance);
        } catch (IllegalArgumentException e) {
            throw CdsHookException.badRequest("hookInstance", "hookInstance must be a UUID.");
        }
        JsonNode context = body.get("context");
        if (context == null || !context.isObject()) {
            throw CdsHookException.badRequest("context", "context must be an object.");
        }
        String userId = requiredString(context, "userId", "context.userId");
        String patientId = requiredString(context, "patientId", "context.patientId");
        if (!FHIR_ID.matcher(patientId).matches() || DOTS.matcher(patientId).matches()) {
            throw CdsHookException.badRequest("context.patientId", "context.patientId must be a FHIR id (letters, digits, '-' and '.', at most 64).");
        }
        JsonNode draft = context.get("draftOrders");
        if (draft == null || !draft.isObject()) {
            throw CdsHookException.badRequest("context.draftOrders", "context.draftOrders must be a FHIR Bundle.");
        }
        Set<String> selections = null;
        if (expectedHook.equals("order-select")) {
            JsonNode sel = context.get("selections");
            if (sel == null || !sel.isArray()) {
                throw CdsHookException.badRequest("context.selections", "context.selections must be an array of order references.");
            }
            selections = new LinkedHashSet<>();
            for (JsonNode s : sel) {
                if (!s.isTextual()) {
                    throw CdsHookException.badRequest("context.selections", "context.selections must hold strings such as \"ServiceRequest/123\".");
                }
                String ref = s.asText();
                selections.add(ref.startsWith("ServiceRequest/") ? ref.substring("ServiceRequest/".length()) : ref);
            }
        }
        String patient = null;
        String conditions = null;
        String encounter = null;
        boolean encounterNull = false;
        String encounterId = optionalString(context, "encounterId", "context.encounterId");
        if (encounterId != null && (!FHIR_ID.matcher(encounterId).matches() || DOTS.matcher(encounterId).matches())) {
            throw CdsHookException.badRequest("context.encounterId", "context.encounterId must be a FHIR id (letters, digits, '-' and '.', at most 64).");
        }
        JsonNode prefetch = body.get("prefetch");
        if (prefetch != null && !prefetch.isNull()) {
            if (!prefetch.isObject()) {
                throw CdsHookException.badRequest("prefetch", "prefetch must be an object.");
            }
            patient = resource(prefetch, "patient");
            conditions = resource(prefetch, "conditions");
            encounter = resource(prefetch, "encounter");
            encounterNull = prefetch.has("encounter") && prefetch.get("encounter").isNull();
        }
        String fhirServer = optionalString(body, "fhirServer", "fhirServer");
        if (fhirServer != null) {
            fhirServer = FhirFetcher.checkServer(fhirServer, localHttpFhir);
        }
        String token = null;
        JsonNode auth = body.get("fhirAuthorization");
        if (auth != null && !auth.isNull()) {
            if (!auth.isObject()) {
                throw CdsHookException.badRequest("fhirAuthorization", "fhirAuthorization must be an object.");
            }
            if (fhirServer == null) {
                throw CdsHookException.badRequest("fhirServer", "fhirServer is required when fhirAuthorization is given.");
            }
            token = requiredString(auth, "access_token", "fhirAuthorization.access_token");
            String type = requiredString(auth, "token_type", "fhirAuthorization.token_type");
            if (!type.equalsIgnoreCase("Bearer")) {
                throw CdsHookException.badRequest("fhirAuthorization.token_type", "fhirAuthorization.token_type must be Bearer.");
            }
            JsonNode expires = auth.get("expires_in");
            if (expires == null || !expires.canConvertToInt() || !expires.isIntegralNumber() || expires.asInt() < 0) {
                throw CdsHookException.badRequest("fhirAuthorization.expires_in", "fhirAuthorization.expires_in must be a whole number of seconds.");
            }
            requiredString(auth, "scope", "fhirAuthorization.scope");
            optionalString(auth, "subject", "fhirAuthorization.subject");
        }
        List<String> orderProblems = new ArrayList<>();
        JsonNode orders = readablePriorities(draft, orderProblems);
        return new HookRequest(hook, hookInstance, userId, patientId, selections, orders.toString(), patient, conditions,
                fhirServer, token, List.copyOf(orderProblems), encounter, encounterId, encounterNull);
    }

    /** FHIR's request-priority codes. */
    private static final Set<String> PRIORITIES = Set.of("routine", "urgent", "asap", "stat");

    /**
     * The draft orders with every ServiceRequest priority readable: FHIR's codes in any case are
     * lower-cased; anything else ("emergency", "2", a priority only in an extension) is taken out
     * before parsing, which would otherwise refuse the whole request or fail on it, and is reported
     * as something Backcheck could not judge (an unreadable priority may be an urgent one).
     */
    static JsonNode readablePriorities(JsonNode draft, List<String> problems) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = draft.deepCopy();
        for (JsonNode entry : copy.path("entry")) {
            if (entry.path("resource") instanceof com.fasterxml.jackson.databind.node.ObjectNode r
                    && "ServiceRequest".equals(r.path("resourceType").asText())) {
                JsonNode priority = r.get("priority");
                if (priority != null && priority.isTextual()
                        && PRIORITIES.contains(priority.asText().strip().toLowerCase(java.util.Locale.ROOT))) {
                    r.put("priority", priority.asText().strip().toLowerCase(java.util.Locale.ROOT));
                } else if (priority != null || r.has("_priority")) {
                    problems.add("An order's priority could not be read (" + (priority != null && priority.isTextual()
                            ? "\u201c" + RecordReading.shorten(priority.asText()) + "\u201d" : "given in an extension or not as text")
                            + "): it may be urgent, so Backcheck does not advise against it.");
                    r.remove("priority");
                }
                r.remove("_priority");
            }
        }
        return copy;
    }

    /** A prefetch entry: absent or null means "not prefetched"; anything else must be a resource object. */
    private static String resource(JsonNode prefetch, String key) {
        JsonNode node = prefetch.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw CdsHookException.badRequest("prefetch." + key, "prefetch." + key + " must be a FHIR resource or null.");
        }
        return node.toString();
    }

    private static String requiredString(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw CdsHookException.badRequest(field, field + " is required and must be a non-empty string.");
        }
        return node.asText();
    }

    private static String optionalString(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw CdsHookException.badRequest(field, field + " must be a non-empty string.");
        }
        return node.asText();
    }

    /** For tests and messages: the ids named by selections, in order. */
    List<String> selectionList() {
        return selections == null ? List.of() : new ArrayList<>(selections);
    }
}
