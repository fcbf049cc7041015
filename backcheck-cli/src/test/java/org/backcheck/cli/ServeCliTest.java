package org.backcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backcheck serve}'s terminology server options: listed in --help, and every mistake in them
 * refused before anything starts (so these run in this JVM: a serve that wrongly started would block,
 * and the time limit turns that into a failure), and the start-up line that names the server's host only.
 */
class ServeCliTest {

    private static final Duration REFUSED_AT_ONCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedConsole console = new CapturedConsole();

    /** Runs serve with a throwaway feedback database on a free port, plus {@code args}; expected to return, not to serve. */
    private int serve(String... args) {
        List<String> all = new ArrayList<>(List.of("serve", "--port", "0", "--db-url", "jdbc:sqlite:" + dir.resolve("feedback.db")));
        all.addAll(List.of(args));
        return assertTimeoutPreemptively(REFUSED_AT_ONCE, () -> Main.run(all.toArray(String[]::new)));
    }

    private Path tokenFile(String content) throws Exception {
        return Files.writeString(dir.resolve("token"), content);
    }

    @Test
    void helpListsBothTerminologyOptions() {
        assertThat(Main.run("serve", "--help")).isZero();
        assertThat(console.out()).contains("--terminology-url=URL").contains("--terminology-token-file=FILE")
                .contains("cached 24 h").contains("unclassified");
    }

    @Test
    void aNonHttpsTerminologyUrlIsRefusedAtStartWithWhatToChange() {
        assertThat(serve("--terminology-url", "http://tx.example.org/fhir")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--terminology-url").contains("must use https").contains("serve --help");
        assertThat(dir.resolve("feedback.db")).as("refused before anything was opened").doesNotExist();
    }

    @Test
    void aTerminologyUrlWithAPasswordIsRefusedWithoutRepeatingIt() {
        assertThat(serve("--terminology-url", "https://admin:hunter2@tx.example.org/fhir")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("user name or password").doesNotContain("hunter2");
    }

    @Test
    void anEmptyTokenFileIsRefused() throws Exception {
        Path token = tokenFile(" \n\t\n");
        assertThat(serve("--terminology-url", "https://tx.example.org/fhir", "--terminology-token-file", token.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--terminology-token-file").contains("is empty");
    }

    @Test
    void aMissingTokenFileIsAFileError() {
        Path none = dir.resolve("no-such-token");
        assertThat(serve("--terminology-url", "https://tx.example.org/fhir", "--terminology-token-file", none.toString()))
                .isEqualTo(ExitCodes.IO);
        assertThat(console.err()).contains("cannot read --terminology-token-file").contains("no such file");
    }

    @Test
    void aTokenThatCannotGoInAHeaderIsRefusedWithoutRepeatingIt() throws Exception {
        Path token = tokenFile("first-half second-half\n");
        assertThat(serve("--terminology-url", "https://tx.example.org/fhir", "--terminology-token-file", token.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--terminology-token-file").doesNotContain("first-half").doesNotContain("second-half");
    }

    @Test
    void aTokenFileWithoutAUrlIsRefused() throws Exception {
        Path token = tokenFile("abc\n");
        assertThat(serve("--terminology-token-file", token.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--terminology-token-file needs --terminology-url");
    }

    /** Issue 11 item 7: a missing --trusted-issuers file was an I/O error hinting at 'backcheck generate'. */
    @Test
    void aMissingTrustedIssuersFileIsAUsageErrorSayingWhatToDo() {
        Path none = dir.resolve("no-issuers.json");
        assertThat(serve("--trusted-issuers", none.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--trusted-issuers").contains(none.toString()).contains("no such file")
                .contains("serve --help").doesNotContain("generate").doesNotContain("internal error");
        assertThat(dir.resolve("feedback.db")).as("refused before anything was opened").doesNotExist();
    }

    /** Issue 11 item 7: a wrong entry in the file was an internal error with a stack trace. */
    @Test
    void aTrustedIssuersFileWithABadFieldNamesTheFileAndFieldAndExits2() throws Exception {
        Path file = Files.writeString(dir.resolve("issuers.json"),
                "{\"issuers\":[{\"iss\":\"https://ehr.example.org\",\"jwks_url\":\"http://ehr.example.org/jwks\"}]}");
        assertThat(serve("--trusted-issuers", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains(file.toString()).contains("issuers[0].jwks_url").contains("must be https")
                .doesNotContain("internal error").doesNotContain("\tat ").doesNotContain("    at ");
    }

    @Test
    void aTrustedIssuersFileThatIsNotJsonNamesTheLineAndExits2() throws Exception {
        Path file = Files.writeString(dir.resolve("issuers.json"), "{\n  \"issuers\": [\n    {\"iss\": \"x\",,}\n  ]\n}\n");
        assertThat(serve("--trusted-issuers", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains(file.toString()).contains("line 3").doesNotContain("internal error");
    }

    @Test
    void aTrustedIssuersPathThatIsAFolderIsAUsageError() {
        assertThat(serve("--trusted-issuers", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--trusted-issuers").contains("not a file").doesNotContain("internal error");
    }

    /** Issue 11 item 9: without --public-url the audience came from the Host header; now serve refuses to start. */
    @Test
    void trustedIssuersOnEveryInterfaceNeedAPublicUrl() {
        assertThat(serve("--host", "0.0.0.0", "--trusted-issuers", dir.resolve("issuers.json").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--public-url is required").contains("Host header");
        assertThat(dir.resolve("feedback.db")).as("refused before anything was opened").doesNotExist();
    }

    /** Issue 11 item 11: the allow-list of FHIR servers is in --help and checked before anything starts. */
    @Test
    void fhirServersAreListedInHelpAndAnHttpOneIsRefused() {
        assertThat(Main.run("serve", "--help")).isZero();
        assertThat(console.out()).contains("--fhir-servers=URL,...");
        assertThat(serve("--fhir-servers", "https://ehr.example.org/fhir,http://other.example.org/fhir")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--fhir-servers").contains("http://other.example.org/fhir").contains("https");
        assertThat(dir.resolve("feedback.db")).as("refused before anything was opened").doesNotExist();
    }

    /** Security review F7: unsigned calls on every interface let anyone on the network have serve fetch from local ports. */
    @Test
    void insecureDevOnEveryInterfaceIsRefused() {
        assertThat(serve("--host", "0.0.0.0", "--insecure-dev")).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--insecure-dev").contains("this machine only");
        assertThat(dir.resolve("feedback.db")).as("refused before anything was opened").doesNotExist();
    }

    @Test
    void helpListsTheDataFolderAndTheAdminToken() {
        assertThat(Main.run("serve", "--help")).isZero();
        assertThat(console.out()).contains("--data-dir=DIR").contains("XDG_DATA_HOME").contains("--admin-token-file=FILE")
                .contains("/api/feedback/summary");
    }

    @Test
    void anAdminTokenTooShortIsRefusedAtStartWithoutRepeatingIt() throws Exception {
        Path token = tokenFile("tok-abc\n");
        assertThat(serve("--admin-token-file", token.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(console.err()).contains("--admin-token-file " + token).contains("at least 16").contains("openssl rand")
                .doesNotContain("tok-abc");
        assertThat(dir.resolve("feedback.db")).as("refused before anything was opened").doesNotExist();
    }

    /** A separate JVM, since serve runs until it is stopped. The server is never called: the line is printed at start. */
    @Test
    void startUpNamesTheTerminologyServersHostOnlyAndNeverTheToken() throws Exception {
        Path token = tokenFile("s3cret-startup-token\n");
        Process serve = ChildJvm.java("org.backcheck.cli.Main", "serve", "--port", "0", "--db-url", "jdbc:sqlite:" + dir.resolve("feedback.db"),
                "--report", dir.resolve("report.html").toString(),
                "--terminology-url", "https://tx.example.org/fhir/tenant-7", "--terminology-token-file", token.toString())
                .redirectError(dir.resolve("serve.log").toFile()).start();
        List<String> lines = new ArrayList<>();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            for (String line = stdout.readLine(); line != null && lines.size() < 10; line = stdout.readLine()) {
                lines.add(line);
                if (line.contains("terminology server")) {
                    break;
                }
            }
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        }
        String output = String.join("\n", lines);
        String log = Files.readString(dir.resolve("serve.log"));
        assertThat(lines).as(output + "\n" + log).anySatisfy(line -> assertThat(line)
                .contains("terminology server at tx.example.org").contains("with a bearer token"));
        assertThat(output).doesNotContain("s3cret").doesNotContain("tenant-7");
        assertThat(log).doesNotContain("s3cret");
        assertThat(log).as("the warning without --fhir-servers").contains("no --fhir-servers");
    }
}
