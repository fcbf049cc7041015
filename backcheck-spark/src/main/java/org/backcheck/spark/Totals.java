package org.backcheck.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.backcheck.classify.Status;
import org.backcheck.report.Activity;
import org.backcheck.report.AgeBand;
import org.backcheck.report.StatusCounts;

/**
 * The run's counts, added up over all tasks: the {@code count}, {@code detail}, {@code exclusion}
 * and {@code figure} rows of {@link Verdicts}, summed by their keys on the cluster and collected.
 * Three of them count the same rows apart (records read; records by status and reason; records by
 * provider and month), which the reconciliation compares.
 */
final class Totals {

    static final StructType BY_PROVIDER_MONTH = new StructType()
            .add("provider", DataTypes.StringType, false)
            .add("month", DataTypes.StringType, false)
            .add("rows", DataTypes.LongType, false)
            .add("counted", DataTypes.LongType, false)
            .add("excluded", DataTypes.LongType, false)
            .add("unmatched", DataTypes.LongType, false)
            .add("rejected", DataTypes.LongType, false);

    static final StructType BY_STATUS = new StructType()
            .add("status", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, false)
            .add("field", DataTypes.StringType, false)
            .add("rows", DataTypes.LongType, false);

    /** Provider, then month, to counts by status. */
    final Map<String, Map<String, long[]>> byProviderMonth = new TreeMap<>();
    /** Status, reason, field to rows. */
    final Map<List<String>, Long> byStatus = new TreeMap<>(Totals::compareKeys);
    final Map<String, Long> excludedByReason = new LinkedHashMap<>();
    final Map<String, Long> figures = new LinkedHashMap<>();
    /** The report's cells: organisation, then month, to counts indexed age band × status. */
    final Map<String, Map<String, long[]>> providerCells = new TreeMap<>();
    final Map<String, Map<String, long[]>> commissionerCells = new TreeMap<>();
    /** By treatment function code, as the cells above. */
    final Map<String, Map<String, long[]>> specialtyCells = new TreeMap<>();

    /**
     * @param rows the summed rows: kind, status, reason, field, provider, month, n
     * @param exclusions the measure's exclusion names, in definition order
     */
    static Totals of(List<Row> rows, List<String> exclusions) {
        Totals t = new Totals();
        exclusions.forEach(e -> t.excludedByReason.put(e, 0L));
        for (Row r : rows) {
            String kind = r.getString(0);
            long n = r.getLong(6);
            switch (kind) {
                case Verdicts.COUNT -> t.byProviderMonth.computeIfAbsent(r.getString(4), p -> new TreeMap<>())
                        .computeIfAbsent(r.getString(5), m -> new long[Status.values().length])[status(r.getString(1))] += n;
                case Verdicts.DETAIL -> t.byStatus.merge(List.of(r.getString(1), r.getString(2), r.getString(3)), n, Long::sum);
                case Verdicts.EXCLUSION -> t.excludedByReason.merge(r.getString(2), n, Long::sum);
                case Verdicts.FIGURE -> t.figures.merge(r.getString(3), n, Long::sum);
                case Verdicts.PROVIDER_CELL -> cell(t.providerCells, r, n);
                case Verdicts.COMMISSIONER_CELL -> cell(t.commissionerCells, r, n);
                case Verdicts.SPECIALTY_CELL -> cell(t.specialtyCells, r, n);
                default -> throw new IllegalStateException("unknown kind of total: " + kind);
            }
        }
        return t;
    }

    /** A cell row: status, age band label (in {@code field}), organisation (in {@code provider}), month. */
    private static void cell(Map<String, Map<String, long[]>> cells, Row r, long n) {
        int band = AgeBand.ofLabel(r.getString(3)).ordinal();
        cells.computeIfAbsent(r.getString(4), o -> new TreeMap<>())
                .computeIfAbsent(r.getString(5), m -> new long[AgeBand.values().length * STATUSES])[band * STATUSES
                + status(r.getString(1))] += n;
    }

    private static final int STATUSES = Status.values().length;

    /** The report's figures: cells sorted by organisation, month and age band, as the single-machine audit sorts them. */
    Activity activity(boolean hasProvider, boolean hasCommissioner, boolean hasDate, boolean hasSpecialty) {
        return new Activity(hasProvider, hasCommissioner, hasDate, Activity.cells(providerCells), Activity.cells(commissionerCells),
                hasSpecialty, hasSpecialty ? Activity.cells(specialtyCells) : java.util.List.of());
    }

    /** Records by status, from the report's provider cells. */
    long[] statusesByProviderCell() {
        return statusesOfCells(providerCells);
    }

    /** Records by status, from the report's treatment function cells. */
    long[] statusesBySpecialtyCell() {
        return statusesOfCells(specialtyCells);
    }

    /** Records by status, from the report's commissioner cells. */
    long[] statusesByCommissionerCell() {
        return statusesOfCells(commissionerCells);
    }

    private static long[] statusesOfCells(Map<String, Map<String, long[]>> cells) {
        long[] s = new long[STATUSES];
        cells.values().forEach(months -> months.values().forEach(c -> {
            for (int i = 0; i < c.length; i++) {
                s[i % STATUSES] += c[i];
            }
        }));
        return s;
    }

    long figure(String name) {
        return figures.getOrDefault(name, 0L);
    }

    /** Records by status, from the status-and-reason counts. */
    long[] statusesByReason() {
        long[] s = new long[Status.values().length];
        byStatus.forEach((key, n) -> s[status(key.get(0))] += n);
        return s;
    }

    /** Records by status, from the provider-and-month counts. */
    long[] statusesByProviderMonth() {
        long[] s = new long[Status.values().length];
        byProviderMonth.values().forEach(months -> months.values().forEach(c -> {
            for (int i = 0; i < s.length; i++) {
                s[i] += c[i];
            }
        }));
        return s;
    }

    List<Row> providerMonthRows() {
        List<Row> out = new ArrayList<>();
        byProviderMonth.forEach((provider, months) -> months.forEach((month, c) -> {
            StatusCounts s = StatusCounts.of(c);
            out.add(RowFactory.create(provider, month, s.rows(), s.counted(), s.excluded(), s.unmatched(), s.rejected()));
        }));
        return out;
    }

    List<Row> statusRows() {
        List<Row> out = new ArrayList<>();
        byStatus.forEach((key, n) -> out.add(RowFactory.create(key.get(0), key.get(1), key.get(2), n)));
        return out;
    }

    private static int status(String id) {
        return Status.valueOf(id.toUpperCase(java.util.Locale.ROOT)).ordinal();
    }

    /** Statuses in their order (counted, excluded, unmatched, rejected), then reason and field. */
    private static int compareKeys(List<String> a, List<String> b) {
        int c = Integer.compare(status(a.get(0)), status(b.get(0)));
        for (int i = 1; c == 0 && i < a.size(); i++) {
            c = a.get(i).compareTo(b.get(i));
        }
        return c;
    }

    @Override
    public String toString() {
        return "statuses by reason " + Arrays.toString(statusesByReason()) + ", by provider and month "
                + Arrays.toString(statusesByProviderMonth()) + ", by provider cell " + Arrays.toString(statusesByProviderCell())
                + ", by commissioner cell " + Arrays.toString(statusesByCommissionerCell()) + ", by specialty cell "
                + Arrays.toString(statusesBySpecialtyCell()) + ", figures " + figures;
    }
}
