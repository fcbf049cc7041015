package org.backcheck.service.cdshooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.backcheck.guidance.Assessment;
import org.backcheck.guidance.AssessmentRequest;
import org.backcheck.guidance.Assessor;
import org.backcheck.guidance.HlaB27;
import org.backcheck.guidance.Recommendation;
import org.backcheck.guidance.RecordedCondition;
import org.backcheck.guidance.Setting;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;

/**
 * Backcheck as a CDS Hooks 2.0 service (cds-hooks.hl7.org/2.0): when a clinician selects or signs
 * a lumbar spine imaging order, it answers with one card from the point-of-care engine.
 *
 * <pre>
 * GET  /cds-services                           discovery: lumbar-imaging-order-select, lumbar-imaging-order-sign
 * POST /cds-services/{id}                      the hook call; {"cards":[...]}
 * </pre>
 *
 * <p>Decisions, each recorded so a reviewer can weigh it:
 * <ul>
 *   <li><b>Which orders.</b> Draft ServiceRequests whose code is in {@code lumbar-imaging-orders.csv}
 *       (verified rows only). order-select: only the selected ones; order-sign: all. None → no cards,
 *       and nothing else is read or fetched.</li>
 *   <li><b>What the record says</b> is read entry by entry ({@link RecordReading}): the orders'
 *       reasonCode, reasonReference and notes, and every condition on the problem list whatever its
 *       clinical status (a past cancer counts). Codes by ICD-10 range, by the curated SNOMED CT list
 *       or an optional terminology server, and words by the text net ({@link RedFlagCodes}).</li>
 *   <li><b>Which card</b> is the fail-safe decision table in {@link CardPolicy}: a warning with a
 *       suggestion to cancel only when everything sent was read and recognised and nothing in it
 *       calls for imaging or judgement.</li>
 *   <li><b>Duration.</b> An order carries none. The engine is asked with 0 weeks (its most cautious
 *       reading: no NG65 or chronic-pain advice) and the statements that depend on duration are
 *       left off the card, which says so and links to the page to complete it. The
 *       recommendation itself (red flags; setting) does not depend on duration.</li>
 *   <li><b>Setting</b> is non-specialist: CDS Hooks has no field for it, and most lumbar imaging that
 *       the guidance discourages is ordered from primary care. A specialist overrides the card with
 *       the reason "requested by a specialist".</li>
 *   <li><b>Age</b> from Patient.birthDate at today's date (the injected clock); a partial date is
 *       taken at its last day (the youngest possible age). No date of birth: red flags still give
 *       their card (they apply at any age); without red flags the card says the age is needed.</li>
 *   <li><b>Missing prefetch</b> ({@code patient}, {@code conditions}) is read from fhirServer with the
 *       bearer token when both are given; otherwise, or when that fails, HTTP 412. A problem list
 *       filtered by clinical status, or sent in pages, is fetched whole when Backcheck can, and the
 *       card says what it could not read when it cannot.</li>
 * </ul>
 *
 * <p>Thread-safe; one instance serves every request. Nothing is stored or logged.
 */
public final class CdsHooksService {

    /** Large enough for a prefetch of a few hundred conditions. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    static final String ORDER_SELECT_ID = "lumbar-imaging-order-select";
    static final String ORDER_SIGN_ID = "lumbar-imaging-order-sign";
    /** The ids of the services offered. */
    public static final List<String> SERVICE_IDS = List.of(ORDER_SELECT_ID, ORDER_SIGN_ID);
    /**
     * Every condition, whatever its clinical status: a past or in-remission cancer is a red flag, and
     * Backcheck decides which statuses count ({@link RecordReading#current}).
     */
    static final Map<String, String> PREFETCH = Map.of(
            "patient", "Patient/{{context.patientId}}",
            "conditions", "Condition?patient={{context.patientId}}",
            "encounter", "Encounter/{{context.encounterId}}");


    private static final ObjectMapper MAPPER = org.backcheck.service.Json.MAPPER;

    private final Assessor assessor;
    private final Clock clock;
    private final RedFlagCodes codes;
    private final LumbarImagingOrders orders;
    private final FhirFetcher fetcher;
    private final Map<String, String> hooks;   // service id -> hook
    private final String discoveryJson;
    private final java.util.function.ObjIntConsumer<String> cardsIssued;
    /** Set once, by the factory, before the service is shared. */
    private Deployment deployment = Deployment.LOCAL;

    /** The standard engine, today's date from the system clock. */
    public CdsHooksService() {
        this(Assessor.standard(), Clock.systemDefaultZone());
    }

    /**
     * @param clock gives today's date for ages (inject a fixed clock in tests)
     */
    public CdsHooksService(Assessor assessor, Clock clock) {
        this(assessor, clock, (serviceId, cards) -> { });
    }

    /**
     * @param cardsIssued told, after each successful hook call, the service id and how many cards
     *                    were returned (the feedback summary's "cards issued")
     */
    public CdsHooksService(Assessor assessor, Clock clock, java.util.function.ObjIntConsumer<String> cardsIssued) {
        this(assessor, clock, cardsIssued, SnomedTerminology.none());
    }

    /**
     * A service that asks a FHIR terminology server about the SNOMED CT concepts not on Backcheck's list
     * ({@code backcheck serve --terminology-url}); the public way in, since the terminology types stay
     * inside this package.
     *
     * @param terminologyUrl the server's FHIR base, see {@link #checkTerminologyServer}; null for none, and
     *     such concepts are then unclassified, which the card says
     * @param terminologyToken its bearer token, or null when it needs none
     * @throws IllegalArgumentException for a URL or token {@link #checkTerminologyServer} refuses, or a token without a URL
     */
    public static CdsHooksService withTerminologyServer(Assessor assessor, Clock clock,
            java.util.function.ObjIntConsumer<String> cardsIssued, String terminologyUrl, String terminologyToken) {
        return withTerminologyServer(assessor, clock, cardsIssued, terminologyUrl, terminologyToken, Deployment.LOCAL);
    }

    /**
     * Where the service runs, as far as links and FHIR servers go.
     *
     * @param publicUrl  the address clients use ({@code --public-url}): the cards' links are built on it, never on a
     *                   request's Host header (security review F07); null to use the request's own address
     * @param localHttp  whether fhirServer may be http on this machine: tests and {@code --insecure-dev} only (F08)
     * @param fhirServers the FHIR servers a hook call may name ({@code --fhir-servers}), or {@link FhirServers#ANY}
     */
    public record Deployment(String publicUrl, boolean localHttp, FhirServers fhirServers) {
        /** Links from the request's address; http FHIR servers on this machine allowed (tests, local demos). */
        public static final Deployment LOCAL = new Deployment(null, true);

        public Deployment {
            if (publicUrl != null) {
                publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
            }
            Objects.requireNonNull(fhirServers, "fhirServers");
        }

        /** Any FHIR server a hook call names ({@code serve} without {@code --fhir-servers}). */
        public Deployment(String publicUrl, boolean localHttp) {
            this(publicUrl, localHttp, FhirServers.ANY);
        }
    }

    /** As {@link #withTerminologyServer(Assessor, Clock, java.util.function.ObjIntConsumer, String, String)}, deployed as said. */
    public static CdsHooksService withTerminologyServer(Assessor assessor, Clock clock,
            java.util.function.ObjIntConsumer<String> cardsIssued, String terminologyUrl, String terminologyToken,
            Deployment deployment) {
        if (terminologyUrl == null && terminologyToken != null) {
            throw new IllegalArgumentException("A terminology server token needs a terminology server URL (--terminology-url).");
        }
        SnomedTerminology terminology = terminologyUrl == null
                ? SnomedTerminology.none()
                : new FhirTerminologyServer(terminologyUrl, terminologyToken);
        CdsHooksService service = new CdsHooksService(assessor, clock, cardsIssued, terminology);
        service.deployment = Objects.requireNonNull(deployment, "deployment");
        return service;
    }

    /**
     * Checks a terminology server's base URL and bearer token before anything starts, so that a mistake
     * stops {@code backcheck serve} at once rather than turning every card into "unclassified".
     *
     * @param token the bearer token, or null
     * @return the URL as it will be used (without a trailing slash)
     * @throws IllegalArgumentException saying what to change; the message repeats neither URL nor token
     */
    public static String checkTerminologyServer(String url, String token) {
        String checked = FhirTerminologyServer.checkUrl(url);
        FhirTerminologyServer.checkToken(token);
        return checked;
    }

    /**
     * @param terminology asked about SNOMED CT concepts not on Backcheck's list ({@code --terminology-url})
     */
    CdsHooksService(Assessor assessor, Clock clock, java.util.function.ObjIntConsumer<String> cardsIssued,
                    SnomedTerminology terminology) {
        this.cardsIssued = Objects.requireNonNull(cardsIssued, "cardsIssued");
        this.assessor = Objects.requireNonNull(assessor, "assessor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.codes = RedFlagCodes.load(terminology);
        this.orders = LumbarImagingOrders.standard();
        this.fetcher = new FhirFetcher();
        this.hooks = Map.of(ORDER_SELECT_ID, "order-select", ORDER_SIGN_ID, "order-sign");
        this.discoveryJson = write(discovery());
        FhirSupport.warmUp();
    }

    /** {@code GET /cds-services}. */
    public void discovery(Context ctx) {
        ctx.contentType("application/json").result(discoveryJson);
    }

    /**
     * {@code POST /cds-services/{id}}.
     *
     * @throws CdsHookException for every answer other than 200 (404, 400, 412, 413, 415)
     */
    public void invoke(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        String hook = hooks.get(id);
        if (hook == null) {
            throw new CdsHookException(404, "No CDS service '" + (HookRequest.FHIR_ID.matcher(id).matches() ? id : "?")
                    + "' here; GET /cds-services lists them.", null);
        }
        byte[] body = org.backcheck.service.JsonBody.read(ctx, "hook request", MAX_BODY_BYTES, "");
        String host = ctx.host() == null ? "localhost" : ctx.host();
        String base = deployment.publicUrl() != null ? deployment.publicUrl() : ctx.scheme() + "://" + host;
        ObjectNode response = answer(hook, body, base);
        // Counted (durably, when a feedback store is configured) before the answer leaves: a crash after
        // this line loses no card that a client saw.
        cardsIssued.accept(id, response.get("cards").size());
        ctx.contentType("application/json").result(write(response));
    }

    /** The hook call without HTTP: the response object for one request body; baseUrl is where the page is served. */
    ObjectNode answer(String hook, byte[] body, String baseUrl) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw CdsHookException.badRequest("body", "The request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ".");
        } catch (IOException e) {
            // From bytes in memory, only a decoding failure, e.g. NULs that make Jackson guess UTF-32 (RequestCodecFuzzTest).
            throw CdsHookException.badRequest("body", "The request body cannot be decoded as JSON text; send UTF-8 JSON.");
        }
        HookRequest req = HookRequest.parse(tree, hook, deployment.localHttp());
        Bundle draft = FhirSupport.parse(req.draftOrders(), Bundle.class, "context.draftOrders");
        RecordReading reading = RecordReading.of(codes, orders, draft, req.selections()).forPatient(req.patientId())
                .asOf(LocalDate.now(clock));
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        ArrayNode cards = response.putArray("cards");
        if (!reading.hasLumbarImaging()) {
            return response;
        }
        reading.cannotJudge.addAll(req.orderProblems());

        deployment.fhirServers().check(req.fhirServer());
        boolean canFetch = req.fhirServer() != null && req.accessToken() != null;
        FhirFetcher.Call fhir = fetcher.call();
        List<String> missing = new java.util.ArrayList<>();
        if (req.patient() == null) {
            missing.add("patient");
        }
        if (req.conditions() == null) {
            missing.add("conditions");
        }
        if (!missing.isEmpty() && !canFetch) {
            throw CdsHookException.preconditionFailed("Prefetch " + String.join(" and ", missing)
                    + " is missing, and no fhirServer with fhirAuthorization was given to read it from; "
                    + "send the prefetch templates from GET /cds-services, or a FHIR server and access token.");
        }
        Patient patient = req.patient() != null
                ? FhirSupport.parse(req.patient(), Patient.class, "prefetch.patient")
                : fhir.get(req.fhirServer(), "Patient/" + req.patientId(), req.accessToken(), Patient.class, "the patient");
        String patientIdSent = patient.getIdElement().getIdPart();
        if (patientIdSent != null && !patientIdSent.equals(req.patientId())) {
            reading.cannotJudge.add("The patient sent (" + RecordReading.shorten(patientIdSent) + ") is not the patient the order is "
                    + "for: the record may be mixed up.");
        }
        readCareSetting(req, canFetch, fhir, reading);
        ProblemList problemList = new ProblemList(fhir, req, canFetch);
        Bundle conditions = problemList.whole(req.conditions() != null
                ? FhirSupport.parse(req.conditions(), Bundle.class, "prefetch.conditions")
                : problemList.fetch(), reading);

        List<String> unresolved = reading.readOrders(draft, conditions);
        for (String ref : unresolved) {
            String cid = ref.substring("Condition/".length());
            if (canFetch && HookRequest.FHIR_ID.matcher(cid).matches()) {
                try {
                    reading.readCondition(fhir.get(req.fhirServer(), "Condition/" + cid, req.accessToken(), Condition.class,
                            "a condition named as the order's reason"));
                } catch (CdsHookException e) {
                    reading.cannotJudge.add("A condition named as the order's reason could not be read from the FHIR server.");
                }
            } else {
                reading.cannotJudge.add("A condition named as the order's reason was not sent and could not be fetched.");
            }
        }
        reading.readConditions(conditions);
        reading.noteWhatTheBudgetLeftUnread();

        Integer age = age(patient);
        // The record's diagnoses go to the engine as what they are, never as stand-in symptoms. Without a
        // date of birth they are assessed as for an adult: red flags apply at any age. Nerve-root pain
        // counts when the order gives it (an old sciatica code on the problem list is not today's).
        List<RecordedCondition> recorded = new java.util.ArrayList<>();
        List<RecordedCondition> coded = new java.util.ArrayList<>();
        boolean sciatica = false;
        for (RecordEntry e : reading.counted()) {
            Reading v = e.verdict();
            sciatica |= e.grade() == Grade.SCIATICA && e.source() != RecordEntry.Source.PROBLEM_LIST;
            if (v.means() != null && (e.grade() == Grade.RED_FLAG || e.grade() == Grade.RISK_FACTOR)
                    && recorded.stream().noneMatch(c -> c.id().equals(v.means()))) {
                RecordedCondition c = new RecordedCondition(v.means(), v.fromText() ? "free text" : v.label());
                recorded.add(c);
                if (!v.fromText()) {
                    coded.add(c);
                }
            }
        }
        AssessmentRequest request = new AssessmentRequest(age == null ? 19 : age, 0, sciatica, Setting.NON_SPECIALIST, null,
                Set.of(), Map.of(), recorded, Set.of(), HlaB27.UNKNOWN, null, null);
        Assessment asRecorded = assessor.assess(request);
        // An emergency card only when codes alone call for it: words are not read for negation.
        Recommendation fromCodes = asRecorded.recommendation() != Recommendation.EMERGENCY_MRI || coded.size() == recorded.size()
                ? asRecorded.recommendation() : assessor.assess(request.withRecorded(coded)).recommendation();
        CardPolicy.Decision decision = CardPolicy.decide(reading, age, asRecorded.recommendation(), fromCodes);
        Assessment ifClear = decision.kind() == CardPolicy.Kind.NO_RED_FLAG_RECOGNISED ? assessor.assess(request.screenedFully()) : null;
        cards.add(Cards.card(new Cards.Facts(decision, reading, asRecorded, ifClear, age, req.patientId(), baseUrl)));
        return response;
    }

    /**
     * Where the order is made (CareSetting): the prefetched encounter, or the one the context names
     * fetched from the FHIR server. An encounter the EHR names but has no data for, or one that
     * cannot be fetched, cannot be judged; with no encounter at all the setting is assumed, and the
     * card says so (fourth review R4-08).
     */
    private void readCareSetting(HookRequest req, boolean canFetch, FhirFetcher.Call fhir, RecordReading reading) {
        org.hl7.fhir.r4.model.Encounter encounter = null;
        if (req.encounter() != null) {
            encounter = FhirSupport.parse(req.encounter(), org.hl7.fhir.r4.model.Encounter.class, "prefetch.encounter");
        } else if (req.encounterId() != null && req.encounterNull()) {
            reading.cannotJudge.add("The EHR named an encounter but sent no data for it, so Backcheck cannot tell where the order is made.");
            return;
        } else if (req.encounterId() != null && canFetch) {
            try {
                encounter = fhir.get(req.fhirServer(), "Encounter/" + req.encounterId(), req.accessToken(),
                        org.hl7.fhir.r4.model.Encounter.class, "the encounter");
            } catch (CdsHookException e) {
                reading.cannotJudge.add("The encounter could not be read from the FHIR server, so Backcheck cannot tell where the order is made.");
                return;
            }
        }
        if (encounter == null) {
            reading.assumed.add("No encounter was sent, so Backcheck took the order to come from a non-specialist setting "
                    + "(general practice or community care), the setting the NHS EBI advice is for.");
            return;
        }
        String sentId = encounter.getIdElement().getIdPart();
        if (req.encounterId() != null && (sentId == null || !sentId.equals(req.encounterId()))) {
            // Fifth review R5-10: the encounter sent is not the one the context names.
            reading.cannotJudge.add("The encounter sent is not the encounter the order is made in: the record may be mixed up.");
        }
        CareSetting.read(encounter, req.patientId()).ifPresent(reading.cannotJudge::add);
        reading.readEncounter(encounter);
    }

    /** Age in whole years today, or null when there is no date of birth. */
    Integer age(Patient patient) {
        String raw = patient.getBirthDateElement().getValueAsString();
        if (raw == null || raw.isBlank()) {
            return null;
        }
        LocalDate born;
        try {
            born = switch (raw.length()) {
                case 4 -> LocalDate.of(Integer.parseInt(raw), 12, 31);
                case 7 -> YearMonth.parse(raw).atEndOfMonth();
                default -> LocalDate.parse(raw.substring(0, 10));
            };
        } catch (RuntimeException e) {
            throw CdsHookException.badRequest("prefetch.patient.birthDate", "The patient's birthDate cannot be read.");
        }
        int years = Period.between(born, LocalDate.now(clock)).getYears();
        if (born.isAfter(LocalDate.now(clock)) || years > 125) {
            throw CdsHookException.badRequest("prefetch.patient.birthDate", "The patient's birthDate gives an age outside 0 to 125.");
        }
        return years;
    }

    private ObjectNode discovery() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode services = root.putArray("services");
        service(services, "order-select", ORDER_SELECT_ID, "Backcheck: lumbar spine imaging (on selecting the order)",
                "When a lumbar spine X-ray, CT or MRI is selected, checks the order against the NHS Evidence-Based "
                        + "Interventions guidance on low back pain imaging, using the order's reasons and the patient's "
                        + "coded conditions for red flags.");
        service(services, "order-sign", ORDER_SIGN_ID, "Backcheck: lumbar spine imaging (before signing)",
                "Before orders are signed, checks any lumbar spine X-ray, CT or MRI among them against the NHS "
                        + "Evidence-Based Interventions guidance on low back pain imaging.");
        return root;
    }

    private static void service(ArrayNode services, String hook, String id, String title, String description) {
        ObjectNode s = services.addObject();
        s.put("hook", hook);
        s.put("title", title);
        s.put("description", description);
        s.put("id", id);
        ObjectNode prefetch = s.putObject("prefetch");
        prefetch.put("patient", PREFETCH.get("patient"));
        prefetch.put("conditions", PREFETCH.get("conditions"));
        prefetch.put("encounter", PREFETCH.get("encounter"));
    }

    static String write(JsonNode node) {
        return org.backcheck.service.Json.write(node);
    }
}
