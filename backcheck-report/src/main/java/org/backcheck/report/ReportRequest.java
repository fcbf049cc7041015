package org.backcheck.report;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The report's options as the user gave them, whichever engine runs the audit: {@code backcheck
 * audit} builds one from its options, the Spark job from its arguments, and {@code audit --engine
 * spark} passes {@link #arguments()} on to the job. Values are checked as they are added
 * ({@link ReportOption}); files are read by {@link #options}.
 */
public final class ReportRequest implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code backcheck audit}'s default title. */
    public static final String DEFAULT_TITLE = "Low back pain imaging: EBI audit";

    /** Values by option, in the order given; a flag given holds one null. */
    private final EnumMap<ReportOption, List<String>> given;

    private ReportRequest(EnumMap<ReportOption, List<String>> given) {
        this.given = given;
    }

    /** The default report: the default title, disclosure controlled, no population, the period found from the data. */
    public static ReportRequest standard() {
        return new ReportRequest(new EnumMap<>(ReportOption.class));
    }

    /**
     * This request with {@code option} given: a repeatable option's value is added to those given
     * before, any other replaces its earlier value.
     *
     * @param value the value, or null for a flag
     * @throws IllegalArgumentException when the value is not one the option takes
     */
    public ReportRequest with(ReportOption option, String value) {
        option.check(value);
        EnumMap<ReportOption, List<String>> copy = new EnumMap<>(ReportOption.class);
        given.forEach((o, v) -> copy.put(o, new ArrayList<>(v)));
        List<String> values = copy.computeIfAbsent(option, o -> new ArrayList<>());
        if (!option.repeatable()) {
            values.clear();
        }
        values.add(value);
        return new ReportRequest(copy);
    }

    /** This request with a flag given (or not, when {@code on} is false). */
    public ReportRequest withFlag(ReportOption flag, boolean on) {
        if (!flag.isFlag()) {
            throw new IllegalArgumentException(flag.optionName() + " is not a flag");
        }
        return on ? with(flag, null) : this;
    }

    /** This request with a value given when it is not null (for options left out). */
    public ReportRequest withIfGiven(ReportOption option, String value) {
        return value == null ? this : with(option, value);
    }

    /** This request with each of the values given for a repeatable option, in order. */
    public ReportRequest withAll(ReportOption option, List<String> values) {
        ReportRequest r = this;
        for (String v : values) {
            r = r.with(option, v);
        }
        return r;
    }

    /** Whether the option was given. */
    public boolean has(ReportOption option) {
        return given.containsKey(option);
    }

    /** The option's value, when given (the last one for a repeatable option). */
    public Optional<String> value(ReportOption option) {
        List<String> v = given.get(option);
        return v == null ? Optional.empty() : Optional.ofNullable(v.get(v.size() - 1));
    }

    /** Every value given for the option, in order. */
    public List<String> values(ReportOption option) {
        List<String> v = given.get(option);
        return v == null ? List.of() : Collections.unmodifiableList(v);
    }

    public String title() {
        return value(ReportOption.TITLE).orElse(DEFAULT_TITLE);
    }

    public boolean disclosureControl() {
        return !has(ReportOption.NO_DISCLOSURE_CONTROL);
    }

    /** The options as arguments, to pass on to another engine: each value as given, in the options' order. */
    public List<String> arguments() {
        return arguments((option, value) -> value);
    }

    /**
     * The options as a report's provenance records them: as {@link #arguments()}, but a file's path
     * cut to its name, so that a shared report does not show the folders of the machine it was made on.
     */
    public List<String> provenanceArguments() {
        return arguments((option, value) -> "FILE".equals(option.paramLabel()) ? InputDigest.name(Path.of(value)) : value);
    }

    private List<String> arguments(java.util.function.BiFunction<ReportOption, String, String> shown) {
        List<String> args = new ArrayList<>();
        given.forEach((o, values) -> values.forEach(v -> {
            args.add(o.optionName());
            if (v != null) {
                args.add(shown.apply(o, v));
            }
        }));
        return args;
    }

    /**
     * The report's options, with every file read and checked (so call it before the extract is
     * read: a bad file costs no audit).
     *
     * @param sampleData whether the report is of sample data
     * @throws InvalidPopulationFileException when the population file cannot be used
     * @throws InvalidOrganisationsFileException when an organisations file cannot be used
     */
    public ImagingReport.Options options(boolean sampleData) throws IOException {
        Optional<String> populationFile = value(ReportOption.POPULATION);
        Optional<Population> population = populationFile.isPresent()
                ? Optional.of(Population.read(Path.of(populationFile.get()))) : Optional.empty();
        Optional<YearMonth[]> period = value(ReportOption.PERIOD).map(ReportPeriod::parse);
        List<String> organisationFiles = values(ReportOption.ORGANISATIONS);
        Organisations organisations = organisationFiles.isEmpty() ? Organisations.none()
                : Organisations.read(organisationFiles.stream().map(Path::of).toList());
        return new ImagingReport.Options(title(), sampleData, disclosureControl() ? Disclosure.CONTROLLED : Disclosure.NONE,
                population, period, organisations, provenanceArguments(), StatsOptions.of(this));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportRequest r && r.given.equals(given);
    }

    @Override
    public int hashCode() {
        return Objects.hash(given);
    }

    @Override
    public String toString() {
        return "ReportRequest" + arguments();
    }

    /** For tests and messages: the values by option. */
    Map<ReportOption, List<String>> given() {
        return Collections.unmodifiableMap(given);
    }
}
