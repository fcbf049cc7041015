package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 14: serve keeps its data, and finds the demo's report, in a data folder rather than the
 * working folder; './backcheck demo' then './backcheck serve' shows the demo's report wherever each was run.
 */
class DataDirTest {

    @TempDir
    Path dir;

    @Test
    void theDataFolderFollowsXdgThenTheHomeFolder() {
        assertThat(DataDir.resolve(null, Map.of("XDG_DATA_HOME", "/srv/xdg"), "/home/ann").path())
                .isEqualTo(Path.of("/srv/xdg/backcheck"));
        assertThat(DataDir.resolve(null, Map.of(), "/home/ann").path()).isEqualTo(Path.of("/home/ann/.local/share/backcheck"));
        assertThat(DataDir.resolve(null, Map.of("XDG_DATA_HOME", ""), "/home/ann").path())
                .as("empty: ignored").isEqualTo(Path.of("/home/ann/.local/share/backcheck"));
        assertThat(DataDir.resolve(null, Map.of("XDG_DATA_HOME", "rel/dir"), "/home/ann").path())
                .as("relative: ignored, as the XDG spec says").isEqualTo(Path.of("/home/ann/.local/share/backcheck"));
        assertThat(DataDir.resolve(Path.of("/opt/bc"), Map.of("XDG_DATA_HOME", "/srv/xdg"), "/home/ann").path())
                .as("--data-dir wins").isEqualTo(Path.of("/opt/bc"));
    }

    @Test
    void noRecordedDemoReportIsNoneNotAnError() {
        assertThat(new DataDir(dir.resolve("empty")).demoReport()).isNull();
    }

    /** Both commands in child JVMs with their own XDG_DATA_HOME and working folders, as a user would run them. */
    @Test
    void demoThenServeFromOtherFoldersShowsTheDemosReportAndKeepsFeedbackInTheDataFolder() throws Exception {
        Path xdg = dir.resolve("xdg");
        Path demoCwd = Files.createDirectories(dir.resolve("where-demo-ran"));
        Path serveCwd = Files.createDirectories(dir.resolve("where-serve-runs"));
        ProcessBuilder demo = ChildJvm.java("org.backcheck.cli.Main", "demo", "--rows", "3000")
                .directory(demoCwd.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("demo.log").toFile());
        demo.environment().put("XDG_DATA_HOME", xdg.toString());
        Process d = demo.start();
        assertThat(d.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(d.exitValue()).as(Files.readString(dir.resolve("demo.log"))).isZero();
        Path report = demoCwd.resolve("backcheck-demo/audit/report.html");
        assertThat(report).isRegularFile();

        ProcessBuilder pb = ChildJvm.java("org.backcheck.cli.Main", "serve", "--port", "0")
                .directory(serveCwd.toFile()).redirectError(dir.resolve("serve.log").toFile());
        pb.environment().put("XDG_DATA_HOME", xdg.toString());
        Process serve = pb.start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String line = stdout.readLine();
            assertThat(line).as(Files.readString(dir.resolve("serve.log"))).isNotNull();
            Matcher url = Pattern.compile("Backcheck is running at (http://127\\.0\\.0\\.1:\\d+/) .*").matcher(line);
            assertThat(url.matches()).as(line).isTrue();
            var shown = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.group(1)).resolve("/report"))
                    .timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.body()).isEqualTo(Files.readString(report));
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(xdg.resolve("backcheck/feedback.db")).isRegularFile();
        try (var left = Files.list(serveCwd)) {
            assertThat(left).as("nothing written where serve ran").isEmpty();
        }
    }
}
