package org.backcheck.service.report;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver, as in {@code WebPageBrowserTest}:
 * both paths are given so Selenium Manager never runs (surefire also sets SE_OFFLINE). The browser
 * keeps its DevTools network events (the "performance" log) and its console, so a test can see every
 * request a page made and every resource the page's policy refused.
 */
final class HeadlessChromium {

    /** Debian's packages' paths; the properties exist to check that a missing browser fails the build. */
    static final Path CHROMIUM = Path.of(System.getProperty("backcheck.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("backcheck.chromedriver", "/usr/bin/chromedriver"));

    static final int WIDTH = 1280;
    static final int HEIGHT = 1600;

    private HeadlessChromium() {
    }

    /** Starts a browser with a fresh profile in {@code profile}; the caller quits it. */
    static ChromeDriver start(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The browser test needs Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ". Run ./run-tests (it installs them) or: apt-get install chromium chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--window-size=" + WIDTH + "," + HEIGHT,
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
