package org.backcheck.service.cdshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.backcheck.guidance.Assessor;

/**
 * A CDS Hooks order-sign call built up from the hand-written example (a 48-year-old, a lumbar MRI
 * ordered for low back pain, low back pain and hypertension on the problem list), answered by the
 * service in process. Today is fixed at 2026-11-21.
 */
final class HookCall {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Clock TODAY = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);
    private static final CdsHooksService SERVICE = new CdsHooksService(Assessor.standard(), TODAY);

    private final ObjectNode request;
    private int added;

    private HookCall(ObjectNode request) {
        this.request = request;
    }

    static HookCall example() {
        try (InputStream in = HookCall.class.getResourceAsStream("/cds/order-sign-request.json")) {
            return new HookCall((ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode order() {
        return (ObjectNode) request.at("/context/draftOrders/entry/0/resource");
    }

    ArrayNode problemList() {
        return (ArrayNode) request.at("/prefetch/conditions/entry");
    }

    ObjectNode request() {
        return request;
    }

    /** Only the order: no reason, an empty problem list. */
    HookCall bare() {
        order().remove("reasonCode");
        problemList().removeAll();
        return this;
    }

    HookCall reason(String system, String code, String display) {
        ObjectNode coding = ((ArrayNode) order().withArray("reasonCode")).addObject().putArray("coding").addObject();
        coding.put("system", system).put("code", code);
        if (display != null) {
            coding.put("display", display);
        }
        return this;
    }

    HookCall reasonText(String text) {
        ((ArrayNode) order().withArray("reasonCode")).addObject().put("text", text);
        return this;
    }

    HookCall note(String text) {
        ((ArrayNode) order().withArray("note")).addObject().put("text", text);
        return this;
    }

    HookCall priority(String priority) {
        order().put("priority", priority);
        return this;
    }

    /** Adds a condition; clinical and verification status may be null (left out). */
    HookCall condition(String system, String code, String display, String clinical, String verification) {
        ObjectNode c = problemList().addObject().putObject("resource");
        c.put("resourceType", "Condition").put("id", "added-" + (++added));
        if (clinical != null) {
            c.putObject("clinicalStatus").putArray("coding").addObject()
                    .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical").put("code", clinical);
        }
        if (verification != null) {
            c.putObject("verificationStatus").putArray("coding").addObject()
                    .put("system", "http://terminology.hl7.org/CodeSystem/condition-ver-status").put("code", verification);
        }
        ObjectNode coding = c.putObject("code").putArray("coding").addObject();
        if (system != null) {
            coding.put("system", system);
        }
        coding.put("code", code);
        if (display != null) {
            coding.put("display", display);
        }
        c.putObject("subject").put("reference", "Patient/123");
        return this;
    }

    /** Gives the condition added last an end date (abatementDateTime), as written: "2026-08-01", "2025". */
    HookCall abated(String date) {
        ArrayNode list = problemList();
        ((ObjectNode) list.get(list.size() - 1).get("resource")).put("abatementDateTime", date);
        return this;
    }

    /** Adds a draft order of the given resource type (status draft, intent order, this patient) and returns it. */
    ObjectNode draftOrder(String type, String id) {
        ObjectNode r = ((ArrayNode) request.at("/context/draftOrders/entry")).addObject().putObject("resource");
        r.put("resourceType", type).put("id", id).put("status", "draft").put("intent", "order");
        r.putObject("subject").put("reference", "Patient/123");
        return r;
    }

    /**
     * The example with a prefetched encounter: the context's id, in progress, this patient, the given
     * HL7 v3 ActCode class; {@code more} adds to it.
     */
    static HookCall inEncounter(String cls, java.util.function.Consumer<ObjectNode> more) {
        HookCall call = example();
        ObjectNode e = ((ObjectNode) call.request.get("prefetch")).putObject("encounter");
        e.put("resourceType", "Encounter").put("id", "enc-89284").put("status", "in-progress");
        e.putObject("class").put("system", CareSetting.ACT_CODE).put("code", cls);
        e.putObject("subject").put("reference", "Patient/123");
        more.accept(e);
        return call;
    }

    /** Adds an active condition coded in one system. */
    HookCall active(String system, String code, String display) {
        return condition(system, code, display, "active", null);
    }

    HookCall conditionText(String text) {
        ObjectNode c = problemList().addObject().putObject("resource");
        c.put("resourceType", "Condition").put("id", "added-" + (++added));
        c.putObject("code").put("text", text);
        c.putObject("subject").put("reference", "Patient/123");
        return this;
    }

    HookCall born(String birthDate) {
        ObjectNode patient = (ObjectNode) request.at("/prefetch/patient");
        if (birthDate == null) {
            patient.remove("birthDate");
        } else {
            patient.put("birthDate", birthDate);
        }
        return this;
    }

    /** The one card; fails unless exactly one came back. */
    JsonNode card() {
        JsonNode cards = response().get("cards");
        if (cards.size() != 1) {
            throw new AssertionError("expected one card, got " + cards);
        }
        return cards.get(0);
    }

    JsonNode response() {
        try {
            return SERVICE.answer("order-sign", JSON.writeValueAsBytes(request), "http://localhost:8080");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The types of every suggested action on a card. */
    static List<String> actionTypes(JsonNode card) {
        List<String> types = new ArrayList<>();
        card.path("suggestions").forEach(s -> s.path("actions").forEach(a -> types.add(a.path("type").asText())));
        return types;
    }
}
