/**
 * The measure as SQL for the analysts' own warehouses: {@link org.backcheck.measure.sql.MeasureSql}
 * walks the parsed {@link org.backcheck.measure.Measure} and writes one SELECT that gives every row of
 * an extract table the status and reason Backcheck's engine gives it, in T-SQL (the published text),
 * PostgreSQL, DuckDB or Spark SQL ({@link org.backcheck.measure.sql.SqlDialect}).
 * {@link org.backcheck.measure.sql.Verdict} states an engine outcome in the same terms, so the two can be
 * compared row by row. No third-party dependencies.
 */
package org.backcheck.measure.sql;
