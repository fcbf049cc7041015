import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Writes a Parquet copy of a CSV extract for bench/parquet-vs-csv.sh, the way an analyst would with
 * DuckDB: every column text (VARCHAR), rows in file order, Snappy, DuckDB's default row groups.
 * Run with the DuckDB driver on the class path:
 * {@code java -cp backcheck-bench/target/backcheck-bench.jar bench/ParquetCopy.java IN.csv OUT.parquet}
 */
public final class ParquetCopy {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ParquetCopy IN.csv OUT.parquet");
            System.exit(2);
        }
        String in = args[0].replace("'", "''");
        String out = args[1].replace("'", "''");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("SET preserve_insertion_order = true");
            s.execute("COPY (SELECT * FROM read_csv('" + in + "', header = true, all_varchar = true, quote = '\"', "
                    + "escape = '\"', delim = ',', new_line = '\\n')) TO '" + out + "' (FORMAT parquet, COMPRESSION snappy)");
        }
    }
}
