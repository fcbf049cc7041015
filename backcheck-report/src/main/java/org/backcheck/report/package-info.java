/**
 * Statistics for the audit report (issue 5): disclosure control, funnel plots and SPC (XmR) charts,
 * following the reporting conventions analysts expect (docs/domain.md §3), so that figures Backcheck
 * publishes read the same as NHS Digital, FunnelPlotR and Making Data Count output. Plain Java with no
 * dependencies: values are records, policies enums, and misuse throws {@link IllegalArgumentException}.
 */
package org.backcheck.report;
