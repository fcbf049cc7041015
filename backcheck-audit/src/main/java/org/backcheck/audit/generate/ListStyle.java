package org.backcheck.audit.generate;

import java.util.SplittableRandom;

/**
 * How a {@code Der_*_All} code list is written. Real extracts mix these: OPA strings are usually
 * plain comma lists with varying spaces, APC strings open each episode with {@code ||}
 * ({@code "||E119 ,E780 ||I801"}).
 */
enum ListStyle {
    COMMA,
    SPACE_THEN_COMMA,
    COMMA_THEN_SPACE,
    EPISODES;

    private static final ListStyle[] ALL = values();
    private static final Weighted SHARE = new Weighted(70, 14, 10, 6);

    static ListStyle draw(SplittableRandom random) {
        return ALL[SHARE.next(random)];
    }

    /** Adds {@code codes[0..count)} to the field being built, lower-cased when asked. */
    void join(RecordWriter w, byte[][] codes, int count, boolean lowerCase, SplittableRandom random) {
        int episodeBreak = this == EPISODES && count > 1 && random.nextBoolean() ? 1 + random.nextInt(count - 1) : -1;
        if (this == EPISODES) {
            w.add('|').add('|');
        }
        for (int i = 0; i < count; i++) {
            if (i == episodeBreak) {
                w.add(' ').add('|').add('|');
            } else if (i > 0) {
                switch (this) {
                    case COMMA -> w.add(',');
                    case SPACE_THEN_COMMA, EPISODES -> w.add(' ').add(',');
                    case COMMA_THEN_SPACE -> w.add(',').add(' ');
                }
            }
            if (lowerCase) {
                for (byte b : codes[i]) {
                    w.add(Character.toLowerCase((char) b));
                }
            } else {
                w.add(codes[i]);
            }
        }
    }
}
