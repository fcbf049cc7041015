package org.backcheck.service.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The audit report as the browser shows it. Scripts run here are WebDriver's, not the page's: the
 * report has none, and its policy would refuse any.
 */
final class ReportPage {

    private final WebDriver browser;

    ReportPage(WebDriver browser) {
        this.browser = browser;
    }

    /** Loads {@code url} and waits until the document and everything it asked for have loaded. */
    void open(String url) {
        browser.get(url);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "complete".equals(js("return document.readyState;")));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    double number(String script, Object... args) {
        return ((Number) js(script, args)).doubleValue();
    }

    /** The ids of the report's sections, in page order. */
    @SuppressWarnings("unchecked")
    List<String> sectionIds() {
        return (List<String>) js("return Array.from(document.querySelectorAll('main > section')).map(s => s.id);");
    }

    /** What the page's Resource Timing saw loaded besides the document (images, fonts, style sheets, fetches). */
    @SuppressWarnings("unchecked")
    List<String> resourceTimings() {
        return (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name);");
    }

    /**
     * The report's blocks (a section's tables, figures, paragraphs; the header's lines) that reach past
     * {@code width} CSS pixels, each as "section TAG ends at x".
     */
    @SuppressWarnings("unchecked")
    List<String> blocksWiderThan(double width) {
        return (List<String>) js("return Array.from(document.querySelectorAll('header > *, main > section > *, footer > *'))"
                + " .filter(e => e.getBoundingClientRect().right > arguments[0] + 0.5)"
                + " .map(e => (e.parentElement.id || e.parentElement.tagName) + ' ' + e.tagName + ' ends at '"
                + " + Math.round(e.getBoundingClientRect().right));", width);
    }

    /** The text of an element's own {@code <title>} child: a chart's title, or a point's hover text. */
    static String ownTitle(WebElement element) {
        return element.findElement(By.cssSelector(":scope > title")).getDomProperty("textContent");
    }

    /** A data table as row header → column header → cell text, in page order; row headers must be unique. */
    Map<String, Map<String, String>> table(String css) {
        @SuppressWarnings("unchecked")
        List<List<String>> cells = (List<List<String>>) js("const t = document.querySelector(arguments[0]);"
                + " return [t.tHead.rows[0], ...t.tBodies[0].rows].map(r => Array.from(r.cells).map(c => c.textContent.trim()));",
                css);
        List<String> columns = cells.get(0);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (List<String> row : cells.subList(1, cells.size())) {
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int i = 1; i < row.size(); i++) {
                byColumn.put(columns.get(i), row.get(i));
            }
            assertThat(rows.put(row.get(0), byColumn)).as("one row per " + columns.get(0) + ": " + row.get(0)).isNull();
        }
        return rows;
    }
}
