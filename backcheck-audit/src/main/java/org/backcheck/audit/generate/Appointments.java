package org.backcheck.audit.generate;

import static org.backcheck.audit.generate.ReferenceData.ascii;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Writes one outpatient appointment per call, in the column order of {@link ExtractGenerator#HEADER}.
 * All randomness comes from one {@link SplittableRandom}, drawn in a fixed order, so a seed fixes
 * every byte. Rates of the untidy values are given where they are drawn.
 */
final class Appointments {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Age values no integer column would hold. */
    private static final byte[][] UNREADABLE_AGES = ascii("45.5", "unknown", "4 5", "-", "NK", "30+");

    private final SplittableRandom random;
    private final long seed;
    private final long patients;
    private final ProcedureLists procedures;
    private final DiagnosisLists diagnoses;
    private long ident;

    Appointments(long seed, long rows) {
        this.random = new SplittableRandom(seed);
        this.seed = seed;
        // About 2.5 appointments per patient over the two years.
        this.patients = Math.max(1, rows * 2 / 5);
        this.procedures = new ProcedureLists(random);
        this.diagnoses = new DiagnosisLists(random);
        this.ident = 1_000_000_000L + Math.floorMod(mix(seed), 8_000_000_000L);
    }

    void write(RecordWriter w) throws IOException {
        // OPA_Ident: increasing, with the occasional gap of deleted records.
        ident += random.nextInt(20) == 0 ? 2 + random.nextInt(3) : 1;
        w.add(ident).end();
        // One draw whatever the pool size, so a longer run starts with the rows of a shorter one.
        writePatient(w, Math.floorMod(random.nextLong(), patients));
        int day = writeDate(w);
        int provider = ReferenceData.PROVIDER_SHARE.next(random);
        w.add(ReferenceData.PROVIDERS[provider]);
        if (random.nextInt(500) == 0) {
            w.endQuoted();
        } else {
            w.end();
        }
        // Most activity is commissioned by the provider's home sub-ICB.
        int commissioner = random.nextInt(10) < 7 ? provider * 7 % ReferenceData.COMMISSIONERS.length
                : random.nextInt(ReferenceData.COMMISSIONERS.length);
        w.add(ReferenceData.COMMISSIONERS[commissioner]).end();
        int tfc = ReferenceData.TREATMENT_FUNCTION_SHARE.next(random);
        w.add(ReferenceData.TREATMENT_FUNCTIONS[tfc]).end();
        w.add((char) ('1' + ReferenceData.FIRST_ATTENDANCE.next(random))).end();
        w.add((char) ReferenceData.ATTENDANCE_STATUS[ReferenceData.ATTENDANCE_STATUS_SHARE.next(random)]).end();
        int categoryIndex = ReferenceData.ADMINISTRATIVE_CATEGORY_SHARE.next(random);
        byte[] category = ReferenceData.ADMINISTRATIVE_CATEGORY[categoryIndex];
        w.add(category);
        if (category.length == 0 && random.nextInt(50) == 0) {
            w.endQuoted();    // "" : an empty quoted field
        } else {
            w.end();
        }
        writeAges(w);
        ProcedureLists.Imaging imaging = procedures.drawImaging(tfc < ReferenceData.BACK_PAIN_CLINICS,
                ReferenceData.imagingPropensity(provider, day));
        diagnoses.write(w, imaging != ProcedureLists.Imaging.NONE, ReferenceData.isOncology(tfc));
        procedures.write(w, imaging);
        w.endRecord();
    }

    /** A pseudonym: 10-12 upper-case hex characters, starting with a letter so never an NHS number. */
    private void writePatient(RecordWriter w, long patient) throws IOException {
        long h = mix(seed ^ mix(patient + 1));
        int length = 10 + (int) ((h >>> 62) % 3);
        w.add((char) ('A' + (int) ((h >>> 56) & 0x3F) % 6));
        for (int i = 1; i < length; i++) {
            w.add((char) HEX[(int) (h >>> (4 * (i - 1))) & 0xF]);
        }
        w.end();
    }

    /** ISO dates; about 1% dd/MM/yyyy; about 0.05% empty or impossible. Returns the day drawn. */
    private int writeDate(RecordWriter w) throws IOException {
        int day = ReferenceData.DAY_SHARE.next(random);
        int form = random.nextInt(10_000);
        if (form < 5) {
            w.add(ReferenceData.BAD_DATES[random.nextInt(ReferenceData.BAD_DATES.length)]);
        } else if (form < 105) {
            w.add(ReferenceData.UK_DATES[day]);
        } else {
            w.add(ReferenceData.ISO_DATES[day]);
        }
        w.end();
        return day;
    }

    /**
     * Age_at_Start_of_Episode_SUS and Der_Age_at_CDS_Activity_Date. Per 100,000 rows: 50 with an
     * unreadable age, 500 with neither, 5,000 with only the CDS age, 1,500 with only the SUS age,
     * 50 space-padded or zero-padded; the rest with both, the CDS age equal or one more.
     */
    private void writeAges(RecordWriter w) throws IOException {
        int form = random.nextInt(100_000);
        int age = drawAge();
        if (form < 50) {
            byte[] bad = UNREADABLE_AGES[random.nextInt(UNREADABLE_AGES.length)];
            boolean inSus = random.nextInt(5) < 3;
            if (inSus) {
                w.add(bad).end();
                if (random.nextBoolean()) {
                    w.add(age).end();
                } else {
                    w.empty();
                }
            } else {
                if (random.nextBoolean()) {
                    w.add(age).end();
                } else {
                    w.empty();
                }
                w.add(bad).end();
            }
        } else if (form < 550) {
            w.empty();
            w.empty();
        } else if (form < 5_550) {
            w.empty();
            w.add(cdsAge(age)).end();
        } else if (form < 7_050) {
            w.add(age).end();
            w.empty();
        } else if (form < 7_100) {
            if (random.nextBoolean()) {
                w.add(' ').add(age).add(' ').end();
            } else {
                w.add('0').add(age).end();
            }
            w.add(cdsAge(age)).end();
        } else {
            w.add(age).end();
            w.add(cdsAge(age)).end();
        }
    }

    /**
     * Mostly 0-100; 3% at the lower boundary (17-21), 0.5% at and past the upper one (115-125),
     * 0.5% infants coded 7001-7007, 0.01% negative.
     */
    private int drawAge() {
        int r = random.nextInt(10_000);
        if (r < 300) {
            return 17 + random.nextInt(5);
        }
        if (r < 350) {
            return 115 + random.nextInt(11);
        }
        if (r < 400) {
            return 7001 + random.nextInt(7);
        }
        if (r < 401) {
            return -1;
        }
        return ReferenceData.AGE_SHARE.next(random);
    }

    /** The age on the activity date: the same, or one more when a birthday fell in between. */
    private int cdsAge(int age) {
        return age >= 7001 || random.nextInt(5) != 0 ? age : age + 1;
    }

    /** SplitMix64's finaliser: spreads a seed or an index over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
