package org.backcheck.classify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.backcheck.measure.NullPolicy;

/**
 * One case of {@code spec/rule-cases.psv}: the measure's edge cases as data, shared by every
 * engine's tests (this module's classifier, the audit's CSV path, and later engines).
 */
public record RuleCase(String id, String clause, String procedures, String ageSus, String ageCds,
                       String diagnoses, String adminCategory, String clinical, String sql, String codes) {

    public static final String RESOURCE = "/spec/rule-cases.psv";

    /** The expected "status[:reasons]" under a policy. */
    public String expected(NullPolicy policy) {
        return policy == NullPolicy.SQL ? sql : clinical;
    }

    /** Renders an outcome in the same "status[:reasons]" form. */
    public static String render(Outcome o) {
        return o.reasons().isEmpty() ? o.status().id() : o.status().id() + ":" + String.join(";", o.reasons());
    }

    public static List<RuleCase> all() {
        try (InputStream in = RuleCase.class.getResourceAsStream(RESOURCE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<RuleCase> cases = new ArrayList<>();
            boolean header = true;
            for (String line : r.lines().toList()) {
                if (line.startsWith("#") || line.isEmpty()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.replace("\\|", "\u0000").split("\\|", -1);
                if (f.length != 10) {
                    throw new IllegalStateException("rule case line has " + f.length + " fields: " + line);
                }
                for (int i = 0; i < f.length; i++) {
                    f[i] = f[i].replace('\u0000', '|');
                }
                cases.add(new RuleCase(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return id + " (" + clause + ")";
    }
}
