package org.backcheck.service.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * How much the codelists cover, per pathology, printed for the clinical safety record and checked
 * against a floor so that a codelist cannot silently shrink: every ICD-10 code of three and four
 * characters (A00 to Z99, each with subcodes .0 to .9) is read, and counted by what it means.
 */
class CodelistCoverageTest {

    private static final RedFlagCodes CODES = RedFlagCodes.load(SnomedTerminology.none());

    static String group(Reading r) {
        if (r.grade() == Grade.RED_FLAG) {
            return "red flag: " + Icd10Pathology.of(r.means());
        }
        return r.grade().id();
    }

    @Test
    void everyPathologyCoversWholeClassesOfCodes() {
        Map<String, Integer> icd = new TreeMap<>();
        for (char letter = 'A'; letter <= 'Z'; letter++) {
            for (int n = 0; n < 100; n++) {
                String category = letter + String.format("%02d", n);
                for (int sub = -1; sub < 10; sub++) {
                    String code = sub < 0 ? category : category + "." + sub;
                    icd.merge(group(CODES.readCode(RedFlagCodes.ICD10, code)), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> snomed = new TreeMap<>();
        CODES.snomed().concepts().values().forEach(c -> snomed.merge(
                c.grade() == Grade.RED_FLAG ? "red flag: " + Icd10Pathology.of(c.means()) : c.grade().id(), 1, Integer::sum));
        System.out.println("ICD-10 codes (3 and 4 characters, A00-Z99.9) by reading: " + icd);
        System.out.println("SNOMED CT concepts on the curated list by reading: " + snomed);
        assertThat(icd.get("red flag: cancer")).isGreaterThanOrEqualTo(1_300);
        assertThat(icd.get("red flag: infection")).isGreaterThanOrEqualTo(150);
        assertThat(icd.get("red flag: fracture")).isGreaterThanOrEqualTo(80);
        assertThat(icd.get("red flag: cauda_equina")).isGreaterThanOrEqualTo(2);
        assertThat(icd.get("red flag: cord_compression")).isGreaterThanOrEqualTo(1);
        assertThat(icd.get("risk_factor")).isGreaterThanOrEqualTo(100);
        assertThat(snomed.get("red flag: cancer")).isGreaterThanOrEqualTo(40);
        assertThat(snomed.get("red flag: cauda_equina")).isGreaterThanOrEqualTo(13);
    }

    /** The pathology a red-flag reading points to. */
    static final class Icd10Pathology {
        private Icd10Pathology() {
        }

        static String of(String means) {
            var flag = org.backcheck.guidance.RedFlags.vocabulary().get(means);
            return flag != null ? flag.pathology().id() : means;
        }
    }
}
