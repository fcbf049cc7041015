package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.List;

/**
 * The FHIR servers a hook call may send Backcheck to ({@code serve --fhir-servers URL,...}; issue 11 item 11).
 * A hook call's {@code fhirServer} is chosen by the caller, and Backcheck reads from it with the EHR's
 * access token; listing the EHRs' own FHIR bases stops a caller from pointing Backcheck at any other host
 * (OWASP Server-Side Request Forgery Prevention Cheat Sheet: an allow-list of destinations). A
 * {@code fhirServer} matches a listed base when it is that base or a path below it. {@link #ANY}, the
 * default, allows every https server; {@code serve} warns at start-up when it is used.
 */
public final class FhirServers {

    /** No list: any https server (or http on this machine with --insecure-dev). */
    public static final FhirServers ANY = new FhirServers(List.of());

    private final List<String> bases;

    private FhirServers(List<String> bases) {
        this.bases = List.copyOf(bases);
    }

    /**
     * The servers in a comma-separated list, each checked as a {@code fhirServer} would be.
     *
     * @param localHttp whether http on this machine may be listed (--insecure-dev)
     * @throws IllegalArgumentException naming the entry that is not an https URL without query or credentials
     */
    public static FhirServers of(String commaSeparated, boolean localHttp) {
        List<String> bases = new ArrayList<>();
        for (String entry : commaSeparated.split(",")) {
            String url = entry.strip();
            if (url.isEmpty()) {
                continue;
            }
            try {
                bases.add(FhirFetcher.checkServer(url, localHttp));
            } catch (CdsHookException e) {
                throw new IllegalArgumentException("--fhir-servers: '" + url + "' must be an https URL without query or "
                        + "credentials, e.g. https://ehr.example.org/fhir");
            }
        }
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("--fhir-servers names no server; give the FHIR base URLs your EHRs send as "
                    + "fhirServer, separated by commas, or leave the option out");
        }
        return new FhirServers(bases);
    }

    /** True for {@link #ANY}. */
    public boolean any() {
        return bases.isEmpty();
    }

    /** The listed bases, without trailing slashes. */
    public List<String> bases() {
        return bases;
    }

    /**
     * @param fhirServer a hook call's checked {@code fhirServer} (no trailing slash), or null
     * @throws CdsHookException 400 naming fhirServer when there is a list and it is not on it
     */
    void check(String fhirServer) {
        if (fhirServer == null || bases.isEmpty()) {
            return;
        }
        for (String base : bases) {
            if (fhirServer.equals(base) || fhirServer.startsWith(base + "/")) {
                return;
            }
        }
        throw CdsHookException.badRequest("fhirServer", "fhirServer is not one of the FHIR servers this service is "
                + "configured to read from (serve --fhir-servers); prefetch the data, or ask the service's operator to list it.");
    }
}
