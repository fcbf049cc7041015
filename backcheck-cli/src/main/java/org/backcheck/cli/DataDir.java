package org.backcheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Where Backcheck keeps what outlives one command: serve's feedback database and the path of the latest demo
 * report (which serve shows at /report), so that neither depends on the folder a command is run from.
 *
 * <p>{@code --data-dir}, else {@code $XDG_DATA_HOME/backcheck}, else {@code ~/.local/share/backcheck}: the
 * XDG Base Directory Specification's place for user data, which also says to ignore an empty or relative
 * {@code XDG_DATA_HOME}.
 *
 * @param path the folder (created when something is first written to it)
 */
record DataDir(Path path) {

    /** The file, in the data folder, that holds the absolute path of the latest demo report. */
    static final String DEMO_REPORT_POINTER = "latest-demo-report.txt";

    /** The folder for {@code option} (may be null), the environment and the user's home folder. */
    static DataDir resolve(Path option, Map<String, String> env, String userHome) {
        if (option != null) {
            return new DataDir(option.toAbsolutePath());
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return new DataDir(Path.of(xdg, "backcheck"));
        }
        return new DataDir(Path.of(userHome, ".local", "share", "backcheck"));
    }

    /** The folder for {@code option} in this process's environment. */
    static DataDir resolve(Path option) {
        return resolve(option, System.getenv(), System.getProperty("user.home"));
    }

    /** serve's default feedback database. */
    Path feedbackDb() {
        return path.resolve("feedback.db");
    }

    /** Remembers {@code report} as the latest demo report (replacing the pointer in one step, never half-written). */
    void recordDemoReport(Path report) throws IOException {
        Files.createDirectories(path);
        Path pointer = path.resolve(DEMO_REPORT_POINTER);
        Path temp = Files.createTempFile(path, DEMO_REPORT_POINTER, ".tmp");
        try {
            Files.writeString(temp, report.toAbsolutePath() + "\n", StandardCharsets.UTF_8);
            Files.move(temp, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The latest demo report's path, or null when no demo has recorded one (or the record cannot be read). */
    Path demoReport() {
        Path pointer = path.resolve(DEMO_REPORT_POINTER);
        try {
            if (!Files.isRegularFile(pointer) || Files.size(pointer) > 8192) {
                return null;
            }
            String line = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            return line.isEmpty() ? null : Path.of(line);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
