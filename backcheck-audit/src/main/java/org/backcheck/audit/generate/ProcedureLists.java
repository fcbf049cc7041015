package org.backcheck.audit.generate;

import static org.backcheck.audit.generate.ReferenceData.ascii;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * {@code Der_Procedure_All} values (OPCS-4 codes without dots). About half of outpatient rows record
 * no procedure or an unknown marker ({@code -}, {@code &}, {@code X99}), the rest ordinary codes;
 * back pain, pain, rheumatology, imaging and oncology clinics also record lumbar imaging, at rates that make
 * about 1-2% of all rows meet the measure. Near misses (a code one digit off, imaging without the
 * lumbar site code, a site code without imaging) are there to catch an engine that matches too much.
 */
final class ProcedureLists {

    /** What kind of imaging, if any, a row records. */
    enum Imaging {
        NONE,
        /** U05.4 CT or U05.5 MRI of spine, alone: the first clause of the rule. */
        SPINE_ALONE,
        /** U05.4 or U05.5 among other codes. */
        SPINE_AMONG_OTHERS,
        /** U13.2/3/5/6 or U21.1/2/6/7 with site Z66.5 or O16.2: the second clause. */
        BONE_WITH_SITE,
        /** Bone or NEC imaging without a lumbar or spine site code: not counted. */
        BONE_WITHOUT_SITE,
        /** Codes that look like the rule's but are not in it. */
        NEAR_MISS,
        /** A matching list written in lower case. */
        LOWER_CASE;

        boolean meetsRule() {
            return this == SPINE_ALONE || this == SPINE_AMONG_OTHERS || this == BONE_WITH_SITE || this == LOWER_CASE;
        }
    }

    private static final Imaging[] IMAGING = Imaging.values();
    /** Share of each imaging kind among rows that record some imaging-like code (NONE excluded). */
    private static final Weighted IMAGING_KIND = new Weighted(0, 50, 12, 18, 5, 12, 3);

    private static final byte[][] SPINE = ascii("U054", "U055");
    private static final Weighted SPINE_SHARE = new Weighted(3, 7);
    private static final byte[][] BONE = ascii("U132", "U133", "U135", "U136", "U211", "U212", "U216", "U217");
    private static final Weighted BONE_SHARE = new Weighted(2, 3, 8, 2, 3, 2, 1, 2);
    private static final byte[][] SITE = ascii("Z665", "O162");
    private static final Weighted SITE_SHARE = new Weighted(3, 1);
    private static final byte[][][] NEAR_MISSES = {
        ascii("U053"), ascii("U056"), ascii("U134", "Z665"), ascii("U213", "O162"),
        ascii("U135", "Z664"), ascii("U211", "O161"), ascii("Z665"), ascii("O162"),
    };

    /** Ordinary outpatient procedures: assessments, injections, head imaging, laterality and approach codes. */
    private static final byte[][] OTHER = ascii(
            "X621", "X622", "X623", "X624", "U051", "U012", "Y981", "Y532", "Y538", "Z942",
            "Z943", "W903", "A577", "A521", "X292", "U202", "E251", "X999");
    /** Written when nothing (or nothing known) was recorded. */
    private static final byte[][] UNKNOWN = ascii("-", "&", "X99", "X999");
    private static final Weighted UNKNOWN_SHARE = new Weighted(3, 1, 2, 6);

    private final SplittableRandom random;
    private final byte[][] codes = new byte[6][];

    ProcedureLists(SplittableRandom random) {
        this.random = random;
    }

    /** Draws what imaging a row in this kind of clinic records. */
    Imaging drawImaging(boolean backPainClinic, double propensity) {
        int perTenThousand = (int) Math.round((backPainClinic ? 450 : 30) * propensity);
        if (random.nextInt(10_000) >= perTenThousand) {
            return Imaging.NONE;
        }
        return IMAGING[IMAGING_KIND.next(random)];
    }

    /** Writes the procedure field for a row of the given imaging kind. */
    void write(RecordWriter w, Imaging imaging) throws IOException {
        int n;
        boolean lowerCase = false;
        switch (imaging) {
            case NONE -> {
                int r = random.nextInt(100);
                if (r < 36) {
                    w.empty();
                    return;
                }
                if (r < 48) {
                    w.add(UNKNOWN[UNKNOWN_SHARE.next(random)]);
                    w.end();
                    return;
                }
                n = r < 80 ? 1 : 2 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    codes[i] = other();
                }
                if (n == 1 && random.nextInt(20) == 0) {
                    // A trailing space, as fixed-width exports leave.
                    w.add(codes[0]).add(' ');
                    finish(w);
                    return;
                }
            }
            case SPINE_ALONE -> {
                codes[0] = SPINE[SPINE_SHARE.next(random)];
                n = 1;
            }
            case SPINE_AMONG_OTHERS -> {
                n = 0;
                int others = 1 + random.nextInt(2);
                for (int i = 0; i < others; i++) {
                    codes[n++] = other();
                }
                codes[n++] = SPINE[SPINE_SHARE.next(random)];
                if (random.nextInt(3) == 0) {
                    codes[n++] = SITE[SITE_SHARE.next(random)];
                }
                if (random.nextInt(4) == 0) {
                    codes[n++] = BONE[BONE_SHARE.next(random)];
                }
                shuffle(n);
            }
            case BONE_WITH_SITE -> {
                codes[0] = BONE[BONE_SHARE.next(random)];
                codes[1] = SITE[SITE_SHARE.next(random)];
                n = 2;
                if (random.nextInt(7) == 0) {
                    codes[0] = codes[1];
                    codes[1] = BONE[BONE_SHARE.next(random)];
                }
                if (random.nextInt(3) == 0) {
                    codes[n++] = other();
                }
            }
            case BONE_WITHOUT_SITE -> {
                codes[0] = BONE[BONE_SHARE.next(random)];
                n = 1;
                if (random.nextBoolean()) {
                    codes[n++] = other();
                }
            }
            case NEAR_MISS -> {
                byte[][] miss = NEAR_MISSES[random.nextInt(NEAR_MISSES.length)];
                System.arraycopy(miss, 0, codes, 0, miss.length);
                n = miss.length;
                if (random.nextInt(3) == 0) {
                    codes[n++] = other();
                }
            }
            case LOWER_CASE -> {
                lowerCase = true;
                if (random.nextBoolean()) {
                    codes[0] = SPINE[SPINE_SHARE.next(random)];
                    n = 1;
                } else {
                    codes[0] = BONE[BONE_SHARE.next(random)];
                    codes[1] = SITE[SITE_SHARE.next(random)];
                    n = 2;
                }
            }
            default -> throw new IllegalStateException("unhandled imaging kind " + imaging);
        }
        ListStyle.draw(random).join(w, codes, n, lowerCase, random);
        finish(w);
    }

    private void finish(RecordWriter w) throws IOException {
        // Some exporters quote fields that need no quoting.
        if (random.nextInt(200) == 0) {
            w.endQuoted();
        } else {
            w.end();
        }
    }

    private byte[] other() {
        return OTHER[random.nextInt(OTHER.length)];
    }

    private void shuffle(int n) {
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            byte[] t = codes[i];
            codes[i] = codes[j];
            codes[j] = t;
        }
    }
}
