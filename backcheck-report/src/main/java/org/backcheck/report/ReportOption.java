package org.backcheck.report;

import java.util.Optional;

/**
 * One option of the report, as {@code backcheck audit} and the Spark job both take it. Each option's
 * value is checked here, once, so that both engines accept the same values and refuse the rest with
 * the same message (the CLI's picocli fields and the Spark job's argument loop only pass values on).
 * A new report option is a constant here, a use in {@link ReportRequest#options}, and a field in the
 * CLI's report options.
 */
public enum ReportOption {
    /** The heading of report.html. */
    TITLE("--title", "TEXT", false),
    /** A population file (CSV {@code org_code,year,population}) for rates per head. */
    POPULATION("--population", "FILE", false),
    /** Exact counts, for internal use only. */
    NO_DISCLOSURE_CONTROL("--no-disclosure-control", null, false),
    /** The months the report covers ({@link ReportPeriod#parse}). */
    PERIOD("--period", "PERIOD", false),
    /** A comparator rate per 1,000 records, e.g. a published national rate ({@link StatsOptions#rate}). */
    BENCHMARK("--benchmark", "RATE", false),
    /** A target rate per 1,000 records for the SPC assurance icon ({@link StatsOptions#rate}). */
    TARGET("--target", "RATE", false),
    /** SPC limits fixed from the first N months ({@link StatsOptions#baseline}). */
    SPC_BASELINE("--spc-baseline", "N", false),
    /** A month from which SPC limits are recalculated; repeatable ({@link StatsOptions#month}). */
    REBASE("--rebase", "YYYY-MM", true),
    /** How the commissioners' ratio funnel estimates overdispersion ({@link FunnelRatioMethod#parse}). */
    FUNNEL_RATIO_METHOD("--funnel-ratio-method", "shmi|cqc", false),
    /** An organisations file (names and parents; {@link Organisations}), repeatable: the files combine. */
    ORGANISATIONS("--organisations", "FILE", true);

    private final String optionName;
    private final String paramLabel;
    private final boolean repeatable;

    ReportOption(String optionName, String paramLabel, boolean repeatable) {
        this.optionName = optionName;
        this.paramLabel = paramLabel;
        this.repeatable = repeatable;
    }

    /** The option as typed, e.g. {@code --period}. */
    public String optionName() {
        return optionName;
    }

    /** What its value is, e.g. {@code FILE}; null for a flag, which takes no value. */
    public String paramLabel() {
        return paramLabel;
    }

    /** Whether a flag (no value). */
    public boolean isFlag() {
        return paramLabel == null;
    }

    /** Whether the option may be given more than once (each value is kept, in order). */
    public boolean repeatable() {
        return repeatable;
    }

    /** The option named {@code name} (as typed, e.g. {@code --period}), if it is a report option. */
    public static Optional<ReportOption> named(String name) {
        for (ReportOption o : values()) {
            if (o.optionName.equals(name)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Every report option as a usage line shows it, e.g. {@code " [--title TEXT] [--no-disclosure-control]"}. */
    public static String usage() {
        StringBuilder b = new StringBuilder();
        for (ReportOption o : values()) {
            b.append(" [").append(o.optionName);
            if (!o.isFlag()) {
                b.append(' ').append(o.paramLabel);
            }
            b.append(o.repeatable ? "]..." : "]");
        }
        return b.toString();
    }

    /**
     * Checks a value given for this option, so that a wrong one is refused before any data is read.
     *
     * @throws IllegalArgumentException naming the option and what it takes
     */
    void check(String value) {
        switch (this) {
            case NO_DISCLOSURE_CONTROL -> {
                if (value != null) {
                    throw new IllegalArgumentException(optionName + " takes no value");
                }
            }
            case PERIOD -> ReportPeriod.parse(value);
            case BENCHMARK, TARGET -> StatsOptions.rate(optionName, value);
            case SPC_BASELINE -> StatsOptions.baseline(value);
            case REBASE -> StatsOptions.month(value);
            case FUNNEL_RATIO_METHOD -> FunnelRatioMethod.parse(value);
            case TITLE, POPULATION, ORGANISATIONS -> {
                if (value == null || value.isBlank()) {
                    throw new IllegalArgumentException(optionName + " needs a value (" + paramLabel + ")");
                }
            }
        }
    }
}
