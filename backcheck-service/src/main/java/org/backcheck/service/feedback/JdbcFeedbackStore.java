package org.backcheck.service.feedback;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * {@link FeedbackStore} over JDBC: a SQLite file by default, or PostgreSQL. The schema is created
 * and upgraded by Flyway from {@code db/migration} (portable SQL, the same scripts on both) when the
 * store opens. Connections are pooled by HikariCP; SQLite gets a single connection, since it allows
 * one writer at a time.
 */
public final class JdbcFeedbackStore implements FeedbackStore {

    /** Environment variables read for the PostgreSQL user and password (the URL may carry them instead). */
    public static final String ENV_USER = "BACKCHECK_DB_USER";
    public static final String ENV_PASSWORD = "BACKCHECK_DB_PASSWORD";

    private static final long DAY_MS = 86_400_000L;

    private final HikariDataSource pool;
    private final String description;

    private JdbcFeedbackStore(HikariConfig config, String description) {
        this.description = description;
        try {
            this.pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new FeedbackStoreException("cannot open the feedback database " + description + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration")
                    .table("backcheck_schema_history").load().migrate();
        } catch (FlywayException e) {
            pool.close();
            throw new FeedbackStoreException("cannot prepare the feedback database " + description + ": " + rootMessage(e), e);
        }
    }

    /**
     * Opens the store the {@code serve --db-url} option names.
     *
     * @param dbUrl {@code jdbc:sqlite:FILE} (serve's default is feedback.db in its data folder); or
     *              {@code jdbc:postgresql://host:port/db} (user and password from the URL's
     *              parameters, or from {@link #ENV_USER} / {@link #ENV_PASSWORD} in {@code env})
     * @throws IllegalArgumentException any other URL, or none
     * @throws FeedbackStoreException   the database cannot be opened or migrated
     */
    public static JdbcFeedbackStore open(String dbUrl, Map<String, String> env) {
        if (dbUrl == null || dbUrl.isBlank()) {
            throw new IllegalArgumentException("name the feedback database: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        }
        if (dbUrl.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(dbUrl.substring("jdbc:sqlite:".length())));
        }
        if (dbUrl.startsWith("jdbc:postgresql:")) {
            return postgres(dbUrl, env.get(ENV_USER), env.get(ENV_PASSWORD));
        }
        throw new IllegalArgumentException("the feedback database URL must start with jdbc:postgresql: or jdbc:sqlite:, "
                + "not " + dbUrl.replaceAll("password=[^&]*", "password=***"));
    }

    /** A SQLite file, created with its folder if missing. */
    public static JdbcFeedbackStore sqlite(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw new FeedbackStoreException("cannot create the folder for the feedback database " + absolute, e);
        }
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:sqlite:" + absolute);
        c.setDriverClassName("org.sqlite.JDBC");
        c.setMaximumPoolSize(1);
        c.setPoolName("backcheck-feedback-sqlite");
        c.addDataSourceProperty("foreign_keys", "true");
        c.addDataSourceProperty("busy_timeout", "5000");
        c.addDataSourceProperty("journal_mode", "WAL");
        return new JdbcFeedbackStore(c, absolute.toString());
    }

    /** A PostgreSQL database; user and password may be null when the URL carries them. */
    public static JdbcFeedbackStore postgres(String jdbcUrl, String user, String password) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setDriverClassName("org.postgresql.Driver");
        if (user != null) {
            c.setUsername(user);
        }
        if (password != null) {
            c.setPassword(password);
        }
        c.setMaximumPoolSize(4);
        c.setConnectionTimeout(10_000);
        c.setPoolName("backcheck-feedback-postgres");
        return new JdbcFeedbackStore(c, jdbcUrl.replaceAll("password=[^&]*", "password=***"));
    }

    @Override
    public void record(String serviceId, List<FeedbackEntry> entries, String issuer, String tenant, Instant receivedAt) {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(receivedAt, "receivedAt");
        String insertFeedback = "INSERT INTO cds_feedback (feedback_id, service_id, card_uuid, outcome, override_code, "
                + "override_system, override_display, user_comment, outcome_at, outcome_epoch_ms, received_at, "
                + "received_epoch_ms, caller_iss, caller_tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String insertSuggestion = "INSERT INTO cds_feedback_suggestion (feedback_id, ordinal, suggestion_id) VALUES (?, ?, ?)";
        inTransaction("store feedback", c -> {
            try (PreparedStatement f = c.prepareStatement(insertFeedback);
                 PreparedStatement s = c.prepareStatement(insertSuggestion)) {
                for (FeedbackEntry e : entries) {
                    String id = UUID.randomUUID().toString();
                    Coding reason = e.overrideReasonCode();
                    f.setString(1, id);
                    f.setString(2, serviceId);
                    f.setString(3, e.card().toString());
                    f.setString(4, e.outcome().code());
                    setNullable(f, 5, reason == null ? null : reason.code());
                    setNullable(f, 6, reason == null ? null : reason.system());
                    setNullable(f, 7, reason == null ? null : reason.display());
                    setNullable(f, 8, e.userComment());
                    f.setString(9, e.outcomeTimestamp().toString());
                    f.setLong(10, e.outcomeTimestamp().toEpochMilli());
                    f.setString(11, receivedAt.toString());
                    f.setLong(12, receivedAt.toEpochMilli());
                    setNullable(f, 13, issuer);
                    setNullable(f, 14, tenant);
                    f.addBatch();
                    for (int i = 0; i < e.acceptedSuggestionIds().size(); i++) {
                        s.setString(1, id);
                        s.setInt(2, i);
                        s.setString(3, e.acceptedSuggestionIds().get(i));
                        s.addBatch();
                    }
                }
                f.executeBatch();
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void recordCardsIssued(Map<String, Long> counts, Instant at) {
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            Objects.requireNonNull(e.getKey(), "serviceId");
            if (e.getValue() < 0) {
                throw new IllegalArgumentException("count must not be negative: " + e.getValue());
            }
        }
        // INSERT ... ON CONFLICT DO UPDATE: SQLite 3.24+ and PostgreSQL 9.5+ spell it alike.
        String upsert = "INSERT INTO cds_cards_issued (service_id, epoch_day, cards) VALUES (?, ?, ?) "
                + "ON CONFLICT (service_id, epoch_day) DO UPDATE SET cards = cds_cards_issued.cards + excluded.cards";
        inTransaction("count cards issued", c -> {
            try (PreparedStatement p = c.prepareStatement(upsert)) {
                for (Map.Entry<String, Long> e : counts.entrySet()) {
                    if (e.getValue() > 0) {
                        p.setString(1, e.getKey());
                        p.setLong(2, Math.floorDiv(at.toEpochMilli(), DAY_MS));
                        p.setLong(3, e.getValue());
                        p.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    @Override
    public FeedbackSummary summary(SummaryPeriod period) {
        Objects.requireNonNull(period, "period");
        // Group by UTC day in SQL (integer division works alike on both databases), then by period here:
        // the rows are few (days x services x reasons), whatever the number of feedback elements.
        String outcomes = "SELECT service_id, outcome_epoch_ms / " + DAY_MS + " AS epoch_day, outcome, override_code, "
                + "override_system, MAX(override_display), COUNT(*) FROM cds_feedback "
                + "GROUP BY service_id, outcome_epoch_ms / " + DAY_MS + ", outcome, override_code, override_system";
        String cards = "SELECT service_id, epoch_day, cards FROM cds_cards_issued";
        return inTransaction("summarise feedback", c -> {
            Map<String, Map<String, Acc>> byPeriod = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement(cards); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    acc(byPeriod, period, r.getLong(2), r.getString(1)).cards += r.getLong(3);
                }
            }
            try (PreparedStatement p = c.prepareStatement(outcomes); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    Acc a = acc(byPeriod, period, r.getLong(2), r.getString(1));
                    long n = r.getLong(7);
                    if (Outcome.ACCEPTED.code().equals(r.getString(3))) {
                        a.accepted += n;
                    } else {
                        a.overridden += n;
                        a.reasons.merge(new ReasonKey(r.getString(4), r.getString(5)), new Reason(r.getString(6), n),
                                (x, y) -> new Reason(x.display != null ? x.display : y.display, x.count + y.count));
                    }
                }
            }
            List<FeedbackSummary.PeriodSummary> periods = new ArrayList<>();
            byPeriod.forEach((label, services) -> {
                List<FeedbackSummary.ServiceSummary> list = new ArrayList<>();
                services.forEach((service, a) -> list.add(a.summary(service)));
                periods.add(new FeedbackSummary.PeriodSummary(label, list));
            });
            return new FeedbackSummary(period, periods);
        });
    }

    @Override
    public List<StoredFeedback> feedback(String serviceId) {
        String select = "SELECT feedback_id, card_uuid, outcome, override_code, override_system, override_display, "
                + "user_comment, outcome_at, received_at, caller_iss, caller_tenant FROM cds_feedback WHERE service_id = ? "
                + "ORDER BY outcome_epoch_ms, received_epoch_ms, card_uuid";
        String suggestions = "SELECT feedback_id, suggestion_id FROM cds_feedback_suggestion s WHERE EXISTS "
                + "(SELECT 1 FROM cds_feedback f WHERE f.feedback_id = s.feedback_id AND f.service_id = ?) "
                + "ORDER BY feedback_id, ordinal";
        return inTransaction("read feedback", c -> {
            Map<String, List<String>> accepted = new LinkedHashMap<>();
            try (PreparedStatement p = c.prepareStatement(suggestions)) {
                p.setString(1, serviceId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        accepted.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
                    }
                }
            }
            List<StoredFeedback> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(select)) {
                p.setString(1, serviceId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String code = r.getString(4);
                        Coding reason = code == null ? null : new Coding(code, r.getString(5), r.getString(6));
                        FeedbackEntry e = new FeedbackEntry(UUID.fromString(r.getString(2)),
                                Outcome.of(r.getString(3)), accepted.getOrDefault(r.getString(1), List.of()), reason,
                                r.getString(7), Instant.parse(r.getString(8)));
                        out.add(new StoredFeedback(serviceId, e, r.getString(10), r.getString(11),
                                Instant.parse(r.getString(9))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "feedback store " + description;
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T inTransaction(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new FeedbackStoreException("could not " + what + " in " + description + ": " + describe(e), e);
        }
    }

    /**
     * A database error for the log: its first line and SQLState only. PostgreSQL's driver adds "Detail:" and
     * "Where:" lines that can quote the row's values (a clinician's comment, say), which are not for the log
     * (issue 11 security review F10).
     */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().strip();
        int end = message.indexOf('\n');
        String first = end < 0 ? message : message.substring(0, end).strip();
        return first + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")");
    }

    private static void setNullable(PreparedStatement p, int i, String value) throws SQLException {
        if (value == null) {
            p.setNull(i, Types.VARCHAR);
        } else {
            p.setString(i, value);
        }
    }

    private static Acc acc(Map<String, Map<String, Acc>> byPeriod, SummaryPeriod period, long epochDay, String service) {
        return byPeriod.computeIfAbsent(period.label(LocalDate.ofEpochDay(epochDay)), k -> new TreeMap<>())
                .computeIfAbsent(service, k -> new Acc());
    }

    private record ReasonKey(String code, String system) {}

    private record Reason(String display, long count) {}

    private static final class Acc {
        long cards;
        long accepted;
        long overridden;
        final Map<ReasonKey, Reason> reasons = new LinkedHashMap<>();

        FeedbackSummary.ServiceSummary summary(String service) {
            List<FeedbackSummary.ReasonCount> list = new ArrayList<>();
            reasons.forEach((k, v) -> list.add(new FeedbackSummary.ReasonCount(k.code(), k.system(), v.display(), v.count())));
            list.sort(Comparator.comparingLong(FeedbackSummary.ReasonCount::count).reversed()
                    .thenComparing(r -> r.code() == null ? "" : r.code()));
            return new FeedbackSummary.ServiceSummary(service, cards, accepted, overridden, list);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
    }
}
