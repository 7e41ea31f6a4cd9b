package io.hookline.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through {@code /usr/bin/chromedriver}, for the portal's
 * browser tests. Both paths are given explicitly, so Selenium Manager never downloads
 * anything. Without them the test is skipped with a message — except in CI ({@code CI=true}),
 * where {@code .ci/run} installs them, so their absence fails the test instead.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private @Nullable Map<String, Object> viewport;
    private static @Nullable Browser shared;
    private static @Nullable String axeSource;
    private static final String AXE_RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                resultTypes: ['violations']
              })
              .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' ('
                  + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ') + ')')))
              .catch(e => done(['axe failed: ' + e]));
            """;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        requireChromium();
        Path profile;
        try {
            profile = Files.createTempDirectory("hookline-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /**
     * One browser for every browser test class of this JVM (starting Chromium costs seconds),
     * closed when the JVM exits. Callers start each test from a known page and state.
     */
    public static synchronized Browser shared() {
        requireChromium();
        if (shared == null) {
            Browser started = start();
            shared = started;
            Runtime.getRuntime().addShutdownHook(new Thread(started::closeNow, "close-chromium"));
        }
        return shared;
    }

    /** Emulates a phone-sized viewport of {@code width} CSS pixels (as a 390 px iPhone), until {@link #desktop()}. */
    public void phone(int width, int height) {
        viewport = Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", viewport);
    }

    /** Back to the window's own size, light colour scheme and no theme chosen in the page. */
    public void desktop() {
        viewport = null;
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        colorScheme("light");
    }

    /** Emulates {@code prefers-color-scheme: dark} or {@code light}. */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand(
                "Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /**
     * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and answers each violation
     * as "rule: help (selectors)"; empty when there is none. The script comes from the test
     * classpath, never from the network.
     */
    @SuppressWarnings("unchecked")
    public List<String> accessibilityViolations() {
        if (axeSource == null) {
            try (var in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the test classpath");
                }
                axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(axeSource);
        }
        Object result = driver.executeAsyncScript(AXE_RUN);
        return result instanceof List<?> list ? (List<String>) list : List.of(String.valueOf(result));
    }

    /** Whether the page scrolls sideways (its content is wider than the viewport). */
    public long scrollWidth() {
        return ((Number) java.util.Objects.requireNonNull(script("return document.documentElement.scrollWidth")))
                .longValue();
    }

    /** Skips the calling test when Chromium is missing, saying so once in the build's output; fails it in CI. */
    public static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String message = "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): install the Debian packages chromium and chromium-driver to run the portal's browser tests";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " — CI must run them (.ci/run installs both)");
        }
        if (!toldSkipping) {
            toldSkipping = true;
            System.err.println("SKIPPED: " + message);
        }
        Assumptions.abort(message);
    }

    private static volatile boolean toldSkipping;

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /**
     * Waits until the condition answers something other than null or false, and answers that; on
     * timeout the failure describes the page (problem and notice regions, main text, console).
     */
    public <T> T waitUntil(Function<WebDriver, @Nullable T> condition) {
        try {
            // the views re-render: an element found a moment ago may be gone, so look again
            return java.util.Objects.requireNonNull(new WebDriverWait(driver, WAIT, Duration.ofMillis(50))
                    .ignoring(StaleElementReferenceException.class)
                    .until(condition::apply));
        } catch (TimeoutException e) {
            throw new AssertionError(
                    String.valueOf(e.getMessage()).lines().findFirst().orElse("timed out") + "\n" + describePage(), e);
        }
    }

    private String describePage() {
        StringBuilder page = new StringBuilder("page ").append(driver.getCurrentUrl());
        for (String id : List.of("problem", "notices", "main")) {
            List<WebElement> found = driver.findElements(By.id(id));
            String text = found.isEmpty() ? "(absent)" : found.getFirst().getText();
            page.append("\n#")
                    .append(id)
                    .append(": ")
                    .append(text.length() > 1500 ? text.substring(0, 1500) + "…" : text);
        }
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                page.append("\nconsole ").append(entry.getLevel()).append(' ').append(entry.getMessage());
            }
        } catch (RuntimeException e) {
            page.append("\n(no console log: ").append(e.getMessage()).append(')');
        }
        return page.toString();
    }

    /** The first visible element matching, waiting for it. */
    public WebElement find(By by) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(by)::apply);
    }

    public WebElement find(WebElement within, By by) {
        return waitUntil(d -> {
            List<WebElement> found = within.findElements(by);
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    /** Waits until the first element matching has text containing {@code text}, and answers its whole text. */
    public String waitForText(By by, String text) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(by);
            String current = found.isEmpty() ? "" : found.getFirst().getText();
            return current.contains(text) ? current : null;
        });
    }

    public void click(By by) {
        waitUntil(d -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (element == null) {
                return null;
            }
            element.click();
            return true;
        });
    }

    public void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    public @Nullable Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Saves a PNG of the whole page as {@code <name>.png} in the folder named by the system
     * property {@code hookline.screenshots} or the environment variable
     * {@code HOOKLINE_SCREENSHOTS} (relative to the project root); does nothing when neither
     * is set, so ordinary test runs leave the tree alone.
     */
    public void screenshot(String name) {
        screenshot(name, true);
    }

    /** As {@link #screenshot(String)}; {@code wholePage} false keeps to the window (for a dialog). */
    public void screenshot(String name, boolean wholePage) {
        Path folder = screenshotFolder();
        if (folder == null) {
            return;
        }
        int height = script("return Math.ceil(document.documentElement.scrollHeight)") instanceof Number n
                ? n.intValue()
                : 0;
        boolean grow = wholePage && height > 0;
        try {
            if (grow) {
                // the viewport as tall as the page for the picture, as Chromium's own full-page capture does
                Dimension window = driver.manage().window().getSize();
                Object width = script("return document.documentElement.clientWidth");
                driver.executeCdpCommand(
                        "Emulation.setDeviceMetricsOverride",
                        Map.of(
                                "width",
                                width instanceof Number w ? w.intValue() : window.getWidth(),
                                "height",
                                ((Number) height).intValue(),
                                "deviceScaleFactor",
                                1,
                                "mobile",
                                viewport != null));
                script("window.scrollTo(0, 0)");
            }
            Files.createDirectories(folder);
            Files.write(folder.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (grow) {
                if (viewport == null) {
                    driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
                } else {
                    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", viewport);
                }
            }
        }
    }

    private static @Nullable Path screenshotFolder() {
        String value = System.getProperty("hookline.screenshots", System.getenv("HOOKLINE_SCREENSHOTS"));
        if (value == null || value.isBlank()) {
            return null;
        }
        Path folder = Path.of(value);
        return folder.isAbsolute() ? folder : projectRoot().resolve(folder);
    }

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path at = dir; at != null; at = at.getParent()) {
            if (Files.exists(at.resolve("mvnw")) && Files.isDirectory(at.resolve("api"))) {
                return at;
            }
        }
        return dir;
    }

    @Override
    public void close() {
        if (this == shared) {
            return; // closed when the JVM exits
        }
        closeNow();
    }

    private void closeNow() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind is harmless
            }
        }
    }
}
