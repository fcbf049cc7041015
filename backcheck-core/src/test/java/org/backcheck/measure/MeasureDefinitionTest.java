package org.backcheck.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.backcheck.codelist.Codelist;
import org.junit.jupiter.api.Test;

class MeasureDefinitionTest {

    private final Measure measure = Measure.lowerBackImaging();

    @Test
    void definitionIsThePublishedScriptVerbatim() throws IOException {
        // The published text, typographic quotes and all, split into WHEN / cancer / private parts.
        String[] parts = published().split("----\n");
        String when = parts[0].replaceFirst("(?s)^WHEN", "").replaceFirst("(?s)THEN '2S_lower_back_imaging'\\s*$", "");
        String privateTest = parts[2].replaceFirst("^AND", "");

        assertThat(measure.id()).isEqualTo("2S_lower_back_imaging");
        assertThat(measure.when()).isEqualTo(ConditionParser.parse(when));
        assertThat(measure.exclusions()).extracting(Exclusion::name).containsExactly("cancer_diagnosis", "private_patient");
        assertThat(measure.exclusions().get(0).keepWhen()).isEqualTo(ConditionParser.parse(parts[1]));
        assertThat(measure.exclusions().get(1).keepWhen()).isEqualTo(ConditionParser.parse(privateTest));
    }

    @Test
    void columnsAreTheFiveTheScriptReads() {
        assertThat(measure.textColumns()).extracting(Column::name)
                .containsExactly("Der_Procedure_All", "der_diagnosis_all", "Administrative_Category");
        assertThat(measure.numericColumns()).extracting(Column::name)
                .containsExactly("Age_at_Start_of_Episode_SUS", "Der_Age_at_CDS_Activity_Date");
    }

    @Test
    void everyInterpretationIsRecorded() {
        assertThat(measure.notes()).extracting(Note::id)
                .contains("record_level", "null_policy", "empty_is_null", "infant_ages");
    }

    @Test
    void procedureCodelistIsExactlyWhatTheInclusionPatternsName() {
        Codelist opcs = Codelist.load("opcs4-lower-back-imaging");
        Set<String> patterns = new LinkedHashSet<>();
        measure.when().forEach(c -> {
            if (c instanceof Condition.Like like) {
                patterns.add(like.pattern().source());
            }
        });
        assertThat(new LinkedHashSet<>(opcs.column("pattern"))).isEqualTo(patterns);
        // Every four-character OPCS-4 code U/Z/O + three digits the patterns accept is listed, and
        // nothing else is.
        List<String> accepted = new ArrayList<>();
        for (char chapter : new char[] {'U', 'Z', 'O'}) {
            for (int n = 0; n < 1000; n++) {
                String code = chapter + String.format("%03d", n);
                if (patterns.stream().anyMatch(p -> LikePattern.compile(p).matches(code))) {
                    accepted.add(code);
                }
            }
        }
        assertThat(accepted).containsExactlyInAnyOrderElementsOf(opcs.codes());
        assertThat(opcs.provenance().get("terms")).contains("Open Government Licence");
    }

    @Test
    void cancerCodelistPatternsAreTheExclusionPatterns() {
        Codelist icd10 = Codelist.load("icd10-cancer-exclusion");
        List<String> patterns = new ArrayList<>();
        measure.exclusions().get(0).keepWhen().forEach(c -> {
            if (c instanceof Condition.Like like) {
                patterns.add(like.pattern().source());
            }
        });
        assertThat(icd10.codes()).containsExactlyElementsOf(patterns);
        assertThat(icd10.provenance().get("terms")).contains("none shipped");
    }

    @Test
    void parseErrorsSayWhere() {
        assertThatThrownBy(() -> ConditionParser.parse("x like 'a' and\n  y lik 'b'"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Measure.parse("measure m\nwhen\n  x like '[a'\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
    }

    private static String published() throws IOException {
        try (InputStream in = MeasureDefinitionTest.class.getResourceAsStream("/spec/published-script.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
