package org.backcheck.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests: Debian's own binaries ({@code apt-get install
 * postgresql-15}), a fresh cluster in a temporary directory, trust authentication, listening on a
 * free port of 127.0.0.1 only, durability off. {@link #close()} stops it and deletes the directory.
 *
 * <p>Why not an embedded-PostgreSQL library: those run {@code initdb} as the current user, and
 * {@code initdb} refuses to run as root, which is what CI runs as. As root, this class runs the
 * server as the {@code postgres} system user (created by the Debian package) via {@code runuser}.
 *
 * <p>Missing binaries are an error, not a reason to skip: a differential test that silently does
 * not run proves nothing.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final String SYSTEM_USER = "postgres";
    private static final long START_TIMEOUT_MS = 60_000;

    private final Path dir;
    private final Path data;
    private final Path bin;
    private final boolean asSystemUser;
    private final int port;
    private final Process server;
    private final Thread shutdownHook;

    private LocalPostgres(Path bin) throws IOException {
        this.bin = bin;
        this.asSystemUser = isRoot();
        this.dir = Files.createTempDirectory("backcheck-pg");
        this.data = dir.resolve("data");
        try {
            if (asSystemUser) {
                giveToSystemUser(dir);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", "postgres",
                    "-E", "UTF8", "--locale=C", "--no-sync"), "initdb");
        } catch (IOException | RuntimeException | Error e) {
            deleteRecursively(dir);
            throw e;
        }
        this.port = freePort();
        List<String> command = command(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        this.server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        this.shutdownHook = new Thread(this::stopQuietly, "stop-local-postgres");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        awaitConnections();
    }

    /**
     * Starts a server. Fails (never skips) when PostgreSQL is not installed, saying how to install it.
     */
    public static LocalPostgres start() throws IOException {
        return new LocalPostgres(findBinaries());
    }

    /** A new connection to the {@code postgres} database as the superuser {@code postgres}. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The server's version line, e.g. {@code PostgreSQL 15.14 (Debian 15.14-0+deb12u1) ...}. */
    public String version() throws SQLException {
        try (Connection c = connect(); var s = c.createStatement(); var r = s.executeQuery("select version()")) {
            r.next();
            return r.getString(1);
        }
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
        deleteRecursively(dir);
    }

    private static Path findBinaries() {
        List<Path> candidates = new ArrayList<>();
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
                versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb"))
                                && Files.isExecutable(b.resolve("postgres")))
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // The newest major version installed: compare numerically, so 15 comes after 9.6.
        return candidates.stream()
                .max(Comparator.comparingDouble(b -> majorVersion(b.getParent().getFileName().toString())))
                .orElseThrow(() -> new AssertionError("PostgreSQL server binaries not found under " + DEBIAN_ROOT
                        + "/*/bin (initdb and postgres). Install them with `apt-get install postgresql-15` "
                        + "(or run `.ci/run`, which installs them); this test needs a real PostgreSQL "
                        + "and does not skip."));
    }

    private static double majorVersion(String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** As root: prefix the command with {@code runuser -u postgres --}; otherwise run it as is. */
    private List<String> command(List<String> command) {
        if (!asSystemUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of(runuser(), "-u", SYSTEM_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static String runuser() {
        for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "runuser";
    }

    private static void giveToSystemUser(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName(SYSTEM_USER);
            group = lookup.lookupPrincipalByGroupName(SYSTEM_USER);
        } catch (IOException e) {
            throw new AssertionError("running as root, and there is no '" + SYSTEM_USER + "' system user to run "
                    + "PostgreSQL as (initdb refuses root). Install PostgreSQL with `apt-get install postgresql-15`, "
                    + "which creates that user.", e);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    private void run(List<String> command, String what) throws IOException {
        Path log = dir.resolve(what + ".log");
        Process p = new ProcessBuilder(command(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish in 120 s:\n" + tail(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + what, e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + ":\n" + tail(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitConnections() throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        SQLException last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("postgres exited with code " + server.exitValue() + " while starting:\n"
                        + tail(dir.resolve("server.log")));
            }
            try (Connection c = connect()) {
                if (c.isValid(5)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IOException("interrupted while waiting for postgres", e);
            }
        }
        close();
        throw new IllegalStateException("postgres did not accept connections on " + jdbcUrl() + " within "
                + START_TIMEOUT_MS / 1000 + " s; last error: " + last);
    }

    private void stopQuietly() {
        if (!server.isAlive()) {
            return;
        }
        try {
            // Fast shutdown: roll back sessions, stop at once. pg_ctl waits for it.
            run(List.of(bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast", "-w"),
                    "pg_ctl-stop");
            server.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            // fall through to killing it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (server.isAlive()) {
            server.destroyForcibly();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // best effort: a temp directory left behind is harmless
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
