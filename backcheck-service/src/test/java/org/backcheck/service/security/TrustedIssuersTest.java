package org.backcheck.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.backcheck.service.security.TestTokens.EC;
import static org.backcheck.service.security.TestTokens.NOW;
import static org.backcheck.service.security.TestTokens.RSA;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backcheck.service.security.TestTokens.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The trusted-issuers file: what it accepts, and errors that name the entry and field. */
class TrustedIssuersTest {

    private static final MutableClock CLOCK = new MutableClock(NOW);

    private static TrustedIssuers parse(String json) {
        return TrustedIssuers.parse(json, "issuers.json", CLOCK);
    }

    @Test
    void loadsInlineAndUrlIssuers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("issuers.json");
        Files.writeString(file, "{\"issuers\":["
                + "{\"iss\":\"https://a.example\",\"jwks\":" + TestTokens.jwks(EC, RSA) + "},"
                + "{\"iss\":\"https://b.example\",\"jwks_url\":\"https://b.example/jwks.json\"},"
                + "{\"iss\":\"https://c.example\",\"jwks_url\":\"http://127.0.0.1:9999/jwks\"}]}");
        TrustedIssuers issuers = TrustedIssuers.load(file);
        assertThat(issuers.issuers()).containsExactly("https://a.example", "https://b.example", "https://c.example");
        assertThat(issuers.keysOf("https://a.example").find(EC.getKeyID())).isEqualTo(EC.toPublicJWK());
        assertThat(issuers.keysOf("https://b.example").jwksUrl()).hasToString("https://b.example/jwks.json");
        assertThat(issuers.keysOf("https://nobody.example")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                | {                                                          | issuers.json: not valid JSON
            not an object           | []                                                         | must be a JSON object
            no issuers              | {}                                                         | issuers.json: issuers: required
            empty issuers           | {"issuers":[]}                                             | issuers: is empty
            unknown top field       | {"issuers":[],"x":1}                                       | issuers.json: x: unknown field
            entry not object        | {"issuers":[1]}                                            | issuers[0]: must be an object
            missing iss             | {"issuers":[{"jwks_url":"https://a/j"}]}                   | issuers[0].iss: required
            blank iss               | {"issuers":[{"iss":" ","jwks_url":"https://a/j"}]}         | issuers[0].iss: must be a non-empty string
            neither keys nor url    | {"issuers":[{"iss":"a"}]}                                  | issuers[0]: needs exactly one of
            both keys and url       | {"issuers":[{"iss":"a","jwks":{"keys":[]},"jwks_url":"https://a/j"}]} | issuers[0]: needs exactly one of
            unknown entry field     | {"issuers":[{"iss":"a","jwks_url":"https://a/j","kid":"x"}]} | issuers[0].kid: unknown field
            duplicate iss           | {"issuers":[{"iss":"a","jwks_url":"https://a/j"},{"iss":"a","jwks_url":"https://a/k"}]} | issuers[1].iss: 'a' is listed twice
            http url                | {"issuers":[{"iss":"a","jwks_url":"http://a.example/j"}]}  | issuers[0].jwks_url: must be https
            relative url            | {"issuers":[{"iss":"a","jwks_url":"/jwks"}]}               | issuers[0].jwks_url: must be an absolute https URL
            url not a string        | {"issuers":[{"iss":"a","jwks_url":42}]}                    | issuers[0].jwks_url: must be a URL string
            url with password       | {"issuers":[{"iss":"a","jwks_url":"https://u:p@a.example/j"}]} | must not contain a user name
            empty key set           | {"issuers":[{"iss":"a","jwks":{"keys":[]}}]}               | issuers[0].jwks.keys: required, a non-empty array
            bad jwk                 | {"issuers":[{"iss":"a","jwks":{"keys":[{"kty":"EC"}]}}]}   | issuers[0].jwks.keys[0]: not a valid JWK
            duplicate json key      | {"issuers":[{"iss":"a","iss":"b","jwks_url":"https://a/j"}]} | Duplicate field 'iss'
            """)
    void refusesInvalidFiles(String name, String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(TrustedIssuersException.class).hasMessageContaining(message);
    }

    @Test
    void refusesUnusableKeys() {
        assertThatThrownBy(() -> parse("{\"issuers\":[{\"iss\":\"a\",\"jwks\":{\"keys\":[" + EC.toJSONString() + "]}}]}"))
                .hasMessageContaining("issuers[0].jwks.keys[0]: contains private key material");
        String p256 = TestTokens.jwks(ecP256());
        assertThatThrownBy(() -> parse("{\"issuers\":[{\"iss\":\"a\",\"jwks\":" + p256 + "}]}"))
                .hasMessageContaining("issuers[0].jwks.keys[0]: EC key on curve P-256; ES384 needs P-384");
        String noKid = "{\"keys\":[" + new com.nimbusds.jose.jwk.ECKey.Builder(EC.toPublicJWK()).keyID(null).build() + "]}";
        assertThatThrownBy(() -> parse("{\"issuers\":[{\"iss\":\"a\",\"jwks\":" + noKid + "}]}"))
                .hasMessageContaining("issuers[0].jwks.keys[0]: has no \"kid\"");
        String twice = "{\"keys\":[" + EC.toPublicJWK() + "," + EC.toPublicJWK() + "]}";
        assertThatThrownBy(() -> parse("{\"issuers\":[{\"iss\":\"a\",\"jwks\":" + twice + "}]}"))
                .hasMessageContaining("issuers[0].jwks.keys[1].kid: 'ec-1' is used by two keys");
        assertThatThrownBy(() -> parse("{\"issuers\":[{\"iss\":\"a\",\"jwks\":{\"keys\":[{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"c2VjcmV0\"}]}}]}"))
                .hasMessageContaining("contains private key material");
    }

    @Test
    void fieldNamesTheOffendingPath() {
        assertThatThrownBy(() -> parse("{\"issuers\":[{\"iss\":\"a\",\"jwks_url\":\"ftp://a/j\"}]}"))
                .isInstanceOfSatisfying(TrustedIssuersException.class,
                        e -> assertThat(e.field()).isEqualTo("issuers[0].jwks_url"));
    }

    private static com.nimbusds.jose.jwk.ECKey ecP256() {
        try {
            return new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("p256").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
