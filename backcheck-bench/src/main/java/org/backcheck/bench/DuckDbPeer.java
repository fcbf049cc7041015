package org.backcheck.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;

/**
 * The peer in bench/audit-vs-duckdb.sh and bench/parquet-vs-csv.sh: DuckDB (in-process, JDBC)
 * applying the same rule as SQL to the same extract (CSV, or a Parquet file when its name ends in
 * {@code .parquet}) and counting by provider and month, as an analyst would in a notebook. It
 * prints its totals so the script can show both engines found the same counted rows.
 *
 * <p>Usage: {@code java -cp backcheck-bench.jar org.backcheck.bench.DuckDbPeer FILE [clinical|sql]}
 */
public final class DuckDbPeer {

    private DuckDbPeer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: DuckDbPeer FILE [clinical|sql]");
            System.exit(2);
        }
        String file = args[0].replace("'", "''");
        boolean sqlPolicy = args.length > 1 && args[1].equals("sql");
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery(query(file, sqlPolicy));
            long groups = 0;
            long counted = 0;
            long excluded = 0;
            long rows = 0;
            while (rs.next()) {
                groups++;
                rows += rs.getLong("rows");
                counted += rs.getLong("counted");
                excluded += rs.getLong("excluded");
            }
            System.out.printf(Locale.ROOT, "duckdb %s rows=%d counted=%d excluded=%d provider_month_groups=%d seconds=%.3f%n",
                    c.getMetaData().getDatabaseProductVersion(), rows, counted, excluded, groups,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * The published rule in DuckDB SQL. DuckDB's LIKE has no [..] classes, so each LIKE '%X%'
     * becomes a case-insensitive regular-expression search for X (the same thing for these
     * patterns). Ages are read as text and cast, so unreadable ones become NULL.
     */
    static String query(String file, boolean sqlPolicy) {
        String diagnosis = "regexp_matches(Der_Diagnosis_All, 'C[0-9][0-9]|D0|D3[789]|D4[012345678]', 'i')";
        String privatePatient = "(rtrim(Administrative_Category) = '02')";
        String keepCancer = sqlPolicy ? "coalesce(NOT " + diagnosis + ", false)" : "coalesce(NOT " + diagnosis + ", true)";
        String keepPrivate = sqlPolicy ? "coalesce(NOT " + privatePatient + ", false)" : "coalesce(NOT " + privatePatient + ", true)";
        return """
            WITH opa AS (
              SELECT * FROM %s
            ), classified AS (
              SELECT Der_Provider_Code AS provider, substr(Appointment_Date, 1, 7) AS month,
                     coalesce((regexp_matches(Der_Procedure_All, 'U05[45]', 'i')
                        OR ((regexp_matches(Der_Procedure_All, 'U13[2356]', 'i') OR regexp_matches(Der_Procedure_All, 'U21[1267]', 'i'))
                            AND (regexp_matches(Der_Procedure_All, 'Z665', 'i') OR regexp_matches(Der_Procedure_All, 'O162', 'i'))))
                       AND coalesce(TRY_CAST(Age_at_Start_of_Episode_SUS AS INTEGER), TRY_CAST(Der_Age_at_CDS_Activity_Date AS INTEGER))
                           BETWEEN 19 AND 120, false) AS included,
                     %s AND %s AS kept
              FROM opa
            )
            SELECT provider, month, count(*) AS rows,
                   count(*) FILTER (WHERE included AND kept) AS counted,
                   count(*) FILTER (WHERE included AND NOT kept) AS excluded
            FROM classified GROUP BY provider, month
            """.formatted(source(file), keepCancer, keepPrivate);
    }

    /** The table to read: a Parquet file as it is (its columns text, as bench/ParquetCopy.java writes them), or the CSV as text. */
    private static String source(String file) {
        if (file.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return "read_parquet('" + file + "')";
        }
        return "read_csv('" + file + "', header = true, all_varchar = true, quote = '\"', escape = '\"', ignore_errors = true)";
    }
}
