package org.backcheck.service.cdshooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * FHIR R4 parsing through HAPI FHIR: one {@link FhirContext} for the JVM (building its model costs
 * about a second, so it is built once and warmed on first use), a new parser per parse (HAPI's
 * parsers are not thread-safe; creating one from a warm context is cheap). Parsing only: no HAPI
 * client, server or validation. Unknown elements are tolerated silently, so HAPI logs nothing
 * about a resource's content.
 */
final class FhirSupport {

    private static final FhirContext CONTEXT = warm();

    private FhirSupport() {
    }

    /**
     * The words a coded concept carries: its text, then each coding's display, leaving out blank ones.
     * Backcheck reads a concept's words the same way wherever it meets one.
     */
    static java.util.List<String> words(org.hl7.fhir.r4.model.CodeableConcept concept) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (concept.getText() != null && !concept.getText().isBlank()) {
            out.add(concept.getText());
        }
        for (org.hl7.fhir.r4.model.Coding c : concept.getCoding()) {
            if (c.getDisplay() != null && !c.getDisplay().isBlank()) {
                out.add(c.getDisplay());
            }
        }
        return out;
    }

    /** Builds and warms the shared context; called once, when this class first loads. */
    private static FhirContext warm() {
        FhirContext ctx = FhirContext.forR4();
        ctx.setParserErrorHandler(new LenientErrorHandler(false));
        String sample = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + "{\"resource\":{\"resourceType\":\"ServiceRequest\",\"id\":\"w\",\"status\":\"draft\",\"intent\":\"order\","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"24968-0\"}]},\"subject\":{\"reference\":\"Patient/w\"},"
                + "\"contained\":[{\"resourceType\":\"Condition\",\"id\":\"c\",\"subject\":{\"reference\":\"Patient/w\"}}],"
                + "\"reasonCode\":[{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"279039007\"}]}],"
                + "\"reasonReference\":[{\"reference\":\"#c\"}]}},"
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"w\",\"birthDate\":\"1970-01-01\"}},"
                + "{\"resource\":{\"resourceType\":\"Condition\",\"id\":\"d\",\"subject\":{\"reference\":\"Patient/w\"},"
                + "\"clinicalStatus\":{\"coding\":[{\"code\":\"active\"}]},\"code\":{\"coding\":[{\"code\":\"M54.5\"}]}}}]}";
        ctx.newJsonParser().parseResource(sample);
        return ctx;
    }

    /** Loads this class, building the context now rather than on the first request. */
    static void warmUp() {
        // Class initialisation has done the work.
    }

    static IParser parser() {
        return CONTEXT.newJsonParser();
    }

    /**
     * Parses one resource of the expected type.
     *
     * @throws CdsHookException 400 naming {@code field} when the JSON is not a FHIR R4 resource of that type
     */
    static <T extends IBaseResource> T parse(String json, Class<T> type, String field) {
        IBaseResource resource;
        try {
            resource = parser().parseResource(json);
        } catch (RuntimeException e) {
            // Besides DataFormatException, HAPI's parser fails on some malformed input with other unchecked
            // exceptions: "extension": [1] (issue 11 item 12), a NullPointerException for a Bundle entry whose "resource" is a string, a
            // StringIndexOutOfBoundsException for a member named "" (RequestCodecFuzzTest; the inputs are
            // kept in src/test/resources/fuzz/cds-hook-request/). This call only parses the client's text,
            // so any failure in it is a resource that cannot be read: a 400, not a 500.
            throw CdsHookException.badRequest(field, field + " is not a FHIR R4 resource that can be read.");
        }
        if (!type.isInstance(resource)) {
            throw CdsHookException.badRequest(field, field + " must be a FHIR " + type.getSimpleName() + ", not "
                    + resource.fhirType() + ".");
        }
        return type.cast(resource);
    }
}
