package org.backcheck.guidance;

import java.util.Locale;

/**
 * A STarT Back score (Keele University): total 0-9, distress (psychosocial) subscale 0-5 from the
 * fear, worry, catastrophising, low mood and bothersomeness items, and the risk group.
 */
public record StartBackResult(int total, int distress, Risk risk) {

    public enum Risk {
        LOW, MEDIUM, HIGH;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Scores the answers as the tool's scoring guide does: each agreed item 1 to 8 scores 1; item
     * 9 scores 1 for "very much" or "extremely". Total 3 or less: low risk. Otherwise distress
     * subscale 4 or more: high risk; else medium.
     */
    public static StartBackResult score(StartBackAnswers a) {
        boolean bothered = a.bothersomeness() == StartBackAnswers.Bothersomeness.VERY_MUCH
                || a.bothersomeness() == StartBackAnswers.Bothersomeness.EXTREMELY;
        int distress = count(a.fear(), a.worry(), a.catastrophising(), a.lowMood(), bothered);
        int total = distress + count(a.legPain(), a.shoulderNeckPain(), a.walking(), a.dressing());
        Risk risk = total <= 3 ? Risk.LOW : distress >= 4 ? Risk.HIGH : Risk.MEDIUM;
        return new StartBackResult(total, distress, risk);
    }

    private static int count(boolean... items) {
        int n = 0;
        for (boolean b : items) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
