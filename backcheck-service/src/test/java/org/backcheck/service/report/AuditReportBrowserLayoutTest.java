package org.backcheck.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How the audit report lays out on a screen and on paper, in headless Chromium. Artefacts in
 * {@code target/screenshots/}: {@code audit-report.png}, the whole page at 1280 px wide, and
 * {@code audit-report-print.pdf}, the page as Chromium prints it.
 */
class AuditReportBrowserLayoutTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** A printed A4 page's width inside the report's 14 mm margins, in CSS pixels (182 mm at 96 px to the inch). */
    static final int A4_CONTENT_WIDTH = 687;
    /** Every chart, with the box of any of its texts that reaches outside it (by more than half a pixel). */
    static final String TEXT_OUTSIDE_CHARTS = "return Array.from(document.querySelectorAll('svg.chart')).flatMap(s => {"
            + " const b = s.getBoundingClientRect();"
            + " return Array.from(s.querySelectorAll('text')).map(t => [t, t.getBoundingClientRect()])"
            + "  .filter(([t, r]) => r.left < b.left - 0.5 || r.right > b.right + 0.5 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5)"
            + "  .map(([t, r]) => s.querySelector('title').textContent + ': \"' + t.textContent + '\"'); });";

    private static SampleReports reports;
    private static ChromeDriver browser;
    private static ReportPage page;

    @BeforeAll
    static void start() throws IOException {
        reports = SampleReports.get();
        browser = HeadlessChromium.start(Files.createTempDirectory(reports.scratch(), "chromium-profile-"));
        page = new ReportPage(browser);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void openTheReportOnAScreen() {
        browser.manage().window().setSize(new Dimension(HeadlessChromium.WIDTH, HeadlessChromium.HEIGHT));
        page.open(reports.controlledHtml().toUri().toString());
    }

    @Test
    void aScreenshotOfTheWholePageIsSaved() throws IOException {
        double height = page.number("return document.documentElement.scrollHeight;");
        double frame = page.number("return window.outerHeight - window.innerHeight;");
        // A horizontal scroll bar, if any, takes height from the window: leave room for one.
        browser.manage().window().setSize(new Dimension(HeadlessChromium.WIDTH, (int) Math.ceil(height + frame) + 20));
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d ->
                page.number("return document.documentElement.clientHeight - document.documentElement.scrollHeight;") >= 0);
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve("audit-report.png"), png);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        double scale = page.number("return window.devicePixelRatio;");
        assertThat(image.getHeight()).isGreaterThanOrEqualTo((int) Math.floor(height * scale));
    }

    @Test
    void printedOnA4TheChartsKeepTheirSizeAndEverythingFitsThePage() throws IOException {
        int charts = browser.findElements(By.cssSelector("svg.chart")).size();
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", A4_CONTENT_WIDTH, "height", 1000,
                "deviceScaleFactor", 1, "mobile", false));
        try {
            // The print rules are in force: the body's font is 11px in print only.
            assertThat(browser.findElement(By.tagName("body")).getCssValue("font-size")).isEqualTo("11px");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> sizes = (List<Map<String, Object>>) page.js(
                    "return Array.from(document.querySelectorAll('svg.chart')).map(s => { const r = s.getBoundingClientRect();"
                            + " return {title: s.querySelector('title').textContent, width: r.width, height: r.height}; });");
            assertThat(sizes).isNotEmpty().hasSize(charts).allSatisfy(s -> {
                assertThat(((Number) s.get("width")).doubleValue()).as(s.toString()).isPositive();
                assertThat(((Number) s.get("height")).doubleValue()).as(s.toString()).isPositive();
            });
            assertThat(page.blocksWiderThan(A4_CONTENT_WIDTH)).isEmpty();
            assertThat(page.number("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(A4_CONTENT_WIDTH);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        byte[] pdf = Base64.getDecoder().decode(browser.print(new PrintOptions()).getContent());
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Files.write(SCREENSHOTS.resolve("audit-report-print.pdf"), pdf);
    }

    @Test
    void printedTheSmallPrintIsNoLargerThanTheText() {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            double text = px(browser.findElement(By.tagName("body")).getCssValue("font-size"));
            assertThat(text).isEqualTo(11);
            for (String small : List.of(".small", ".card .note", "caption", "figcaption")) {
                assertThat(px(browser.findElement(By.cssSelector(small)).getCssValue("font-size"))).as(small)
                        .isLessThanOrEqualTo(text);
            }
        } finally {
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
    }

    @Test
    void onAScreenNothingIsWiderThanTheWindow() {
        assertThat(page.blocksWiderThan(page.number("return document.documentElement.clientWidth;"))).isEmpty();
        assertThat(page.number("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).isZero();
    }

    @Test
    void everyChartTextIsInsideItsChart() {
        @SuppressWarnings("unchecked")
        List<String> outside = (List<String>) page.js(TEXT_OUTSIDE_CHARTS);
        assertThat(outside).isEmpty();
    }

    private static double px(String cssLength) {
        assertThat(cssLength).endsWith("px");
        return Double.parseDouble(cssLength.substring(0, cssLength.length() - 2));
    }
}
