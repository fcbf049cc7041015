package org.backcheck.measure.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The T-SQL SELECT keeps the published script: every predicate of the published text
 * ({@code spec/published-script.txt}, typographic quotes and all) appears in it with the same column,
 * the same operator and the same literal, character for character; only keyword case and spacing
 * may differ. Read from the published text itself, not from the measure definition, so a definition
 * that drifted from the publication would fail here too.
 */
class TsqlAsPublishedTest {

    /** {@code alias.column [not] like 'pattern'}, closing quote straight or typographic. */
    private static final Pattern LIKE = Pattern.compile("(\\w+\\.\\w+)\\s+(not\\s+)?like\\s+'([^'\u2019]*)['\u2019]",
            Pattern.CASE_INSENSITIVE);
    /** {@code alias.column <> 'value'}, either quote on either side. */
    private static final Pattern NOT_EQUAL = Pattern.compile("(\\w+\\.\\w+)\\s*<>\\s*['\u2019]([^'\u2019]*)['\u2019]");
    /** {@code ISNULL(a,b) between low AND high}. */
    private static final Pattern AGE = Pattern.compile("ISNULL\\((\\w+\\.\\w+)\\s*,\\s*(\\w+\\.\\w+)\\)\\s+between\\s+(\\d+)\\s+AND\\s+(\\d+)",
            Pattern.CASE_INSENSITIVE);

    private static List<Pattern> published;

    @BeforeAll
    static void readThePublishedPredicates() throws IOException {
        String text;
        try (InputStream in = TsqlAsPublishedTest.class.getResourceAsStream("/spec/published-script.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        published = new ArrayList<>();
        Matcher like = LIKE.matcher(text);
        while (like.find()) {
            published.add(Pattern.compile(Pattern.quote(like.group(1)) + "\\s+" + (like.group(2) == null ? "" : "(?i:not)\\s+")
                    + "(?i:like)\\s+" + Pattern.quote("'" + like.group(3) + "'")));
        }
        Matcher notEqual = NOT_EQUAL.matcher(text);
        while (notEqual.find()) {
            published.add(Pattern.compile(Pattern.quote(notEqual.group(1)) + "\\s*<>\\s*" + Pattern.quote("'" + notEqual.group(2) + "'")));
        }
        Matcher age = AGE.matcher(text);
        while (age.find()) {
            published.add(Pattern.compile("ISNULL\\(" + Pattern.quote(age.group(1)) + "\\s*,\\s*" + Pattern.quote(age.group(2))
                    + "\\)\\s+(?i:between)\\s+" + age.group(3) + "\\s+(?i:and)\\s+" + age.group(4)));
        }
        // Five LIKEs in the WHEN clause, four in the cancer exclusion, one <>, one age range.
        assertThat(published).hasSize(11);
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void everyPublishedPredicateAppearsAsPublished(NullPolicy policy) {
        String tsql = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.TSQL, policy, TableName.parse("dbo.opa"));
        for (Pattern predicate : published) {
            assertThat(predicate.matcher(tsql).find()).as("published predicate %s in the T-SQL", predicate).isTrue();
        }
        assertThat(tsql).contains("FROM [dbo].[opa] AS extract_row");
        assertThat(tsql).doesNotContain("\u2019");
    }

    @ParameterizedTest
    @EnumSource(NullPolicy.class)
    void everyTextColumnIsReadCaseInsensitivelyWhateverTheTableCollation(NullPolicy policy) {
        String tsql = MeasureSql.select(Measure.lowerBackImaging(), SqlDialect.TSQL, policy, TableName.parse("opa"));
        for (String column : List.of("Der_Procedure_All", "der_diagnosis_all", "Administrative_Category")) {
            assertThat(tsql).containsPattern("ELSE extract_row\\." + column + " END COLLATE Latin1_General_CI_AS AS " + column);
        }
    }
}
