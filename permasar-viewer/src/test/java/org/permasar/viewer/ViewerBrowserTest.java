package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end: Debian Chromium (headless) opens the viewer on {@link ViewerFixture}, a click on
 * pixel (row 2, col 5) of the first layer draws both tracks' series and the asc model, and the
 * plotted values equal the fixture's closed form. Skipped when chromium/chromedriver are absent.
 * Leaves a screenshot in target/viewer-e2e.png.
 */
class ViewerBrowserTest {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final int ROW = 2, COL = 5;

    @TempDir
    Path tmp;

    @Test
    void clickAPixelAndSeeItsTimeSeries() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        Path root = ViewerFixture.write(Files.createDirectories(tmp.resolve("out")));
        ChromeOptions opts = new ChromeOptions();
        opts.setBinary(CHROMIUM);
        opts.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1100",
                "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        try (ViewerServer server = ViewerServer.start(ViewerServer.Config.local(root))) {
            ChromeDriver driver = new ChromeDriver(service, opts);
            try {
                driver.get(server.url());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                JavascriptExecutor js = driver;
                wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return window.viewerState && window.viewerState.values !== null")));
                assertThat(js.executeScript("return window.viewerState.layer.name"))
                        .isEqualTo("asc/temporalCoherence.h5:temporalCoherence");

                WebElement map = driver.findElement(By.id("map"));
                @SuppressWarnings("unchecked")
                Map<String, Object> rect = (Map<String, Object>) js.executeScript(
                        "const r = arguments[0].getBoundingClientRect(); return {w: r.width, h: r.height};", map);
                double w = ((Number) rect.get("w")).doubleValue(), h = ((Number) rect.get("h")).doubleValue();
                // Selenium 4 offsets are from the element's centre; aim at the pixel's centre
                int dx = (int) Math.round((COL + 0.5) * w / ViewerFixture.COLS - w / 2);
                int dy = (int) Math.round((ROW + 0.5) * h / ViewerFixture.ROWS - h / 2);
                new Actions(driver).moveToElement(map, dx, dy).perform();
                assertThat(driver.findElement(By.id("readout")).getText())
                        .startsWith("row 2, col 5: 0.25"); // coherence 0.1·2 + 0.01·5
                new Actions(driver).moveToElement(map, dx, dy).click().perform();
                wait.until(d -> Boolean.TRUE.equals(js.executeScript("return window.viewerState.chartReady")));

                @SuppressWarnings("unchecked")
                List<String> labels = (List<String>) js.executeScript(
                        "return Chart.getChart('chart').data.datasets.map(d => d.label)");
                assertThat(labels).containsExactly("asc (asc/timeseries.h5)", "asc model", "desc (desc/timeseries.h5)");
                @SuppressWarnings("unchecked")
                List<Number> asc = (List<Number>) js.executeScript(
                        "return Chart.getChart('chart').data.datasets[0].data.map(p => p.y)");
                assertThat(asc).hasSize(ViewerFixture.DATES);
                for (int k = 0; k < ViewerFixture.DATES; k++) {
                    assertThat(asc.get(k).doubleValue()).isCloseTo(ViewerFixture.ascMm(k, ROW, COL), within(1e-4));
                }
                @SuppressWarnings("unchecked")
                List<Number> desc = (List<Number>) js.executeScript(
                        "return Chart.getChart('chart').data.datasets[2].data.map(p => p.y)");
                assertThat(desc.get(0).doubleValue()).isCloseTo(-2.0, within(1e-4));
                // the model's first point is REF_DATE: intercept 2 mm + 5 mm·sin(π/2)
                Number model0 = (Number) js.executeScript("return Chart.getChart('chart').data.datasets[1].data[0].y");
                assertThat(model0.doubleValue()).isCloseTo(7.0, within(1e-4));
                assertThat(driver.findElement(By.id("seriesinfo")).getText()).contains("rate 30.00 mm/yr")
                        // one amplitude vocabulary: the fixture's |A| = 5 mm is a 10 mm peak-to-trough
                        .contains("annual peak-to-trough 10.00 mm (semi-amplitude 5.00 mm");
                // maps in mm and mm/yr whatever the file's SI unit; other units as they are
                assertThat(js.executeScript("const d = display('m/year'); return d.k + ' ' + d.unit")).isEqualTo("1000 mm/yr");
                assertThat(js.executeScript("const d = display('m'); return d.k + ' ' + d.unit")).isEqualTo("1000 mm");
                assertThat(js.executeScript("const d = display('radian'); return d.k + ' ' + d.unit")).isEqualTo("1 radian");

                File shot = driver.getScreenshotAs(OutputType.FILE);
                Path out = Path.of("target", "viewer-e2e.png");
                Files.createDirectories(out.getParent());
                Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
                assertThat(Files.size(out)).isPositive();
            } finally {
                driver.quit();
            }
        }
    }
}
