package org.backcheck.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.backcheck.guidance.Assessment;
import org.backcheck.guidance.AssessmentRequest;
import org.backcheck.guidance.Citation;
import org.backcheck.guidance.HlaB27;
import org.backcheck.guidance.InvalidAssessmentException;
import org.backcheck.guidance.Pathology;
import org.backcheck.guidance.PatientInformation;
import org.backcheck.guidance.RecordedCondition;
import org.backcheck.guidance.RedFlag;
import org.backcheck.guidance.ScreeningAnswer;
import org.backcheck.guidance.Setting;
import org.backcheck.guidance.Source;
import org.backcheck.guidance.SpaFeature;
import org.backcheck.guidance.SpondyloarthritisCheck;
import org.backcheck.guidance.StartBackAnswers;
import org.backcheck.guidance.StartBackResult;
import org.backcheck.guidance.Statement;

/**
 * The JSON form of an assessment request and of an assessment: one codec for the REST API, the
 * command line and the web page, so the three cannot drift apart.
 *
 * <p>Reading is strict, because a silently ignored field in a clinical request is a wrong answer:
 * an unknown field, a value of the wrong type (the string {@code "45"} or the number {@code 45.5}
 * for an age), a duplicate key or text after the object is an {@link InvalidAssessmentException}
 * naming the field as the JSON spells it ({@code age}, {@code start_back.fear}); a body that is not
 * JSON at all names the field {@code (body)}. An explicit {@code null} for an optional field means
 * the same as leaving it out.
 *
 * <p>Writing is deterministic: keys in a fixed order, enums by their lowercase ids, absent values as
 * {@code null} rather than missing keys, so clients can rely on the shape.
 */
public final class AssessmentJson {

    /** The top-level fields of a request, in the order they are written. */
    public static final List<String> REQUEST_FIELDS = List.of("age", "duration_weeks", "sciatica", "setting",
            "result_would_change_management", "red_flags", "screening", "recorded", "spa_features", "hla_b27", "onset_age",
            "start_back");

    /** The red-flag groups a screening answers, by id. */
    public static final List<String> SCREENING_GROUPS = java.util.Arrays.stream(Pathology.values()).map(Pathology::id).toList();

    /** The fields of {@code start_back}: the nine items by topic. */
    public static final List<String> START_BACK_FIELDS = List.of("leg_pain", "shoulder_neck_pain", "walking",
            "dressing", "fear", "worry", "catastrophising", "low_mood", "bothersomeness");

    private static final ObjectMapper MAPPER = Json.MAPPER;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AssessmentJson() {
    }

    // ---------------------------------------------------------------- reading

    /** Reads a request from JSON text. */
    public static AssessmentRequest parseRequest(String json) {
        return parseRequest(readTree(json));
    }

    /** Reads a request from UTF-8 JSON bytes. */
    public static AssessmentRequest parseRequest(byte[] json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
            checkEnd(tree);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            // From bytes in memory, only a decoding failure, e.g. NULs that make Jackson guess UTF-32 (RequestCodecFuzzTest).
            throw new InvalidAssessmentException("(body)", "cannot be decoded as JSON text; send UTF-8 JSON");
        }
        return parseRequest(tree);
    }

    /** Reads a request from a JSON tree. */
    public static AssessmentRequest parseRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidAssessmentException("(body)", "must be a JSON object, not " + describe(body));
        }
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!REQUEST_FIELDS.contains(name)) {
                throw new InvalidAssessmentException(name, "unknown field; valid fields: " + REQUEST_FIELDS);
            }
        }
        int age = requiredInt(body, "age", "age");
        int durationWeeks = requiredInt(body, "duration_weeks", "duration_weeks");
        boolean sciatica = Boolean.TRUE.equals(optionalBoolean(body, "sciatica"));
        String settingId = optionalString(body, "setting", "setting");
        Setting setting = settingId == null ? Setting.NON_SPECIALIST : Setting.fromId(settingId);
        Boolean changes = optionalBoolean(body, "result_would_change_management");
        Set<String> redFlags = stringSet(body, "red_flags");
        Map<Pathology, ScreeningAnswer> screening = screening(body.get("screening"));
        List<RecordedCondition> recorded = recorded(body.get("recorded"));
        Set<SpaFeature> spaFeatures = new LinkedHashSet<>();
        for (String id : stringSet(body, "spa_features")) {
            spaFeatures.add(SpaFeature.fromId(id));
        }
        String hla = optionalString(body, "hla_b27", "hla_b27");
        HlaB27 hlaB27 = hla == null ? HlaB27.UNKNOWN : HlaB27.fromId(hla);
        Integer onsetAge = optionalInt(body, "onset_age");
        StartBackAnswers startBack = startBack(body.get("start_back"));
        return new AssessmentRequest(age, durationWeeks, sciatica, setting, changes, redFlags, screening, recorded,
                spaFeatures, hlaB27, onsetAge, startBack);
    }

    /** {"cauda_equina": "absent", ...}: one answer per red-flag group; a group left out was not asked. */
    private static Map<Pathology, ScreeningAnswer> screening(JsonNode node) {
        Map<Pathology, ScreeningAnswer> answers = new java.util.EnumMap<>(Pathology.class);
        if (node == null || node.isNull()) {
            return answers;
        }
        if (!node.isObject()) {
            throw new InvalidAssessmentException("screening", "must be an object of red-flag groups "
                    + SCREENING_GROUPS + ", each present, absent or not_asked; not " + describe(node));
        }
        for (var fields = node.fields(); fields.hasNext(); ) {
            var e = fields.next();
            String field = "screening." + e.getKey();
            if (!SCREENING_GROUPS.contains(e.getKey())) {
                throw new InvalidAssessmentException(field, "unknown red-flag group; valid groups: " + SCREENING_GROUPS);
            }
            if (!e.getValue().isTextual()) {
                throw new InvalidAssessmentException(field, "must be present, absent or not_asked, not " + describe(e.getValue()));
            }
            answers.put(Pathology.fromId(e.getKey()), ScreeningAnswer.fromId(e.getValue().textValue(), field));
        }
        return answers;
    }

    /** [{"id": "history_of_cancer", "code": "ICD-10 C50.9"}, ...]: conditions from a coded record. */
    private static List<RecordedCondition> recorded(JsonNode node) {
        List<RecordedCondition> out = new java.util.ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray() || node.size() > 50) {
            throw new InvalidAssessmentException("recorded", "must be an array of at most 50 {id, code} objects, not "
                    + describe(node));
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String field = "recorded[" + i + "]";
            if (!c.isObject()) {
                throw new InvalidAssessmentException(field, "must be an object {id, code}, not " + describe(c));
            }
            for (var names = c.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("id") && !name.equals("code")) {
                    throw new InvalidAssessmentException(field + "." + name, "unknown field; valid fields: [id, code]");
                }
            }
            out.add(new RecordedCondition(requiredString(c, "id", field + ".id"), requiredString(c, "code", field + ".code")));
        }
        return out;
    }

    private static JsonNode readTree(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            checkEnd(tree);
            return tree;
        } catch (JsonProcessingException e) {
            throw notJson(e);
        }
    }

    private static void checkEnd(JsonNode tree) {
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidAssessmentException("(body)", "is empty; expected a JSON object");
        }
    }

    private static InvalidAssessmentException notJson(JsonProcessingException e) {
        var where = e.getLocation();
        String at = where == null ? "" : String.format(Locale.ROOT, " at line %d, column %d", where.getLineNr(),
                where.getColumnNr());
        return new InvalidAssessmentException("(body)", "is not valid JSON" + at + ": " + e.getOriginalMessage());
    }

    private static StartBackAnswers startBack(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidAssessmentException("start_back", "must be an object with the nine items "
                    + START_BACK_FIELDS + ", not " + describe(node));
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!START_BACK_FIELDS.contains(name)) {
                throw new InvalidAssessmentException("start_back." + name, "unknown item; valid items: " + START_BACK_FIELDS);
            }
        }
        // Arguments are evaluated left to right: the first problem reported is the first item's.
        return new StartBackAnswers(agree(node, "leg_pain"), agree(node, "shoulder_neck_pain"), agree(node, "walking"),
                agree(node, "dressing"), agree(node, "fear"), agree(node, "worry"), agree(node, "catastrophising"),
                agree(node, "low_mood"),
                StartBackAnswers.Bothersomeness.fromId(requiredString(node, "bothersomeness", "start_back.bothersomeness")));
    }

    private static boolean agree(JsonNode startBack, String item) {
        String field = "start_back." + item;
        String answer = requiredString(startBack, item, field);
        return switch (answer) {
            case "agree" -> true;
            case "disagree" -> false;
            default -> throw new InvalidAssessmentException(field, "must be agree or disagree, not '" + answer + "'");
        };
    }

    private static int requiredInt(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            throw new InvalidAssessmentException(field, "is required (a whole number)");
        }
        return toInt(node, field);
    }

    private static Integer optionalInt(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node == null || node.isNull() ? null : toInt(node, name);
    }

    private static int toInt(JsonNode node, String field) {
        if (!node.isIntegralNumber()) {
            throw new InvalidAssessmentException(field, "must be a whole number, not " + describe(node));
        }
        if (!node.canConvertToInt()) {
            throw new InvalidAssessmentException(field, "is out of range: " + node.asText());
        }
        return node.intValue();
    }

    private static Boolean optionalBoolean(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw new InvalidAssessmentException(name, "must be true or false, not " + describe(node));
        }
        return node.booleanValue();
    }

    private static String requiredString(JsonNode parent, String name, String field) {
        String value = optionalString(parent, name, field);
        if (value == null) {
            throw new InvalidAssessmentException(field, "is required");
        }
        return value;
    }

    private static String optionalString(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidAssessmentException(field, "must be a string, not " + describe(node));
        }
        return node.textValue();
    }

    private static Set<String> stringSet(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        Set<String> values = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isArray()) {
            throw new InvalidAssessmentException(name, "must be an array of ids, not " + describe(node));
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (!element.isTextual()) {
                throw new InvalidAssessmentException(name, "element " + i + " must be a string id, not " + describe(element));
            }
            values.add(element.textValue());
        }
        return values;
    }

    /** Names a JSON value's type for a message, with the value when it is short. */
    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            String text = node.textValue();
            return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }

    // ---------------------------------------------------------------- writing

    /** The canonical JSON of a request: every field, in {@link #REQUEST_FIELDS} order; unset optional values as null. */
    public static ObjectNode toJson(AssessmentRequest r) {
        ObjectNode o = NODES.objectNode();
        o.put("age", r.age());
        o.put("duration_weeks", r.durationWeeks());
        o.put("sciatica", r.sciatica());
        o.put("setting", r.setting().id());
        o.put("result_would_change_management", r.resultWouldChangeManagement());
        strings(o.putArray("red_flags"), r.redFlags());
        ObjectNode screening = o.putObject("screening");
        r.screening().forEach((group, answer) -> screening.put(group.id(), answer.id()));
        ArrayNode recorded = o.putArray("recorded");
        r.recorded().forEach(c -> recorded.addObject().put("id", c.id()).put("code", c.code()));
        strings(o.putArray("spa_features"), r.spaFeatures().stream().map(SpaFeature::id).toList());
        o.put("hla_b27", r.hlaB27().id());
        o.put("onset_age", r.onsetAge());
        StartBackAnswers a = r.startBack();
        if (a == null) {
            o.putNull("start_back");
        } else {
            ObjectNode s = o.putObject("start_back");
            boolean[] items = {a.legPain(), a.shoulderNeckPain(), a.walking(), a.dressing(), a.fear(), a.worry(),
                a.catastrophising(), a.lowMood()};
            for (int i = 0; i < items.length; i++) {
                s.put(START_BACK_FIELDS.get(i), items[i] ? "agree" : "disagree");
            }
            s.put("bothersomeness", a.bothersomeness().id());
        }
        return o;
    }

    /** The JSON of an assessment (keys in a fixed order; see the class comment). */
    public static ObjectNode toJson(Assessment a) {
        ObjectNode o = NODES.objectNode();
        o.put("recommendation", a.recommendation().id());
        o.put("urgency", a.urgency() == null ? null : a.urgency().id());
        o.put("summary", a.summary());
        strings(o.putArray("suspected"), a.suspected().stream().map(p -> p.id()).toList());
        strings(o.putArray("findings"), a.findings().stream().map(f -> f.id()).toList());
        o.put("screening", a.screening().complete() ? "complete" : "incomplete");
        ObjectNode groups = o.putObject("screening_answers");
        a.screening().answers().forEach((group, answer) -> groups.put(group.id(), answer.id()));
        strings(o.putArray("not_asked"), a.screening().notAsked().stream().map(Pathology::id).toList());
        strings(o.putArray("risk_factors"), a.riskFactors().stream().map(RedFlag::id).toList());
        statements(o.putArray("reasons"), a.reasons());
        statements(o.putArray("management"), a.management());
        statements(o.putArray("safety_net"), a.safetyNet());
        StartBackResult sb = a.startBack();
        if (sb == null) {
            o.putNull("start_back");
        } else {
            ObjectNode s = o.putObject("start_back");
            s.put("total", sb.total());
            s.put("distress", sb.distress());
            s.put("risk", sb.risk().id());
        }
        SpondyloarthritisCheck spa = a.spondyloarthritis();
        if (spa == null) {
            o.putNull("spondyloarthritis");
        } else {
            ObjectNode s = o.putObject("spondyloarthritis");
            s.put("applies", spa.applies());
            strings(s.putArray("criteria"), spa.criteria().stream().map(SpaFeature::id).toList());
            s.put("outcome", spa.outcome());
        }
        ArrayNode sources = o.putArray("sources");
        for (Source source : a.sources()) {
            ObjectNode s = sources.addObject();
            s.put("id", source.id());
            s.put("title", source.title());
            s.put("publisher", source.publisher());
            s.put("year", source.year());
            s.put("url", source.url());
        }
        PatientInformation info = a.patientInformation();
        if (info == null) {
            o.putNull("patient_information");
        } else {
            ObjectNode p = o.putObject("patient_information");
            p.put("about_your_back_pain", info.aboutYourBackPain());
            p.put("benefits", info.benefits());
            p.put("risks", info.risks());
            p.put("alternatives", info.alternatives());
            p.put("if_you_do_nothing", info.ifYouDoNothing());
        }
        o.put("consultation_note", a.consultationNote());
        return o;
    }

    /** The red-flag vocabulary for clients that build a checklist: {@code [{id, pathology, grade, label}]} in vocabulary order. */
    public static ArrayNode toJson(Map<String, RedFlag> vocabulary) {
        ArrayNode flags = NODES.arrayNode();
        for (RedFlag flag : vocabulary.values()) {
            ObjectNode f = flags.addObject();
            f.put("id", flag.id());
            f.put("pathology", flag.pathology().id());
            f.put("grade", flag.grade().id());
            f.put("label", flag.label());
        }
        return flags;
    }

    /** Compact JSON text (see {@link Json#write}). */
    public static String write(JsonNode node) {
        return Json.write(node);
    }

    /** Indented JSON text, for people (see {@link Json#writePretty}). */
    public static String writePretty(JsonNode node) {
        return Json.writePretty(node);
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static void statements(ArrayNode array, List<Statement> statements) {
        for (Statement st : statements) {
            ObjectNode s = array.addObject();
            s.put("id", st.id());
            s.put("text", st.text());
            ArrayNode citations = s.putArray("citations");
            for (Citation c : st.citations()) {
                ObjectNode c2 = citations.addObject();
                c2.put("source", c.source());
                c2.put("locator", c.locator());
            }
        }
    }
}
