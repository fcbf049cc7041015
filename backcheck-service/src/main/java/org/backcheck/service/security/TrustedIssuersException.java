package org.backcheck.service.security;

/**
 * A trusted-issuers file that cannot be used. The message names the file, the entry and the field,
 * e.g. {@code issuers.json: issuers[1].jwks_url: must be https (http only to localhost)}.
 */
public final class TrustedIssuersException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    TrustedIssuersException(String source, String field, String problem) {
        super(source + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
        this.field = field;
    }

    /** The JSON path of the offending field, e.g. {@code issuers[0].iss}; empty for the whole file. */
    public String field() {
        return field;
    }
}
