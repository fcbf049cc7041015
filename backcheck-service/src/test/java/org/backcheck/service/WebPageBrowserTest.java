package org.backcheck.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backcheck.guidance.Assessment;
import org.backcheck.guidance.AssessmentRequest;
import org.backcheck.guidance.Assessor;
import org.backcheck.guidance.HlaB27;
import org.backcheck.guidance.PatientInformation;
import org.backcheck.guidance.RedFlag;
import org.backcheck.guidance.RedFlags;
import org.backcheck.guidance.Setting;
import org.backcheck.guidance.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real browser: Debian's Chromium, headless, driven by Selenium through Debian's
 * chromedriver. Both paths are given, so Selenium Manager (which would download a driver) never
 * runs; the surefire configuration also sets SE_OFFLINE for it. Screenshots go to
 * {@code target/screenshots/}.
 */
class WebPageBrowserTest {

    /** Debian's packages' paths; the properties exist to check that a missing browser fails the build. */
    static final Path CHROMIUM = Path.of(System.getProperty("backcheck.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("backcheck.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static BackcheckServer server;
    private static ChromeDriver browser;
    private static Path profile;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ". Run ./run-tests (it installs them) or: apt-get install chromium chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        server = new BackcheckServer(Assessor.standard(), line -> { }).start(0);
        profile = Files.createTempDirectory("backcheck-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--window-size=1280,1600",
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        // The page rebuilds its result as answers change: an element may be replaced while a wait reads it.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void openThePage() {
        browser.get(server.uri().toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
    }

    private WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private void type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
    }

    private String awaitRecommendation(String expected) {
        wait.until(d -> {
            List<WebElement> r = d.findElements(By.id("recommendation"));
            return !r.isEmpty() && expected.equals(r.get(0).getDomAttribute("data-recommendation"));
        });
        return settledText("recommendation");
    }

    /**
     * An element's text once it holds every fragment. The page rebuilds its result as answers change,
     * so an element found a moment ago may already have been replaced: it is looked up afresh on each
     * try. After the wait's timeout the text as it stands is returned, for the assertion to report.
     */
    private String settledText(String id, String... fragments) {
        try {
            return wait.until(d -> {
                String text = d.findElement(By.id(id)).getText();
                for (String f : fragments) {
                    if (!text.contains(f)) {
                        return null;
                    }
                }
                return text;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            return browser.findElement(By.id(id)).getText();
        }
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** The red-flag groups, in checklist order. */
    static final List<String> GROUPS = AssessmentJson.SCREENING_GROUPS;

    /** Scrolls an element to the middle of the screen first: a sticky summary must not be what gets the click. */
    private void click(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center'});", element);
        element.click();
    }

    /** Answers one red-flag group, by its label, as a clinician would: not_asked, absent or present. */
    private void answer(String group, String value) {
        click(browser.findElement(By.cssSelector("label[for='scr-" + group + "-" + value + "']")));
        wait.until(d -> d.findElement(By.id("scr-" + group + "-" + value)).isSelected());
    }

    private void answerAll(String value, List<String> groups) {
        for (String g : groups) {
            answer(g, value);
        }
    }

    /** Opens a folded part of the result (Why, What to do, Sources) if it is closed. */
    private void unfold(String id) {
        WebElement part = byId(id);
        if (part.getDomAttribute("open") == null) {
            click(part.findElement(By.tagName("summary")));
        }
        wait.until(d -> d.findElement(By.id(id)).getDomAttribute("open") != null);
    }

    private static AssessmentRequest screened(int age, int weeks) {
        return AssessmentRequest.of(age, weeks).screenedFully();
    }

    /** Where an element is on the screen, and the screen's height: {top, bottom, innerHeight}. */
    @SuppressWarnings("unchecked")
    private Map<String, Number> box(String id) {
        return (Map<String, Number>) js("const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                + "return {top: r.top, bottom: r.bottom, height: r.height, innerHeight: window.innerHeight};", id);
    }

    private boolean onScreen(String id) {
        Map<String, Number> b = box(id);
        // a pixel either way: scrolling to an element can leave its edge a fraction of a pixel off
        return b.get("height").doubleValue() > 0 && b.get("top").doubleValue() >= -1
                && b.get("bottom").doubleValue() <= b.get("innerHeight").doubleValue() + 1;
    }

    @Test
    void theRecommendationFollowsTheAnswers() throws IOException {
        assertThat(byId("verdict").getText()).contains("Enter the age and the duration");
        type("age", "45");
        type("duration_weeks", "3");
        awaitRecommendation("screening_incomplete");
        answerAll("absent", GROUPS.subList(1, 5));
        // Ticking a cauda equina flag turns it into an emergency and the group into present; the keyboard can do it.
        WebElement bladder = byId("rf-bladder_dysfunction");
        bladder.sendKeys(Keys.SPACE);
        assertThat(bladder.isSelected()).isTrue();
        String text = awaitRecommendation("emergency_mri");
        assertThat(text).contains("Emergency MRI").contains("Urgency: Emergency");
        assertThat(byId("scr-cauda_equina-present").isSelected()).isTrue();
        assertThat(byId("scr-cauda_equina-absent").isEnabled()).isFalse();
        assertThat(settledText("result-details", "Suspected: cauda equina syndrome")).contains("Suspected: cauda equina syndrome");
        screenshot("page-emergency");

        // Unticking it leaves the group to be answered again: never a silent "none present".
        bladder.click();
        awaitRecommendation("screening_incomplete");
        assertThat(byId("scr-cauda_equina-not_asked").isSelected()).isTrue();
        wait.until(d -> d.findElements(By.cssSelector("#screen-status a[data-group]")).stream()
                .map(a -> a.getDomAttribute("data-group")).toList().equals(List.of("cauda_equina")));
        answer("cauda_equina", "absent");
        Assessment expected = Assessor.standard().assess(screened(45, 3));
        text = awaitRecommendation("no_imaging");
        assertThat(text).contains("No imaging").contains(expected.summary());
        assertThat(byId("reasons").findElements(By.cssSelector("li"))).isNotEmpty();
        // Details are folded under the summary; the safety net is open.
        assertThat(byId("reasons").getDomAttribute("open")).isNull();
        assertThat(byId("safety-net").getDomAttribute("open")).isNotNull();
        assertThat(byId("safety-net").getText()).contains(expected.safetyNet().get(0).text());
        unfold("reasons");
        assertThat(byId("reasons").findElements(By.cssSelector(".cite")).get(0).getText()).matches("\\S+ .+");
        unfold("sources");
        assertThat(byId("sources").getText()).contains(expected.sources().get(0).id());

        // Answered none present, a group's red flags fold away: to record one, answer present, then tick it.
        assertThat(byId("rf-fever").isDisplayed()).isFalse();
        answer("infection", "present");
        assertThat(settledText("verdict", "Tick which red flag")).contains("spinal infection");
        click(byId("rf-fever"));
        assertThat(awaitRecommendation("imaging_indicated")).contains("Urgency: Same day");
        // A fold the clinician opened stays open as the result changes.
        assertThat(byId("reasons").getDomAttribute("open")).isNotNull();
        click(byId("rf-fever"));
        awaitRecommendation("screening_incomplete");
        assertThat(byId("scr-infection-not_asked").isSelected()).isTrue();
        assertThat(settledText("screen-status", "spinal infection")).contains("spinal infection");
    }

    /** (a) Age and duration alone: the screen is incomplete, every group is named, and nothing says "no red flags". */
    @Test
    void ageAndDurationAloneAreAnIncompleteScreen() throws IOException {
        type("age", "45");
        type("duration_weeks", "3");
        String text = awaitRecommendation("screening_incomplete");
        assertThat(text).startsWith("Screening incomplete");
        String status = settledText("screen-status", "Still to ask about");
        for (String name : List.of("cauda equina syndrome", "spinal cord compression", "cancer or spinal metastases",
                "spinal infection", "vertebral fracture")) {
            assertThat(status).contains(name);
            assertThat(text).contains(name);
        }
        assertThat(byId("screen-status").findElements(By.cssSelector("a[data-group]")))
                .extracting(a -> a.getDomAttribute("data-group")).containsExactlyElementsOf(GROUPS);
        assertThat(byId("verdict").getText()).doesNotContainIgnoringCase("no red flag");
        assertThat(byId("screen-status").getText()).doesNotContainIgnoringCase("no red flag");
        // The reasons may explain that Backcheck cannot yet say "there are no red flags"; nothing may claim it.
        String everything = (String) js("return document.getElementById('result').textContent;");
        assertThat(everything).doesNotContain("No red flag");
        assertThat(byId("screen-progress").getText()).isEqualTo("0 of 5 groups answered.");
        screenshot("page-desktop-incomplete");

        // A group still to ask is a link to it: the keyboard lands on its answers.
        click(byId("screen-status").findElement(By.cssSelector("a[data-group=infection]")));
        wait.until(d -> "scr-infection-not_asked".equals(d.switchTo().activeElement().getDomAttribute("id")));
    }

    /** (b) and (c) Every group answered on its own reaches "No imaging"; four of five still name the fifth. */
    @Test
    void everyGroupMustBeAnsweredOnItsOwn() {
        type("age", "45");
        type("duration_weeks", "3");
        awaitRecommendation("screening_incomplete");
        answerAll("absent", GROUPS.subList(0, 4));
        wait.until(d -> d.findElements(By.cssSelector("#screen-status a[data-group]")).stream()
                .map(a -> a.getDomAttribute("data-group")).toList().equals(List.of("fracture")));
        String text = awaitRecommendation("screening_incomplete");
        assertThat(text).contains("vertebral fracture").doesNotContain("cauda equina").doesNotContainIgnoringCase("no red flag");
        assertThat(byId("screen-progress").getText()).isEqualTo("4 of 5 groups answered.");
        // Answered none present, a group's red flags fold away; its risk factors stay tickable.
        assertThat(byId("flags-cancer").isDisplayed()).isFalse();

        answer("fracture", "absent");
        assertThat(awaitRecommendation("no_imaging")).contains("No imaging")
                .contains(Assessor.standard().assess(screened(45, 3)).summary());
        assertThat(byId("screen-status").getText()).contains("every group asked");
        assertThat(byId("rf-osteoporosis").isEnabled()).isTrue();

        // Back to not asked: incomplete again. There is no control that answers every group at once.
        answer("infection", "not_asked");
        awaitRecommendation("screening_incomplete");
        List<String> buttons = browser.findElements(By.cssSelector("button")).stream().map(WebElement::getText)
                .map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
        assertThat(buttons).noneMatch(t -> t.contains("all") && (t.contains("absent") || t.contains("none")));
    }

    /** (d) A ticked red flag makes its group present; present with nothing ticked asks which. A risk factor alone is no scan. */
    @Test
    void aTickedRedFlagMakesItsGroupPresent() {
        type("age", "60");
        type("duration_weeks", "3");
        awaitRecommendation("screening_incomplete");
        answer("cancer", "present");
        assertThat(settledText("verdict", "Tick which red flag")).contains("cancer or spinal metastases");
        assertThat(settledText("hint-cancer", "Tick which red flag")).contains("Tick which red flag");
        assertThat(byId("copy-note").isEnabled()).isFalse();
        assertThat(byId("open-leaflet").isEnabled()).isFalse();

        click(byId("rf-unexplained_weight_loss"));
        String text = awaitRecommendation("imaging_indicated");
        assertThat(text).contains("Imaging indicated");
        assertThat(byId("scr-cancer-present").isSelected()).isTrue();
        assertThat(byId("scr-cancer-not_asked").isEnabled()).isFalse();
        // The screen is still incomplete, and the result says so under the summary.
        assertThat(settledText("screen-status", "Screening incomplete")).contains("cauda equina syndrome")
                .doesNotContain("cancer");

        click(byId("rf-unexplained_weight_loss"));
        awaitRecommendation("screening_incomplete");
        answerAll("absent", GROUPS);
        click(byId("rf-osteoporosis"));
        assertThat(awaitRecommendation("assess_further")).contains("Assess further");
        assertThat(byId("scr-fracture-absent").isSelected()).isTrue();
        assertThat(settledText("risk-factors", "osteoporosis")).contains("not a reason to scan");
        answer("fracture", "present");
        click(byId("rf-major_trauma"));
        awaitRecommendation("imaging_indicated");
        assertThat(byId("scr-fracture-present").isSelected()).isTrue();
    }

    /** (e) A CDS card's link: the record is shown and sent, its group is present, and no symptom is ticked. */
    @Test
    void aCdsCardLinkShowsTheRecordAndTicksNothing() throws IOException {
        browser.get(server.uri().resolve("/?age=71&record=history_of_cancer%3AICD-10+C50.9&record=not_an_id%3AX1"
                + "&red_flags=history_of_cancer,bladder_dysfunction").toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(browser.getCurrentUrl()).doesNotContain("?");
        assertThat(byId("age").getDomProperty("value")).isEqualTo("71");
        assertThat(byId("duration_weeks").getDomProperty("value")).isEmpty();
        assertThat(byId("record").isDisplayed()).isTrue();
        assertThat(byId("record-list").findElement(By.cssSelector("li[data-id=history_of_cancer]")).getText())
                .isEqualTo("From the patient\u2019s record: ICD-10 C50.9 \u2014 "
                        + RedFlags.vocabulary().get("history_of_cancer").label());
        assertThat(byId("record-unreadable").getText()).contains("could not read");
        assertThat(browser.findElements(By.cssSelector("#red-flag-groups input[type=checkbox]:checked"))).isEmpty();
        // Pre-set to present, not locked: the clinician who examines the patient may overrule the record.
        assertThat(byId("scr-cancer-present").isSelected()).isTrue();
        assertThat(byId("scr-cancer-absent").isEnabled()).isTrue();
        assertThat(byId("scr-cancer-not_asked").isEnabled()).isTrue();
        assertThat(byId("hint-cancer").getText()).contains("ICD-10 C50.9");

        type("duration_weeks", "2");
        String text = awaitRecommendation("imaging_indicated");
        assertThat(text).contains("Imaging indicated");
        // The server only knows the code because the page sent it as recorded.
        assertThat(byId("reasons").findElements(By.cssSelector("li[data-id=reason_recorded]"))).hasSize(1);
        assertThat(byId("note-text").getDomProperty("value")).contains("recorded as ICD-10 C50.9");
        screenshot("page-record");
    }

    /** A recorded group reads as its name; a recorded risk factor leaves its group to be asked; Start again forgets the record. */
    @Test
    void aRecordedGroupAndARecordedRiskFactor() {
        browser.get(server.uri().resolve("/?age=50&record=cauda_equina%3AICD-10+G83.4&record=osteoporosis%3AICD-10+M81.0")
                .toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(byId("record-list").findElements(By.tagName("li"))).extracting(WebElement::getText).containsExactly(
                "From the patient\u2019s record: ICD-10 G83.4 \u2014 Cauda equina syndrome",
                "From the patient\u2019s record: ICD-10 M81.0 \u2014 " + RedFlags.vocabulary().get("osteoporosis").label());
        assertThat(byId("scr-cauda_equina-present").isSelected()).isTrue();
        assertThat(byId("scr-cauda_equina-absent").isEnabled()).isTrue();
        assertThat(byId("scr-fracture-not_asked").isSelected()).isTrue();
        assertThat(byId("scr-fracture-absent").isEnabled()).isTrue();
        assertThat(byId("hint-fracture").getText()).contains("ICD-10 M81.0");
        assertThat(byId("rf-osteoporosis").isSelected()).isFalse();
        type("duration_weeks", "4");
        awaitRecommendation("emergency_mri");
        assertThat(settledText("risk-factors", "osteoporosis")).contains("osteoporosis");

        click(byId("reset"));
        wait.until(d -> !d.findElement(By.id("record")).isDisplayed());
        assertThat(byId("scr-cauda_equina-not_asked").isSelected()).isTrue();
        assertThat(byId("scr-cauda_equina-absent").isEnabled()).isTrue();
        assertThat(settledText("verdict", "Enter the age")).contains("Enter the age");
    }

    /** Keeps the body of each assessment request the page sends, newest last, in window.sentBodies. */
    private void recordRequests() {
        js("window.sentBodies = []; const send = window.fetch;"
                + "window.fetch = (url, init) => { if (init && init.body) window.sentBodies.push(JSON.parse(init.body));"
                + " return send(url, init); };");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> lastSentRecorded() {
        return (List<Map<String, Object>>) js("const b = window.sentBodies; return b.length ? b[b.length - 1].recorded : null;");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastSentScreening() {
        return (Map<String, Object>) js("const b = window.sentBodies; return b.length ? b[b.length - 1].screening : null;");
    }

    private String noteValue() {
        return byId("note-text").getDomProperty("value");
    }

    /**
     * M6: a record can be old or wrong. A recorded cancer pre-sets its group to present; the clinician
     * who asks may answer none present, and the entry is then left out of the request, marked as
     * overruled on the page and written so in the note. Answering present again restores it.
     */
    @Test
    void aRecordedEntryCanBeOverruledByTheClinician() throws IOException {
        browser.get(server.uri().resolve("/?age=71&record=history_of_cancer%3AICD-10+C50.9").toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        recordRequests();
        WebElement entry = byId("record-list").findElement(By.cssSelector("li[data-id=history_of_cancer]"));
        String meaning = RedFlags.vocabulary().get("history_of_cancer").label();
        assertThat(entry.getText()).isEqualTo("From the patient\u2019s record: ICD-10 C50.9 \u2014 " + meaning);
        assertThat(byId("scr-cancer-present").isSelected()).isTrue();
        type("duration_weeks", "2");
        assertThat(awaitRecommendation("imaging_indicated")).contains("Imaging indicated");
        assertThat(lastSentRecorded()).containsExactly(Map.of("id", "history_of_cancer", "code", "ICD-10 C50.9"));
        assertThat(noteValue()).contains("recorded as ICD-10 C50.9").doesNotContain("Record showed");

        // On asking, no cancer: the clinician overrules the record, and answers the other groups.
        answer("cancer", "absent");
        answerAll("absent", List.of("cauda_equina", "cord_compression", "infection", "fracture"));
        Assessment expected = Assessor.standard().assess(screened(71, 2));
        assertThat(expected.recommendation().id()).isEqualTo("no_imaging");
        assertThat(awaitRecommendation("no_imaging")).contains("No imaging").contains(expected.summary());
        assertThat(lastSentRecorded()).isEmpty();
        assertThat(lastSentScreening()).containsEntry("cancer", "absent");
        assertThat(browser.findElements(By.cssSelector("#reasons li[data-id=reason_recorded]"))).isEmpty();
        wait.until(d -> noteValue().contains("on asking: none present"));
        String note = noteValue();
        assertThat(note).startsWith(expected.consultationNote().stripTrailing() + "\n")
                .contains("\nRecord showed ICD-10 C50.9 (" + meaning.toLowerCase(java.util.Locale.ROOT)
                        + "); on asking: none present.\n")
                .doesNotContain("recorded as ICD-10 C50.9").doesNotContain("PRESENT");
        // The record line stays, marked with what the clinician did.
        assertThat(settledText("record-list", "overruled by you")).contains(
                "From the patient\u2019s record: ICD-10 C50.9 \u2014 " + meaning + " \u2014 overruled by you: none present");
        assertThat(settledText("hint-cancer", "overruled by you")).contains("ICD-10 C50.9");
        js("document.getElementById('record').scrollIntoView({block: 'start'});");
        screenshot("page-record-overruled");

        // Not asked overrules it too: the screen is then incomplete, and the note says the record was set aside.
        answer("cancer", "not_asked");
        awaitRecommendation("screening_incomplete");
        assertThat(lastSentRecorded()).isEmpty();
        assertThat(lastSentScreening()).doesNotContainKey("cancer");
        assertThat(settledText("record-list", "overruled by you: not asked")).contains("overruled by you: not asked");
        wait.until(d -> noteValue().contains("Record showed ICD-10 C50.9"));
        assertThat(noteValue()).contains("); not asked: set aside by the clinician.\n");

        // Present again restores the record: it is sent, the mark goes, and no tick is asked for.
        answer("cancer", "present");
        awaitRecommendation("imaging_indicated");
        assertThat(lastSentRecorded()).containsExactly(Map.of("id", "history_of_cancer", "code", "ICD-10 C50.9"));
        wait.until(d -> d.findElement(By.cssSelector("#record-list .overruled")).getText().isEmpty());
        wait.until(d -> !noteValue().contains("Record showed"));
        assertThat(noteValue()).contains("recorded as ICD-10 C50.9");

        // A ticked red flag still locks its group; unticking it returns the group to what the record set.
        click(byId("rf-unexplained_weight_loss"));
        wait.until(d -> !d.findElement(By.id("scr-cancer-absent")).isEnabled());
        click(byId("rf-unexplained_weight_loss"));
        wait.until(d -> d.findElement(By.id("scr-cancer-absent")).isEnabled());
        assertThat(byId("scr-cancer-present").isSelected()).isTrue();
        awaitRecommendation("imaging_indicated");
    }

    /** M6: words matched in the record are a prompt to ask, not a finding: nothing is pre-set and nothing is sent. */
    @Test
    void wordsInTheRecordArePromptsNotFindings() {
        browser.get(server.uri().resolve("/?age=50&record=fever%3Afree+text&record=history_of_cancer%3AICD-10+C50.9")
                .toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        recordRequests();
        String fever = RedFlags.vocabulary().get("fever").label();
        assertThat(byId("record-list").findElement(By.cssSelector("li[data-id=fever]")).getText())
                .isEqualTo("Words in the record mention: " + fever + " \u2014 check");
        assertThat(byId("scr-infection-not_asked").isSelected()).isTrue();
        assertThat(byId("scr-infection-absent").isEnabled()).isTrue();
        assertThat(byId("rf-fever").isSelected()).isFalse();
        assertThat(byId("hint-infection").getText()).contains("Words in the record mention " + fever.toLowerCase(java.util.Locale.ROOT));
        assertThat(byId("scr-cancer-present").isSelected()).isTrue();

        type("duration_weeks", "2");
        awaitRecommendation("imaging_indicated");
        assertThat(lastSentRecorded()).containsExactly(Map.of("id", "history_of_cancer", "code", "ICD-10 C50.9"));
        assertThat(lastSentScreening()).doesNotContainKey("infection");
        assertThat(settledText("screen-status", "spinal infection")).contains("spinal infection");

        // Asked and absent: the words change nothing, and are never sent.
        answerAll("absent", GROUPS);
        awaitRecommendation("no_imaging");
        assertThat(lastSentRecorded()).isEmpty();
        assertThat(lastSentScreening()).containsEntry("infection", "absent");
        wait.until(d -> noteValue().contains("on asking: none present"));
        assertThat(noteValue()).doesNotContain("free text").doesNotContain("Words in the record");
    }

    @Test
    void anOldLinkNoLongerTicksRedFlags() {
        browser.get(server.uri().resolve("/?age=48&red_flags=history_of_cancer,not_a_flag&sciatica=true").toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(byId("age").getDomProperty("value")).isEqualTo("48");
        assertThat(byId("sciatica").isSelected()).isTrue();
        assertThat(byId("rf-history_of_cancer").isSelected()).isFalse();
        assertThat(byId("record").isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).doesNotContain("?");
        type("duration_weeks", "2");
        awaitRecommendation("screening_incomplete");
    }

    /** (f) Copy to notes: the clipboard where the browser allows it, else the note selected in its box. */
    @Test
    void copyToNotesCopiesTheConsultationNote() throws IOException {
        String origin = server.uri().resolve("/").toString().replaceAll("/$", "");
        browser.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        type("age", "38");
        type("duration_weeks", "2");
        awaitRecommendation("screening_incomplete");
        answerAll("absent", GROUPS);
        awaitRecommendation("no_imaging");
        Assessment expected = Assessor.standard().assess(screened(38, 2));
        // The server's note, then the safety-net advice as shown, then the leaflet.
        StringBuilder safety = new StringBuilder("\nSafety-net advice given:");
        for (Statement s : expected.safetyNet()) {
            safety.append("\n- ").append(s.text());
        }
        assertThat(expected.safetyNet()).isNotEmpty();
        String note = expected.consultationNote().stripTrailing() + safety;
        wait.until(d -> d.findElement(By.id("note-text")).getDomProperty("value").startsWith(note));
        assertThat(byId("note-text").getDomProperty("value")).isEqualTo(note + "\nPatient leaflet: not given.\n");
        assertThat(byId("note-details").getDomAttribute("open")).isNull();

        click(byId("copy-note"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("copy-status"), "Cop"));
        String how = byId("copy-status").getDomAttribute("data-how");
        assertThat(how).isNotNull();
        System.out.println("Copy to notes took the path: " + how);
        if (how.equals("clipboard")) {
            Object copied = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));");
            assertThat(copied).isEqualTo(note + "\nPatient leaflet: not given.\n");
        } else {
            assertSelectedInTheBox(note + "\nPatient leaflet: not given.\n");
        }

        // Leaflet printed from the page: the note says it was opened for printing (whether it printed, the page cannot know).
        js("window.print = () => {};");
        click(byId("open-leaflet"));
        wait.until(ExpectedConditions.visibilityOf(byId("leaflet")));
        byId("print-leaflet").click();
        byId("close-leaflet").click();
        wait.until(d -> d.findElement(By.id("note-text")).getDomProperty("value").endsWith("Patient leaflet opened for printing.\n"));
        assertThat(byId("note-text").getDomProperty("value")).isEqualTo(note + "\nPatient leaflet opened for printing.\n");
        assertThat(byId("copy-status").getText()).isEmpty();

        // Without the clipboard API: the note opens, selected in its read-only box.
        js("Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined, configurable: true});");
        click(byId("copy-note"));
        wait.until(d -> d.findElement(By.id("copy-status")).getDomAttribute("data-how") != null);
        assertThat(byId("copy-status").getDomAttribute("data-how")).startsWith("selected");
        assertThat(byId("copy-status").getDomAttribute("aria-live")).isEqualTo("polite");
        assertSelectedInTheBox(note + "\nPatient leaflet opened for printing.\n");
        assertThat(byId("note-details").getDomAttribute("open")).isNotNull();
        assertThat(byId("note-text").getDomAttribute("readonly")).isNotNull();
        screenshot("page-note");
    }

    private void assertSelectedInTheBox(String expected) {
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("note-text");
        assertThat(js("const t = document.getElementById('note-text');"
                + "return t.value.substring(t.selectionStart, t.selectionEnd);")).isEqualTo(expected);
    }

    /** (g) At phone width the summary is on the screen while the form is answered, not below the whole form. */
    @Test
    void atPhoneWidthTheSummaryStaysInView() throws IOException {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            browser.get(server.uri().toString());
            wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
            assertThat((Number) js("return window.innerWidth;")).isEqualTo(390L);
            assertThat(onScreen("verdict")).as("the summary at load").isTrue();
            assertThat(byId("verdict").getText()).contains("Enter the age and the duration");
            type("age", "67");
            type("duration_weeks", "8");
            awaitRecommendation("screening_incomplete");
            assertThat(onScreen("verdict-title")).as("the heading after age and duration").isTrue();
            Map<String, Number> bar = box("verdict-bar");
            assertThat(bar.get("height").doubleValue()).isLessThan(0.5 * bar.get("innerHeight").doubleValue());
            // The form is far longer than the screen: the summary is not simply after it.
            assertThat(((Number) js("return document.getElementById('case').getBoundingClientRect().height;")).doubleValue())
                    .isGreaterThan(2 * bar.get("innerHeight").doubleValue());
            screenshot("phone-incomplete");

            answer("fracture", "absent");
            wait.until(d -> {
                String summary = d.findElement(By.id("summary")).getText();
                return summary.contains("spinal infection") && !summary.contains("fracture");
            });
            assertThat(onScreen("verdict-title")).as("the heading after answering the last group").isTrue();
            assertThat(onScreen("group-fracture")).isTrue();
            screenshot("phone-answering");

            answerAll("absent", GROUPS.subList(0, 4));
            assertThat(awaitRecommendation("assess_further")).contains("Assess further");
            assertThat(onScreen("verdict-title")).as("the heading after completing the screen").isTrue();
            screenshot("phone-complete");

            // At the end of the page the summary sits in its place, above the details it heads.
            click(byId("verdict-bar").findElement(By.className("to-details")));
            wait.until(d -> onScreen("result-title"));
            screenshot("phone-details");
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** (h) A child's safety net is addressed to the parent, not the adult one. */
    @Test
    void aChildsSafetyNetIsForTheParent() {
        type("age", "10");
        type("duration_weeks", "3");
        awaitRecommendation("screening_incomplete");
        Assessment expected = Assessor.standard().assess(AssessmentRequest.of(10, 3));
        List<String> ids = expected.safetyNet().stream().map(Statement::id).toList();
        assertThat(ids).contains("safety_child_now", "safety_child_soon").doesNotContain("safety_ces");
        wait.until(d -> d.findElements(By.cssSelector("#safety-net li")).stream()
                .map(li -> li.getDomAttribute("data-id")).toList().equals(ids));
        assertThat(byId("safety-net").findElement(By.tagName("summary")).getText()).isEqualTo("Safety net: tell the parent or carer");
        assertThat(byId("safety-net").getText()).contains(expected.safetyNet().get(0).text()).contains("your child");
        answerAll("absent", GROUPS);
        awaitRecommendation("out_of_scope");
        assertThat(settledText("safety-net", "your child")).contains("your child");
        assertThat(browser.findElements(By.cssSelector("#safety-net li[data-id=safety_ces]"))).isEmpty();
    }

    @Test
    void theSpecialistQuestionShowsOnlyForTheSpecialistSetting() {
        type("age", "50");
        type("duration_weeks", "10");
        answerAll("absent", GROUPS);
        awaitRecommendation("no_imaging");
        assertThat(byId("changes").isDisplayed()).isFalse();
        byId("setting-specialist").click();
        wait.until(ExpectedConditions.visibilityOf(byId("changes")));
        awaitRecommendation("specialist_imaging_if_changes_management");
        byId("changes-yes").click();
        Assessment expected = Assessor.standard().assess(new AssessmentRequest(50, 10, false, Setting.SPECIALIST, true,
                Set.of(), Set.of(), HlaB27.UNKNOWN, null, null).screenedFully());
        List<String> reasonIds = expected.reasons().stream().map(Statement::id).toList();
        wait.until(d -> d.findElements(By.cssSelector("#reasons li")).stream()
                .map(li -> li.getDomAttribute("data-id")).toList().equals(reasonIds));
        byId("setting-non_specialist").click();
        wait.until(ExpectedConditions.invisibilityOf(byId("changes")));
        awaitRecommendation("no_imaging");
    }

    @Test
    void theChecklistIsBuiltFromTheVocabularyGroupedByPathology() {
        List<WebElement> legends = browser.findElements(By.cssSelector("#red-flag-groups > fieldset > legend"));
        assertThat(legends).extracting(WebElement::getText).containsExactly("Cauda equina syndrome",
                "Spinal cord compression", "Cancer or spinal metastases", "Spinal infection", "Vertebral fracture");
        for (String g : GROUPS) {
            List<String> flags = RedFlags.vocabulary().values().stream()
                    .filter(f -> f.pathology().id().equals(g) && !f.isRiskFactor()).map(RedFlag::id).toList();
            List<String> risks = RedFlags.vocabulary().values().stream()
                    .filter(f -> f.pathology().id().equals(g) && f.isRiskFactor()).map(RedFlag::id).toList();
            assertThat(browser.findElements(By.cssSelector("#flags-" + g + " input[type=checkbox]")))
                    .extracting(b -> b.getDomAttribute("value")).as(g).containsExactlyElementsOf(flags);
            assertThat(browser.findElements(By.cssSelector("#group-" + g + " .risks input[type=checkbox]")))
                    .extracting(b -> b.getDomAttribute("value")).as(g).containsExactlyElementsOf(risks);
            if (!risks.isEmpty()) {
                assertThat(byId("risks-" + g).findElement(By.tagName("legend")).getText())
                        .isEqualTo("Risk factors (raise vigilance, not a reason to scan on their own)");
            }
            assertThat(browser.findElements(By.cssSelector("input[name='screening-" + g + "']")))
                    .extracting(b -> b.getDomAttribute("value")).containsExactly("not_asked", "absent", "present");
            assertThat(byId("scr-" + g + "-not_asked").isSelected()).as(g + " starts not asked").isTrue();
        }
        assertThat(browser.findElements(By.cssSelector("#red-flag-groups input[type=checkbox]")))
                .hasSize(RedFlags.vocabulary().size());
    }

    @Test
    void spondyloarthritisAndStartBackAreScored() throws IOException {
        type("age", "30");
        type("duration_weeks", "30");
        answerAll("absent", GROUPS);
        click(byId("spa").findElement(By.tagName("summary")));
        for (String f : List.of("buttock_pain", "improves_with_movement", "psoriasis")) {
            click(byId("spa-" + f));
        }
        type("onset_age", "28");
        // onset before 35 counts as the fourth criterion
        awaitRecommendation("refer_rheumatology");
        assertThat(settledText("spa-result", "criteria met: refer")).contains("criteria met: refer");

        click(byId("start-back").findElement(By.tagName("summary")));
        for (String item : List.of("leg_pain", "walking", "fear", "worry", "catastrophising")) {
            click(byId("sb-" + item + "-agree"));
        }
        for (String item : List.of("shoulder_neck_pain", "dressing", "low_mood")) {
            click(byId("sb-" + item + "-disagree"));
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("start-back-progress"), "8 of 9 answered"));
        new Select(byId("sb-bothersomeness")).selectByValue("extremely");
        wait.until(d -> d.findElements(By.id("start-back-result")).size() == 1);
        assertThat(settledText("start-back-result", "high risk", "total 6 of 9", "distress 4 of 5"))
                .contains("high risk").contains("total 6 of 9").contains("distress 4 of 5");
        screenshot("page-spa-startback");
    }

    @Test
    void anInvalidAnswerIsShownAtItsField() {
        type("age", "130");
        type("duration_weeks", "3");
        wait.until(d -> "true".equals(d.findElement(By.id("age")).getDomAttribute("aria-invalid")));
        assertThat(byId("age-error").getText()).contains("between 0 and 125");
        assertThat(settledText("verdict", "Check the answers")).contains("Check the answers");
        assertThat(byId("open-leaflet").isEnabled()).isFalse();
        type("age", "45");
        awaitRecommendation("screening_incomplete");
        assertThat(byId("age").getDomAttribute("aria-invalid")).isNull();
    }

    @Test
    void theLeafletShowsThePatientInformationAndTheSafetyNet() throws IOException {
        type("age", "38");
        type("duration_weeks", "2");
        answerAll("absent", GROUPS);
        awaitRecommendation("no_imaging");
        WebElement open = byId("open-leaflet");
        wait.until(ExpectedConditions.elementToBeClickable(open));
        open.click();
        WebElement leaflet = byId("leaflet");
        wait.until(ExpectedConditions.visibilityOf(leaflet));
        assertThat(byId("app").isDisplayed()).isFalse();
        Assessment expected = Assessor.standard().assess(screened(38, 2));
        PatientInformation info = expected.patientInformation();
        assertThat(byId("leaflet-result").getText()).isEqualTo("Your clinician\u2019s advice today: no imaging.");
        assertThat(byId("leaflet-about").getText()).isEqualTo(info.aboutYourBackPain());
        assertThat(byId("leaflet-benefits").getText()).isEqualTo(info.benefits());
        assertThat(byId("leaflet-risks").getText()).isEqualTo(info.risks());
        assertThat(byId("leaflet-alternatives").getText()).isEqualTo(info.alternatives());
        assertThat(byId("leaflet-nothing").getText()).isEqualTo(info.ifYouDoNothing());
        assertThat(byId("leaflet-safety-list").findElements(By.tagName("li"))).extracting(WebElement::getText)
                .containsExactlyElementsOf(expected.safetyNet().stream().map(Statement::text).toList())
                .isNotEmpty();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("leaflet");
        screenshot("leaflet");

        // Printed, the leaflet is all there is: no buttons, no form.
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(byId("print-leaflet").isDisplayed()).isFalse();
            assertThat(byId("leaflet-about").isDisplayed()).isTrue();
            screenshot("leaflet-print");
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }

        byId("close-leaflet").click();
        wait.until(ExpectedConditions.invisibilityOf(leaflet));
        assertThat(byId("app").isDisplayed()).isTrue();
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("open-leaflet");
    }

    @Test
    void everyControlHasALabelAndTheResultIsALiveRegion() {
        type("age", "45");
        type("duration_weeks", "3");
        awaitRecommendation("screening_incomplete");
        byId("spa").findElement(By.tagName("summary")).click();
        byId("start-back").findElement(By.tagName("summary")).click();
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) js("return Array.from(document.querySelectorAll('input, select, textarea'))"
                + ".filter(e => e.labels.length === 0 || e.labels[0].textContent.trim() === '').map(e => e.id || e.name);");
        assertThat(unlabelled).isEmpty();
        @SuppressWarnings("unchecked")
        List<String> legendless = (List<String>) js("return Array.from(document.querySelectorAll('fieldset'))"
                + ".filter(f => !f.querySelector(':scope > legend')).map(f => f.id);");
        assertThat(legendless).isEmpty();
        assertThat(byId("verdict").getDomAttribute("aria-live")).isEqualTo("polite");
        assertThat(byId("copy-status").getDomAttribute("aria-live")).isEqualTo("polite");
        // The screening answers are reachable by keyboard: Tab into a group, arrows between its answers.
        WebElement first = byId("scr-cauda_equina-not_asked");
        js("arguments[0].focus();", first);
        first.sendKeys(Keys.ARROW_RIGHT);
        wait.until(d -> d.findElement(By.id("scr-cauda_equina-absent")).isSelected());
    }

    /** Everything the page loaded, and every request it made, went to its own origin. */
    @Test
    void thePageTalksOnlyToItsOwnOrigin() {
        type("age", "70");
        type("duration_weeks", "8");
        awaitRecommendation("screening_incomplete");
        String origin = (String) js("return location.origin;");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) js(
                "return performance.getEntries().filter(e => e.name && e.name.includes('://'))"
                        + ".map(e => ({name: e.name, type: e.entryType}));");
        assertThat(entries).isNotEmpty();
        assertThat(entries).allSatisfy(e -> assertThat((String) e.get("name")).startsWith(origin + "/"));
        assertThat(entries).anySatisfy(e -> assertThat((String) e.get("name")).endsWith("/api/assessments"));
    }
}
