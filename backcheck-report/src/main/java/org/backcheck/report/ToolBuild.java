package org.backcheck.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The Backcheck build that made a report: its version and the git commit it was built from, as
 * the build recorded them in {@code build.properties} beside this class (written by the
 * maven-antrun-plugin in backcheck-report's pom.xml from {@code git rev-parse HEAD}). A build from a
 * folder without git history says "commit unknown"; a build from a tree with uncommitted changes
 * adds "+ uncommitted changes".
 *
 * @param version the Maven version, e.g. 0.1.0-SNAPSHOT
 * @param commit  the full commit hash, or "unknown"
 */
public record ToolBuild(String version, String commit) {

    /** What is said when the build could not tell. */
    public static final String UNKNOWN = "unknown";

    private static final ToolBuild CURRENT = read();

    /** This build. */
    public static ToolBuild current() {
        return CURRENT;
    }

    /** "0.1.0-SNAPSHOT, commit 1a2b…" as the report's footer says it. */
    public String describe() {
        return "Backcheck " + version + ", commit " + commit;
    }

    private static ToolBuild read() {
        Properties p = new Properties();
        try (InputStream in = ToolBuild.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // A jar that cannot be read here could not have loaded this class; say unknown rather than fail a report.
        }
        return new ToolBuild(known(p.getProperty("version")), known(p.getProperty("commit")));
    }

    /** A value the build filled in; a blank one, or a placeholder left unfilled, is unknown. */
    static String known(String value) {
        return value == null || value.isBlank() || value.contains("${") ? UNKNOWN : value.strip();
    }
}
