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
import org.backcheck.guidance.Setting;
import org.backcheck.guidance.Statement;
import org.backcheck.guidance.RedFlags;
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

    @Test
    void theRecommendationFollowsTheAnswers() throws IOException {
        assertThat(byId("result-body").getText()).contains("Enter the age and the duration");
        type("age", "45");
        type("duration_weeks", "3");
        String text = awaitRecommendation("no_imaging");
        assertThat(text).contains("No imaging").contains(Assessor.standard().assess(AssessmentRequest.of(45, 3)).summary());
        assertThat(byId("reasons").findElements(By.cssSelector("li"))).isNotEmpty();
        assertThat(byId("reasons").findElements(By.cssSelector(".cite")).get(0).getText()).matches("\\S+ .+");
        assertThat(byId("safety-net").getText()).isNotBlank();
        assertThat(byId("sources").getText()).contains(
                Assessor.standard().assess(AssessmentRequest.of(45, 3)).sources().get(0).id());

        // Ticking a cauda equina flag turns it into an emergency; the keyboard can do it.
        WebElement bladder = byId("rf-bladder_dysfunction");
        bladder.sendKeys(Keys.SPACE);
        assertThat(bladder.isSelected()).isTrue();
        text = awaitRecommendation("emergency_mri");
        assertThat(text).contains("Emergency MRI").contains("Urgency: Emergency");
        assertThat(settledText("result-body", "Suspected: cauda equina syndrome")).contains("Suspected: cauda equina syndrome");
        screenshot("page-emergency");

        bladder.click();
        awaitRecommendation("no_imaging");
        byId("rf-fever").click();
        assertThat(awaitRecommendation("imaging_indicated")).contains("Urgency: Same day");
        byId("rf-fever").click();
        awaitRecommendation("no_imaging");
    }

    @Test
    void aCdsCardLinkPrefillsTheCaseAndLeavesTheDurationToTheClinician() {
        browser.get(server.uri().resolve("/?age=48&red_flags=history_of_cancer,not_a_flag&sciatica=true").toString());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(byId("age").getDomProperty("value")).isEqualTo("48");
        assertThat(byId("duration_weeks").getDomProperty("value")).isEmpty();
        assertThat(byId("sciatica").isSelected()).isTrue();
        assertThat(byId("rf-history_of_cancer").isSelected()).isTrue();
        assertThat(browser.getCurrentUrl()).doesNotContain("?");
        type("duration_weeks", "2");
        // A past cancer with leg pain: possible metastatic cord compression.
        awaitRecommendation("emergency_mri");
    }

    @Test
    void theSpecialistQuestionShowsOnlyForTheSpecialistSetting() {
        type("age", "50");
        type("duration_weeks", "10");
        awaitRecommendation("no_imaging");
        assertThat(byId("changes").isDisplayed()).isFalse();
        byId("setting-specialist").click();
        wait.until(ExpectedConditions.visibilityOf(byId("changes")));
        awaitRecommendation("specialist_imaging_if_changes_management");
        byId("changes-yes").click();
        Assessment expected = Assessor.standard().assess(new AssessmentRequest(50, 10, false, Setting.SPECIALIST, true,
                Set.of(), Set.of(), HlaB27.UNKNOWN, null, null));
        List<String> reasonIds = expected.reasons().stream().map(Statement::id).toList();
        wait.until(d -> d.findElements(By.cssSelector("#reasons li")).stream()
                .map(li -> li.getDomAttribute("data-id")).toList().equals(reasonIds));
        byId("setting-non_specialist").click();
        wait.until(ExpectedConditions.invisibilityOf(byId("changes")));
        awaitRecommendation("no_imaging");
    }

    @Test
    void theChecklistIsBuiltFromTheVocabularyGroupedByPathology() {
        List<WebElement> boxes = browser.findElements(By.cssSelector("#red-flag-groups input[type=checkbox]"));
        assertThat(boxes).extracting(b -> b.getDomAttribute("value")).containsExactlyElementsOf(RedFlags.vocabulary().keySet());
        List<WebElement> legends = browser.findElements(By.cssSelector("#red-flag-groups fieldset > legend"));
        assertThat(legends).extracting(WebElement::getText).containsExactly("Cauda equina syndrome",
                "Spinal cord compression", "Cancer or spinal metastases", "Spinal infection", "Vertebral fracture");
    }

    @Test
    void spondyloarthritisAndStartBackAreScored() throws IOException {
        type("age", "30");
        type("duration_weeks", "30");
        byId("spa").findElement(By.tagName("summary")).click();
        for (String f : List.of("buttock_pain", "improves_with_movement", "psoriasis")) {
            byId("spa-" + f).click();
        }
        type("onset_age", "28");
        // onset before 35 counts as the fourth criterion
        awaitRecommendation("refer_rheumatology");
        assertThat(settledText("spa-result", "criteria met: refer")).contains("criteria met: refer");

        byId("start-back").findElement(By.tagName("summary")).click();
        for (String item : List.of("leg_pain", "walking", "fear", "worry", "catastrophising")) {
            byId("sb-" + item + "-agree").click();
        }
        for (String item : List.of("shoulder_neck_pain", "dressing", "low_mood")) {
            byId("sb-" + item + "-disagree").click();
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
        assertThat(settledText("result-body", "Check the answers")).contains("Check the answers");
        assertThat(byId("open-leaflet").isEnabled()).isFalse();
        type("age", "45");
        awaitRecommendation("no_imaging");
        assertThat(byId("age").getDomAttribute("aria-invalid")).isNull();
    }

    @Test
    void theLeafletShowsThePatientInformationAndTheSafetyNet() throws IOException {
        type("age", "38");
        type("duration_weeks", "2");
        awaitRecommendation("no_imaging");
        WebElement open = byId("open-leaflet");
        wait.until(ExpectedConditions.elementToBeClickable(open));
        open.click();
        WebElement leaflet = byId("leaflet");
        wait.until(ExpectedConditions.visibilityOf(leaflet));
        assertThat(byId("app").isDisplayed()).isFalse();
        Assessment expected = Assessor.standard().assess(AssessmentRequest.of(38, 2));
        PatientInformation info = expected.patientInformation();
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
        assertThat(byId("result-body").getDomAttribute("aria-live")).isEqualTo("polite");
    }

    /** Everything the page loaded, and every request it made, went to its own origin. */
    @Test
    void thePageTalksOnlyToItsOwnOrigin() {
        type("age", "70");
        type("duration_weeks", "8");
        awaitRecommendation("no_imaging");
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
