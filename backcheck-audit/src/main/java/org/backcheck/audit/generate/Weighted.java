package org.backcheck.audit.generate;

import java.util.SplittableRandom;

/**
 * A choice among {@code n} outcomes with fixed relative weights, drawn in constant time from a
 * lookup table of {@value #SLOTS} slots. Weights are rounded to whole slots (largest remainder
 * first), so an outcome with a weight above zero is never rounded away: the finest share is
 * 1/{@value #SLOTS} (about 0.006%). Rarer events are drawn directly by the caller.
 */
final class Weighted {

    static final int SLOTS = 1 << 14;

    private final short[] table = new short[SLOTS];

    Weighted(double... weights) {
        if (weights.length == 0 || weights.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("between 1 and " + Short.MAX_VALUE + " weights: " + weights.length);
        }
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("weights must be 0 or more: " + w);
            }
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("at least one weight must be above 0");
        }
        int[] slots = new int[weights.length];
        double[] remainder = new double[weights.length];
        int used = 0;
        for (int i = 0; i < weights.length; i++) {
            double exact = weights[i] / total * SLOTS;
            slots[i] = weights[i] > 0 ? Math.max(1, (int) exact) : 0;
            remainder[i] = exact - slots[i];
            used += slots[i];
        }
        while (used != SLOTS) {
            // Give a slot to (or take one from) the outcome whose rounding is furthest off.
            int pick = -1;
            for (int i = 0; i < weights.length; i++) {
                boolean eligible = used < SLOTS ? weights[i] > 0 : slots[i] > 1;
                boolean better = pick < 0
                        || (used < SLOTS ? remainder[i] > remainder[pick] : remainder[i] < remainder[pick]);
                if (eligible && better) {
                    pick = i;
                }
            }
            int step = used < SLOTS ? 1 : -1;
            slots[pick] += step;
            remainder[pick] -= step;
            used += step;
        }
        int at = 0;
        for (int i = 0; i < slots.length; i++) {
            for (int k = 0; k < slots[i]; k++) {
                table[at++] = (short) i;
            }
        }
    }

    /** An outcome: the index of its weight in the constructor's arguments. */
    int next(SplittableRandom random) {
        return table[random.nextInt(SLOTS)];
    }
}
