package org.backcheck.measure.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SELECT for every dialect and NULL policy, compared character for character with the files in
 * {@code src/test/resources/sql-golden/}. A change to the generator or to the measure definition
 * shows up here as a readable diff, to be reviewed and then accepted by regenerating the files:
 *
 * <pre>
 * mvn -B -o test -pl backcheck-core -Dtest=MeasureSqlGoldenTest -Dbackcheck.sql.golden.write=true
 * </pre>
 *
 * (run from the repository root; the files are written into this module's source tree and the test
 * passes; run it again without the property to check).
 */
class MeasureSqlGoldenTest {

    static final String WRITE_PROPERTY = "backcheck.sql.golden.write";
    private static final Path SOURCE_DIR = Path.of("src/test/resources/sql-golden");

    static Stream<Arguments> dialectsAndPolicies() {
        List<Arguments> all = new ArrayList<>();
        for (SqlDialect d : SqlDialect.values()) {
            for (NullPolicy p : NullPolicy.values()) {
                all.add(Arguments.of(d, p));
            }
        }
        return all.stream();
    }

    static String fileName(SqlDialect dialect, NullPolicy policy) {
        return dialect.id() + "-" + policy.id() + ".sql";
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dialectsAndPolicies")
    void theSelectIsTheReviewedOne(SqlDialect dialect, NullPolicy policy) throws IOException {
        String sql = MeasureSql.select(Measure.lowerBackImaging(), dialect, policy, TableName.parse(MeasureSql.DEFAULT_TABLE));
        compare(sql, fileName(dialect, policy));
    }

    /** The grouped form, with a period, as a statement: provider_month, the grain with both kinds of key. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(SqlDialect.class)
    void theGroupedQueryIsTheReviewedOne(SqlDialect dialect) throws IOException {
        SqlForm form = new SqlForm(SqlGrain.PROVIDER_MONTH,
                Optional.of(new YearMonth[] {YearMonth.of(2024, 4), YearMonth.of(2025, 3)}), true);
        String sql = MeasureSql.select(Measure.lowerBackImaging(), dialect, NullPolicy.CLINICAL,
                TableName.parse(MeasureSql.DEFAULT_TABLE), form);
        compare(sql, dialect.id() + "-provider_month-period.sql");
    }

    private void compare(String sql, String file) throws IOException {
        if (Boolean.getBoolean(WRITE_PROPERTY)) {
            Files.createDirectories(SOURCE_DIR);
            Files.writeString(SOURCE_DIR.resolve(file), sql, StandardCharsets.UTF_8);
            System.out.println("wrote " + SOURCE_DIR.resolve(file).toAbsolutePath());
            return;
        }
        try (InputStream in = getClass().getResourceAsStream("/sql-golden/" + file)) {
            assertThat(in).as("golden file sql-golden/%s (write it with -D%s=true)", file, WRITE_PROPERTY).isNotNull();
            String golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(sql).as("SQL against sql-golden/%s; if the change is intended, regenerate with -D%s=true", file,
                    WRITE_PROPERTY).isEqualTo(golden);
        }
    }
}
