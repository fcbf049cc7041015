/**
 * What an audit run reports, whichever engine ran it: {@link org.backcheck.report.AuditFigures} in,
 * {@code summary.json} ({@link org.backcheck.report.SummaryJson}) and the shareable report
 * ({@code report.html}, {@code aggregates.csv}, {@code aggregates.json}: {@link org.backcheck.report.ReportFiles})
 * out, with the writers every output file goes through ({@link org.backcheck.report.OutputFile},
 * {@link org.backcheck.report.CsvOut}, {@link org.backcheck.report.JsonText}).
 *
 * <p>The report's statistics follow the conventions NHS analysts know, so that its figures read the same
 * as published ones: disclosure control as NHS Digital applies it to HES ({@link org.backcheck.report.Disclosure}),
 * funnel plots after Spiegelhalter (2005) as FunnelPlotR documents them ({@link org.backcheck.report.FunnelPlot}),
 * and XmR charts with NHS England's "Making Data Count" rules ({@link org.backcheck.report.SpcChart}).
 * Each method is written out step by step, with its sources, in {@code docs/methods.md}.
 * Plain Java on backcheck-core only: values are records, policies enums, and misuse throws
 * {@link IllegalArgumentException}.
 */
package org.backcheck.report;
