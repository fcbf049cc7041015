package org.backcheck.service.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.backcheck.service.report.ReportPage.ownTitle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.backcheck.report.Disclosure;
import org.backcheck.report.FunnelResult;
import org.backcheck.service.BackcheckServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.Color;

/**
 * The audit report (issue 5) in a real browser: it renders, its charts carry their titles and hover
 * text, it asks the network for nothing, and it follows its disclosure policy. Opened in headless
 * Chromium from the file and from the server's {@code /report} route (wired as {@code backcheck serve}
 * wires it). The report is {@link SampleReports}': 300,000 synthetic rows with a population file.
 */
class AuditReportBrowserTest {

    static final List<String> SECTIONS = List.of("headline", "reconciliation", "null-policy", "provider-funnel", "trend",
            "league-table", "provider-spc", "commissioners", "age-bands", "methods");
    /** A count as published under disclosure control: *, 0, or a whole number with thousands separators. */
    static final Pattern CONTROLLED_COUNT = Pattern.compile("\\*|0|[1-9]\\d{0,2}(,\\d{3})*");
    /** A provider's hover text begins "T-03: 350 counted of 21,995 records, 15.96 per 1,000; ". */
    static final Pattern PROVIDER_HOVER = Pattern.compile("^(\\S+): (\\S+) counted of (\\S+) records, (\\S+) per 1,000; ");

    private static SampleReports reports;
    private static BackcheckServer server;
    private static final List<String> serverLog = Collections.synchronizedList(new ArrayList<>());
    private static ChromeDriver browser;
    private static ReportPage page;

    @BeforeAll
    static void start() throws IOException {
        reports = SampleReports.get();
        server = BackcheckServer.builder()
                .requestLog(serverLog::add)
                .report(reports::controlledHtml)
                .build()
                .start(0);
        browser = HeadlessChromium.start(Files.createTempDirectory(reports.scratch(), "chromium-profile-"));
        page = new ReportPage(browser);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.stop();
        }
    }

    private static String fileUrl() {
        return reports.controlledHtml().toUri().toString();
    }

    private static String serverUrl(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void fromItsFileTheReportShowsEverySectionAndTheHeadlineFigures() {
        page.open(fileUrl());
        assertThat(browser.getTitle()).isEqualTo(SampleReports.TITLE);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(SampleReports.TITLE);
        assertThat(page.sectionIds()).containsSubsequence(SECTIONS);
        for (String id : SECTIONS) {
            WebElement section = browser.findElement(By.id(id));
            assertThat(section.isDisplayed()).as(id).isTrue();
            assertThat(section.findElement(By.tagName("h2")).getText()).as(id).isNotBlank();
        }

        List<WebElement> cards = browser.findElements(By.cssSelector("#headline .card"));
        // Four totals, then the funnel's outliers and the months with special cause (there is a funnel and a trend).
        assertThat(cards).hasSize(6);
        for (WebElement card : cards) {
            assertThat(card.findElement(By.className("value")).getText()).as(card.getText()).isNotBlank();
            assertThat(card.findElement(By.className("label")).getText()).as(card.getText()).isNotBlank();
        }
        String rowsRead = Disclosure.CONTROLLED.count(reports.controlled().summary().rowsRead());
        assertThat(cards.get(0).findElement(By.className("value")).getText())
                .isEqualTo(String.format(Locale.UK, "%,d", Long.parseLong(rowsRead)));
        assertThat(browser.findElement(By.id("sample-data")).isDisplayed()).isTrue();
        assertTheStyleSheetApplies();
    }

    @Test
    void fromItsFileThePageRequestsNothingButItself() {
        PageTraffic.reset(browser);
        page.open(fileUrl());
        PageTraffic traffic = PageTraffic.since(browser);
        assertThat(traffic.requestedUrls()).containsExactly(fileUrl());
        assertThat(traffic.failures()).isEmpty();
        assertThat(traffic.console()).isEmpty();
        assertThat(page.resourceTimings()).isEmpty();
    }

    @Test
    void servedOnReportThePageRendersUnderTheRoutePolicyAndRequestsNothingButItself() {
        String url = serverUrl("/report");
        serverLog.clear();
        PageTraffic.reset(browser);
        page.open(url);
        PageTraffic traffic = PageTraffic.since(browser);
        assertThat(traffic.requestedUrls()).containsExactly(url);
        PageTraffic.Response response = traffic.responseTo(url).orElseThrow();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("content-security-policy", LatestReport.POLICY);
        assertThat(traffic.failures()).isEmpty();
        assertThat(traffic.console()).isEmpty();
        assertThat(page.resourceTimings()).isEmpty();
        assertThat(List.copyOf(serverLog)).singleElement().asString().startsWith("GET /report 200 ");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(SampleReports.TITLE);
        assertThat(page.sectionIds()).containsSubsequence(SECTIONS);
        assertTheStyleSheetApplies();
    }

    /** The traffic checks above can fail: a page that loads an image is caught, and so is one whose policy refuses it. */
    @Test
    void theTrafficCheckSeesARequestAndARefusal() throws IOException {
        String image = serverUrl("/not-a-report-image.png");
        Path loads = reports.scratch().resolve("loads-an-image.html");
        Files.writeString(loads, "<!DOCTYPE html><html><head><title>t</title></head><body><img src=\"" + image
                + "\" alt=\"\"></body></html>");
        PageTraffic.reset(browser);
        page.open(loads.toUri().toString());
        assertThat(PageTraffic.since(browser).requestedUrls()).containsExactly(loads.toUri().toString(), image);
        assertThat(page.resourceTimings()).containsExactly(image);

        Path refused = reports.scratch().resolve("refuses-an-image.html");
        Files.writeString(refused, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\""
                + "default-src 'none'; style-src 'unsafe-inline'\"><title>t</title></head><body><img src=\"" + image
                + "\" alt=\"\"></body></html>");
        PageTraffic.reset(browser);
        page.open(refused.toUri().toString());
        PageTraffic traffic = PageTraffic.since(browser);
        assertThat(String.join("\n", traffic.console()) + "\n" + String.join("\n", traffic.failures())).contains(image);
    }

    @Test
    void theProviderFunnelDrawsEveryShownProviderWithItsFiguresOnHover() {
        page.open(fileUrl());
        Map<String, Map<String, String>> league = page.table("#league-table table");
        WebElement funnel = browser.findElement(By.cssSelector("#provider-funnel svg"));
        assertThat(ownTitle(funnel)).isNotBlank();
        assertThat(funnel.getRect().getWidth()).isPositive();
        assertThat(funnel.getRect().getHeight()).isPositive();

        FunnelResult result = reports.controlled().providerFunnel().orElseThrow();
        // Disclosure control leaves out a provider whose counted, records, or records not counted are 1 to 7.
        Set<String> shown = result.points().stream()
                .filter(p -> {
                    long counted = p.unit().numerator();
                    long records = Math.round(p.unit().denominator());
                    return !small(counted) && !small(records) && !small(records - counted);
                })
                .map(p -> p.unit().org())
                .collect(Collectors.toSet());
        List<WebElement> points = funnel.findElements(By.tagName("circle"));
        assertThat(points).isNotEmpty().hasSize(shown.size());
        Set<String> drawn = new HashSet<>();
        for (WebElement point : points) {
            String hover = ownTitle(point);
            assertThat(hover).contains("per 1,000");
            Matcher m = PROVIDER_HOVER.matcher(hover);
            assertThat(m.find()).as(hover).isTrue();
            String code = m.group(1);
            assertThat(league).as(hover).containsKey(code);
            Map<String, String> row = league.get(code);
            assertThat(m.group(2).replace(",", "")).as(hover).isEqualTo(row.get("Counted").replace(",", ""));
            assertThat(m.group(3).replace(",", "")).as(hover).isEqualTo(row.get("Records").replace(",", ""));
            assertThat(m.group(4)).as(hover).isEqualTo(row.get("Per 1,000"));
            assertThat(drawn.add(code)).as("one point per provider: " + code).isTrue();
        }
        assertThat(drawn).isEqualTo(shown);
        List<WebElement> notDrawn = browser.findElements(By.id("funnel-suppressed"));
        if (shown.size() == result.points().size()) {
            assertThat(notDrawn).isEmpty();
        } else {
            result.points().stream().map(p -> p.unit().org()).filter(o -> !shown.contains(o))
                    .forEach(o -> assertThat(notDrawn.get(0).getText()).contains(o));
        }
    }

    @Test
    void theTrendCommissionerAndProviderChartsHaveTitlesAndHoverText() {
        page.open(fileUrl());
        WebElement trend = browser.findElement(By.cssSelector("#trend svg"));
        assertThat(ownTitle(trend)).isNotBlank();
        List<String> months = new ArrayList<>(page.table("#trend table").keySet());
        assertThat(months).isNotEmpty().hasSize(reports.controlled().months().size());
        List<WebElement> monthPoints = trend.findElements(By.cssSelector("circle.spt"));
        assertThat(monthPoints).hasSize(months.size());
        // The Making Data Count variation icon carries its meaning as text.
        assertThat(trend.findElement(By.cssSelector("g.icon.variation")).getAttribute("aria-label")).contains("variation");
        for (int i = 0; i < months.size(); i++) {
            assertThat(ownTitle(monthPoints.get(i))).startsWith("Whole extract, " + months.get(i) + ": ")
                    .containsAnyOf("common cause", "special cause");
        }

        WebElement commissionerFunnel = browser.findElement(By.cssSelector("#commissioners svg"));
        assertThat(ownTitle(commissionerFunnel)).isNotBlank();
        Set<String> commissioners = page.table("#commissioners table").keySet();
        List<WebElement> commissionerPoints = commissionerFunnel.findElements(By.tagName("circle"));
        assertThat(commissionerPoints).isNotEmpty();
        for (WebElement point : commissionerPoints) {
            String hover = ownTitle(point);
            assertThat(hover).contains(" expected, ratio ");
            assertThat(commissioners).as(hover).contains(hover.substring(0, hover.indexOf(':')));
        }

        List<WebElement> providerCharts = browser.findElements(By.cssSelector("#provider-spc svg"));
        assertThat(providerCharts).isNotEmpty().hasSize(reports.controlled().providerSpc().size());
        Set<String> providers = page.table("#league-table table").keySet();
        for (WebElement chart : providerCharts) {
            String provider = ownTitle(chart);
            assertThat(providers).contains(provider);
            assertThat(chart.findElements(By.cssSelector("circle.spt"))).isNotEmpty()
                    .allSatisfy(c -> assertThat(ownTitle(c)).startsWith(provider + ", "));
        }
    }

    @Test
    void underDisclosureControlNoCountOfOneToSevenIsShownAndWithoutItTheReportSaysSo() {
        page.open(fileUrl());
        assertThat(browser.findElement(By.id("disclosure-control")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.id("no-disclosure-control"))).isEmpty();
        Map<String, Map<String, String>> league = page.table("#league-table table");
        assertThat(league).isNotEmpty();
        for (var row : league.entrySet()) {
            for (var cell : row.getValue().entrySet()) {
                assertThat(cell.getValue()).as(row.getKey() + " " + cell.getKey()).doesNotMatch("[1-7]");
            }
            for (String column : List.of("Records", "Counted", "Excluded")) {
                String count = row.getValue().get(column);
                assertThat(count).as(row.getKey() + " " + column).matches(CONTROLLED_COUNT);
                if (!count.equals(Disclosure.SUPPRESSED)) {
                    assertThat(Long.parseLong(count.replace(",", "")) % 5).as(row.getKey() + " " + column + " " + count).isZero();
                }
            }
        }

        page.open(reports.uncontrolledHtml().toUri().toString());
        assertThat(browser.findElement(By.id("no-disclosure-control")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.id("disclosure-control"))).isEmpty();
        // Exact counts are there without control, so the rounding checked above is the control's doing.
        assertThat(page.table("#league-table table").values()).anySatisfy(row ->
                assertThat(Long.parseLong(row.get("Counted").replace(",", "")) % 5).isNotZero());
    }

    /** Rules of the report's inline style sheet are in force: none of these is the browser's default. */
    private static void assertTheStyleSheetApplies() {
        WebElement card = browser.findElement(By.cssSelector("#headline .card"));
        assertThat(card.getCssValue("border-top-style")).isEqualTo("solid");
        assertThat(card.getCssValue("border-top-width")).isEqualTo("1px");
        assertThat(Color.fromString(browser.findElement(By.id("disclosure-control")).getCssValue("background-color")))
                .isEqualTo(Color.fromString("#eef6ee"));
        assertThat(browser.findElement(By.cssSelector("#provider-funnel circle")).getCssValue("stroke")).isNotEqualTo("none");
    }

    private static boolean small(long n) {
        return n >= 1 && n <= Disclosure.SMALL_COUNT_MAX;
    }
}
