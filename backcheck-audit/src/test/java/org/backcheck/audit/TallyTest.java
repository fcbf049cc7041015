package org.backcheck.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.backcheck.classify.Status;
import org.backcheck.report.AgeBand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TallyTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', value = {
        "2024-04-15|2024-04", "15/04/2024|2024-04", "20240415|2024-04", "2024-04-15 09:30:00|2024-04",
        "2024-04-15T09:30|2024-04", "' 2024-12-01'|2024-12", "1990-01-01|1990-01", "2089-12-31|2089-12",
        "1989-12-31|unknown", "2090-01-01|unknown", "2024-13-01|unknown", "2024-00-10|unknown", "2024-04-32|unknown",
        "2024-4-15|unknown", "15/4/2024|unknown", "24-04-15|unknown", "x024-04-15|unknown", "2024-0a-15|unknown",
        "next week|unknown", "''|unknown", "2023-02-30|unknown", "31/02/2024|unknown", "2024-04-31|unknown",
        "2024-02-29|2024-02", "29/02/2023|unknown", "2000-02-29|2000-02", "20230229|unknown"})
    void monthsOfAppointmentDates(String date, String month) {
        byte[] b = date.getBytes(StandardCharsets.UTF_8);
        assertThat(Tally.monthLabel(Tally.monthSlot(b, 0, b.length))).isEqualTo(month);
    }

    @Test
    void countsByProviderAndMonthWithShortAndLongKeys() {
        Tally t = new Tally();
        String[] providers = {"RXH", "RXH", "R0A", "", "RXH01", "A-LONG-SITE-CODE", "A-LONG-SITE-CODE"};
        for (int i = 0; i < 200; i++) {
            for (String p : providers) {
                byte[] b = ("xx" + p).getBytes(StandardCharsets.UTF_8);
                t.add(b, 2, b.length - 2, 5, AgeBand.AGE_40_49, i % 2 == 0 ? Status.COUNTED : Status.UNMATCHED);
            }
        }
        Map<String, Map<String, long[]>> into = new TreeMap<>();
        t.mergeInto(into);
        assertThat(into).containsOnlyKeys("RXH", "R0A", "unknown", "RXH01", "A-LONG-SITE-CODE");
        assertThat(Tally.byStatus(into.get("RXH").get("1990-06"))[Status.COUNTED.ordinal()]).isEqualTo(200);
        assertThat(Tally.byStatus(into.get("A-LONG-SITE-CODE").get("1990-06"))[Status.UNMATCHED.ordinal()]).isEqualTo(200);
        assertThat(into.get("unknown").get("1990-06")[AgeBand.AGE_40_49.ordinal() * Tally.STATUSES + Status.COUNTED.ordinal()]).isEqualTo(100);
    }
}
