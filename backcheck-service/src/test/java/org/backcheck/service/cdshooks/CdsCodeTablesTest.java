package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.backcheck.service.cdshooks.CodeTables.Effect;
import org.junit.jupiter.api.Test;

/** The codelists as data: every row well formed, only verified rows used, ICD-10 read as a hierarchy. */
class CdsCodeTablesTest {

    private final CodeTables tables = CodeTables.standard();

    @Test
    void everyRowRecordsItsSourceAndHowItWasVerified() {
        assertThat(tables.imagingCodes()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.system()).isIn("http://www.ama-assn.org/go/cpt", CodeTables.SNOMED, "http://loinc.org");
            assertThat(c.display()).isNotBlank();
        });
        assertThat(tables.conditionRules()).isNotEmpty();
    }

    @Test
    void verifiedLumbarImagingCodesMatchAndUnverifiedOnesDoNot() {
        assertThat(tables.isLumbarImaging("http://www.ama-assn.org/go/cpt", "72148")).isTrue();
        assertThat(tables.isLumbarImaging("http://www.ama-assn.org/go/cpt", "72158")).isTrue();
        assertThat(tables.isLumbarImaging("http://loinc.org", "24968-0")).isTrue();
        assertThat(tables.isLumbarImaging(CodeTables.SNOMED, "394451000119106")).isTrue();
        // Marked "no" in the file: kept for review, not used.
        assertThat(tables.isLumbarImaging("http://www.ama-assn.org/go/cpt", "72110")).isFalse();
        // Right code, wrong system; and the retroperitoneal ultrasound sometimes mislabelled as lumbar MRI.
        assertThat(tables.isLumbarImaging("http://loinc.org", "72148")).isFalse();
        assertThat(tables.isLumbarImaging("http://loinc.org", "24531-6")).isFalse();
        // Generic and whole-spine MRI are not lumbar imaging here.
        assertThat(tables.isLumbarImaging(CodeTables.SNOMED, "241645008")).isFalse();
    }

    @Test
    void icd10MatchesWithOrWithoutDotsInWhoAndCmSystems() {
        assertThat(tables.ruleFor(CodeTables.ICD10, "G83.4").redFlag()).isEqualTo("bladder_dysfunction");
        assertThat(tables.ruleFor(CodeTables.ICD10_CM, "g834").redFlag()).isEqualTo("bladder_dysfunction");
        assertThat(tables.ruleFor(CodeTables.ICD10_CM, "Z85.3").redFlag()).isEqualTo("history_of_cancer");
        assertThat(tables.ruleFor(CodeTables.ICD10_CM, "S32.009A").redFlag()).isEqualTo("structural_deformity");
        assertThat(tables.ruleFor(CodeTables.ICD10, "M46.2").redFlag()).isEqualTo("recent_bacterial_infection");
        assertThat(tables.ruleFor(CodeTables.ICD10, "M54.4").effect()).isEqualTo(Effect.SCIATICA);
        assertThat(tables.ruleFor(CodeTables.ICD10, "M54.2")).isNull();
        assertThat(tables.ruleFor("http://example.org/other", "G83.4")).isNull();
    }

    @Test
    void osteoporosisIsARedFlagOnlyWithAVertebralFracture() {
        assertThat(tables.ruleFor(CodeTables.ICD10, "M81.0").effect()).isEqualTo(Effect.NONE);
        assertThat(tables.ruleFor(CodeTables.ICD10_CM, "M80.011A").effect()).isEqualTo(Effect.NONE);
        assertThat(tables.ruleFor(CodeTables.ICD10_CM, "M80.08XA").redFlag()).isEqualTo("minor_trauma_with_osteoporosis");
        // M80.88 is marked unverified, so it falls back to the general M80 row.
        assertThat(tables.ruleFor(CodeTables.ICD10_CM, "M80.88XA").effect()).isEqualTo(Effect.NONE);
        assertThat(tables.ruleFor(CodeTables.ICD10, "M45").effect()).isEqualTo(Effect.NONE);
    }

    @Test
    void snomedMatchesExactly() {
        assertThat(tables.ruleFor(CodeTables.SNOMED, "192970008").redFlag()).isEqualTo("bladder_dysfunction");
        assertThat(tables.ruleFor(CodeTables.SNOMED, "94222008").redFlag()).isEqualTo("history_of_cancer");
        assertThat(tables.ruleFor(CodeTables.SNOMED, "1929700")).isNull();
    }
}
