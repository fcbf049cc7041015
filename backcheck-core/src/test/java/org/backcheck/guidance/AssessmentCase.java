package org.backcheck.guidance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One row of {@code spec/assessment-cases.psv}: a vignette and what Backcheck must answer. */
public record AssessmentCase(String id, String clause, AssessmentRequest request, String recommendation,
                             List<String> findings, String urgency, List<String> suspected) {

    public static List<AssessmentCase> all() {
        try (InputStream in = AssessmentCase.class.getResourceAsStream("/spec/assessment-cases.psv");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<AssessmentCase> cases = new ArrayList<>();
            boolean header = true;
            for (String line : r.lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                cases.add(parse(line.split("\\|", -1)));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AssessmentCase parse(String[] f) {
        if (f.length != 17) {
            throw new IllegalStateException("assessment case needs 17 fields: " + String.join("|", f));
        }
        Set<SpaFeature> spa = new LinkedHashSet<>();
        for (String s : list(f[8])) {
            spa.add(SpaFeature.fromId(s));
        }
        AssessmentRequest request = new AssessmentRequest(Integer.parseInt(f[2]), Integer.parseInt(f[3]), f[4].equals("y"),
                f[5].equals("s") ? Setting.SPECIALIST : Setting.NON_SPECIALIST,
                f[6].equals("-") ? null : f[6].equals("y"), new LinkedHashSet<>(list(f[7])), spa,
                switch (f[9]) {
                    case "p" -> HlaB27.POSITIVE;
                    case "n" -> HlaB27.NEGATIVE;
                    default -> HlaB27.UNKNOWN;
                },
                f[10].equals("-") ? null : Integer.parseInt(f[10]), startBack(f[11]));
        request = screening(request, f[16]);
        return new AssessmentCase(f[0], f[1], request, f[12], list(f[13]), f[14].equals("-") ? null : f[14], list(f[15]));
    }

    /** "all": every group asked; "-": none asked; else "group=answer,...". */
    static AssessmentRequest screening(AssessmentRequest r, String s) {
        if (s.equals("all")) {
            return r.screenedFully();
        }
        java.util.Map<Pathology, ScreeningAnswer> answers = new java.util.EnumMap<>(Pathology.class);
        if (!s.equals("-")) {
            for (String pair : s.split(",")) {
                String[] kv = pair.split("=");
                answers.put(Pathology.fromId(kv[0]), ScreeningAnswer.fromId(kv[1], "screening"));
            }
        }
        return new AssessmentRequest(r.age(), r.durationWeeks(), r.sciatica(), r.setting(), r.resultWouldChangeManagement(),
                r.redFlags(), answers, r.recorded(), r.spaFeatures(), r.hlaB27(), r.onsetAge(), r.startBack());
    }

    /** "aaddaaaa:very_much": items 1-8 agree/disagree, then item 9. */
    static StartBackAnswers startBack(String s) {
        if (s.equals("-")) {
            return null;
        }
        String items = s.substring(0, 8);
        boolean[] a = new boolean[8];
        for (int i = 0; i < 8; i++) {
            a[i] = items.charAt(i) == 'a';
        }
        return new StartBackAnswers(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
                StartBackAnswers.Bothersomeness.fromId(s.substring(9)));
    }

    private static List<String> list(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.split(","));
    }

    @Override
    public String toString() {
        return id + " (" + clause + ")";
    }
}
