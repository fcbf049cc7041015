package org.backcheck.audit.generate;

import static org.backcheck.audit.generate.ReferenceData.ascii;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * {@code Der_Diagnosis_All} values (ICD-10 codes without dots, three-character codes sometimes
 * padded with X). As in real outpatient data the field is empty in about 90% of rows; it is filled
 * more often in imaging and oncology clinics, where cancer codes are also commoner. Near misses
 * (D10, D36, D49, D50, a single-digit C5) sit just outside the exclusion's ranges.
 */
final class DiagnosisLists {

    /** Common outpatient diagnoses; none falls in the cancer exclusion's ranges. */
    private static final byte[][] COMMON = ascii(
            "M545", "M544", "M511", "M512", "M4806", "M479", "M533", "M549", "G35X", "G439",
            "E119", "E109", "I10X", "I489", "J459", "K219", "K590", "M170", "M179", "M160",
            "M255", "M797", "R51X", "R101", "R520", "Z501", "Z098", "N390", "H251", "L409",
            "F329", "M810", "M199", "G551");
    /** Just outside C00-C99, D00-D09 and D37-D48. */
    private static final byte[][] NEAR_MISSES = ascii("D109", "D10X", "D369", "D490", "D509", "C5");
    private static final byte[] NEWLINE_INSIDE = ascii("M545\nM544")[0];
    private static final byte[] QUOTE_INSIDE = ascii("R69X \"see letter\"")[0];

    private final SplittableRandom random;
    private final byte[][] codes = new byte[4][];
    private final byte[][] cancer = new byte[4][];
    private int cancerUsed;

    DiagnosisLists(SplittableRandom random) {
        this.random = random;
        for (int i = 0; i < cancer.length; i++) {
            cancer[i] = new byte[4];
        }
    }

    /** Writes the diagnosis field for a row; imaging and oncology rows record diagnoses more often. */
    void write(RecordWriter w, boolean imaging, boolean oncology) throws IOException {
        // Rare untidy values first: a newline or a quoted remark inside the field.
        int rare = random.nextInt(200_000);
        if (rare == 0) {
            w.add(NEWLINE_INSIDE);
            w.end();
            return;
        }
        if (rare < 5) {
            w.add(QUOTE_INSIDE);
            w.end();
            return;
        }
        int perThousand = oncology ? 400 : imaging ? 250 : 90;
        if (random.nextInt(1000) >= perThousand) {
            if (random.nextInt(500) == 0) {
                w.add(' ').add(' ');   // blank but not empty: still NULL
                w.end();
            } else {
                w.empty();
            }
            return;
        }
        int r = random.nextInt(100);
        int n = r < 50 ? 1 : r < 80 ? 2 : r < 93 ? 3 : 4;
        int cancerPerThousand = oncology ? 500 : imaging ? 60 : 30;
        cancerUsed = 0;
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(1000);
            if (k < cancerPerThousand) {
                codes[i] = cancerCode();
            } else if (k < cancerPerThousand + 30) {
                codes[i] = NEAR_MISSES[random.nextInt(NEAR_MISSES.length)];
            } else {
                codes[i] = COMMON[random.nextInt(COMMON.length)];
            }
        }
        boolean lowerCase = random.nextInt(100) == 0;
        ListStyle.draw(random).join(w, codes, n, lowerCase, random);
        w.end();
    }

    /**
     * A code in the exclusion's ranges: C00-C99 (malignant), D00-D09 (in situ) or D37-D48
     * (uncertain behaviour), with a fourth character, an X pad, or none.
     */
    private byte[] cancerCode() {
        int block = random.nextInt(100);
        int number = block < 75 ? random.nextInt(100) : block < 85 ? random.nextInt(10) : 37 + random.nextInt(12);
        byte[] code = cancer[cancerUsed++];
        code[0] = (byte) (block < 75 ? 'C' : 'D');
        code[1] = (byte) ('0' + number / 10);
        code[2] = (byte) ('0' + number % 10);
        int tail = random.nextInt(10);
        if (tail == 0) {
            return java.util.Arrays.copyOf(code, 3);
        }
        code[3] = (byte) (tail < 8 ? '0' + random.nextInt(10) : 'X');
        return code;
    }
}
