package org.backcheck.audit.generate;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * The organisations, specialties and calendar the generated activity is spread over. The provider and
 * commissioner codes are fictional, as their names in {@code sample-organisations.csv} are (its
 * {@code .source} file says why no code can clash with a real one: each holds a hyphen, which no NHS ODS
 * code does): trusts T-01 to T-33, four sites (T-02A, T-03A, T-05A, T-06A) rolling up to their trusts,
 * three independent providers (P-01 to P-03), and sub-ICB locations S-01 to S-40 in five ICBs. The
 * row counts per provider are skewed as real ones are.
 */
final class ReferenceData {

    private ReferenceData() {
    }

    static final byte[][] PROVIDERS = ascii(
            "T-01", "T-02", "T-03", "T-04", "T-05", "T-06", "T-07", "T-08", "T-09", "T-10",
            "T-11", "T-12", "T-13", "T-14", "T-15", "T-16", "T-17", "T-18", "T-19", "T-20",
            "T-21", "T-22", "T-23", "T-24", "T-25", "T-26", "T-27", "T-28", "T-29", "T-30",
            "T-31", "T-32", "T-02A", "T-03A", "T-05A", "T-06A", "P-01", "P-02", "P-03", "T-33");

    /** Largest first: provider k has weight 1/(k+1)^0.9, so the biggest is about 28 times the smallest. */
    static final Weighted PROVIDER_SHARE = zipf(PROVIDERS.length, 0.9);

    /**
     * How much more (or less) often than the average a provider images, so that the sample's funnel
     * plot and SPC charts have something to find, as real ones do: two providers image more, two less,
     * and T-03 (index 2) changes its practice from 1 July 2024, when its imaging rises by 70%.
     */
    static double imagingPropensity(int provider, int day) {
        return switch (provider) {
            case 2 -> day >= PRACTICE_CHANGE_DAY ? 1.7 : 1.0;
            case 5 -> 1.5;
            case 9 -> 0.55;
            case 14 -> 1.6;
            case 20 -> 0.5;
            default -> 1.0;
        };
    }

    static final byte[][] COMMISSIONERS = ascii(
            "S-01", "S-02", "S-03", "S-04", "S-05", "S-06", "S-07", "S-08", "S-09", "S-10",
            "S-11", "S-12", "S-13", "S-14", "S-15", "S-16", "S-17", "S-18", "S-19", "S-20",
            "S-21", "S-22", "S-23", "S-24", "S-25", "S-26", "S-27", "S-28", "S-29", "S-30",
            "S-31", "S-32", "S-33", "S-34", "S-35", "S-36", "S-37", "S-38", "S-39", "S-40");

    /** Treatment function codes, and which of them see back pain (and so order spine imaging). */
    static final byte[][] TREATMENT_FUNCTIONS = ascii(
            "110", "650", "191", "410", "812", "108", "800", "370",
            "300", "100", "420", "120", "130", "330", "502", "320", "101", "301");
    static final Weighted TREATMENT_FUNCTION_SHARE = new Weighted(
            14, 8, 3, 4, 4, 1, 2, 2,
            8, 8, 6, 6, 10, 5, 6, 5, 4, 4);
    /** Indices below this are musculoskeletal, pain, imaging or oncology clinics. */
    static final int BACK_PAIN_CLINICS = 8;
    /** Clinical oncology (800) and medical oncology (370): where cancer diagnoses are recorded. */
    static boolean isOncology(int treatmentFunction) {
        return treatmentFunction == 6 || treatmentFunction == 7;
    }

    /** First_Attendance 1-5: first or follow-up, face to face or by telephone, RTT clock stop. */
    static final Weighted FIRST_ATTENDANCE = new Weighted(30, 55, 4, 10, 1);
    /** Attendance_Status codes and their shares: mostly attended (5, 6). */
    static final byte[] ATTENDANCE_STATUS = {'5', '6', '2', '3', '4', '7'};
    static final Weighted ATTENDANCE_STATUS_SHARE = new Weighted(80, 5, 4, 6, 4, 1);

    /** Administrative_Category as extracts hold it, including the untidy forms. */
    static final byte[][] ADMINISTRATIVE_CATEGORY = ascii("01", "02", "03", "04", "09", "", "2", "1", "02 ", " ");
    static final Weighted ADMINISTRATIVE_CATEGORY_SHARE = new Weighted(
            92.55, 2.0, 0.3, 0.2, 1.5, 3.0, 0.1, 0.2, 0.1, 0.05);

    /** Two financial years of appointments: 2023-04-01 to 2025-03-31. */
    static final LocalDate FIRST_DAY = LocalDate.of(2023, 4, 1);
    static final int PRACTICE_CHANGE_DAY = (int) (LocalDate.of(2024, 7, 1).toEpochDay() - LocalDate.of(2023, 4, 1).toEpochDay());
    static final int DAYS = (int) (LocalDate.of(2025, 3, 31).toEpochDay() - FIRST_DAY.toEpochDay()) + 1;
    static final byte[][] ISO_DATES = new byte[DAYS][];
    static final byte[][] UK_DATES = new byte[DAYS][];
    /** Clinics run on weekdays; activity grows a little over the two years. */
    static final Weighted DAY_SHARE;
    /** Dates a system could not have produced, or left out. */
    static final byte[][] BAD_DATES = ascii("", "", "2023-02-30", "31/02/2024", "2024-13-01", "00/00/0000", "unknown");

    static {
        double[] weights = new double[DAYS];
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            ISO_DATES[d] = day.toString().getBytes(StandardCharsets.US_ASCII);
            UK_DATES[d] = String.format("%02d/%02d/%04d", day.getDayOfMonth(), day.getMonthValue(), day.getYear())
                    .getBytes(StandardCharsets.US_ASCII);
            double trend = 1.0 + 0.15 * d / DAYS;
            weights[d] = trend * (day.getDayOfWeek() == DayOfWeek.SATURDAY ? 0.1
                    : day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0.04 : 1.0);
        }
        DAY_SHARE = new Weighted(weights);
    }

    /**
     * Age at the start of the episode, 0-100: fewer children, most activity between 50 and 80,
     * tailing off in the 90s.
     */
    static final Weighted AGE_SHARE;

    static {
        double[] w = new double[101];
        for (int a = 0; a <= 100; a++) {
            w[a] = a == 0 ? 0.8
                    : a < 16 ? 0.55
                    : a < 30 ? 0.8
                    : a < 50 ? 1.0
                    : a < 80 ? 1.0 + (a - 50) * 0.02
                    : a < 90 ? 1.2
                    : 0.5 - (a - 90) * 0.045;
        }
        AGE_SHARE = new Weighted(w);
    }

    static byte[][] ascii(String... values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    private static Weighted zipf(int n, double exponent) {
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            w[k] = 1.0 / StrictMath.pow(k + 1, exponent);   // strict: same weights on every machine
        }
        return new Weighted(w);
    }
}
