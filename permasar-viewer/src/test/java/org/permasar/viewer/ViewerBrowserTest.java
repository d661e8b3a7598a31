package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.mintpy.MintPyProduct;

/**
 * End to end, as a user does it: Debian Chromium (headless, 1400 × 900) opens the viewer, zooms with the
 * map's + button, picks the ascending time series, moves the date slider with the keyboard, moves over a
 * pixel and clicks it, drags a box, and reopens the link in the address bar.
 *
 * <p>Every number on the page is checked against the files, read here with the project's readers
 * (MintPyProduct, GeoTiffReader), not through the viewer: the slice on the map, the readout's row/col, the
 * chart's series of both tracks, the first point of the trend + annual model (MintPy's formula from the
 * velocity.h5 terms), the LST beneath (file K − 273.15), the box mean. Latitude/longitude are checked against
 * Proj4J called directly (EPSG:n → EPSG:4326 of the readout's map x/y, and of the pixel centre).
 *
 * <p>Data: {@link ViewerFixture} (EPSG:4326) by default; the output of {@code permasar demo --small} (UTM 46N)
 * when {@code -Dpermasar.viewer.demo=DIR} names one (CI: after the demo run). Screenshots:
 * {@code target/viewer-e2e-*.png}. Skipped when chromium/chromedriver are absent.
 */
class ViewerBrowserTest {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void zoomSlideClickBoxAndReopenTheLink() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(), "needs /usr/bin/chromium and /usr/bin/chromedriver");
        String demo = System.getProperty("permasar.viewer.demo", "");
        Path root = demo.isBlank() ? ViewerFixture.write(Files.createDirectories(tmp.resolve("out"))) : Path.of(demo);
        int row = demo.isBlank() ? 2 : 8, col = demo.isBlank() ? 5 : 10;
        Path ascTs = root.resolve("asc/timeseries.h5"), descTs = root.resolve("desc/timeseries.h5");

        ChromeOptions opts = new ChromeOptions();
        opts.setBinary(CHROMIUM);
        opts.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--hide-scrollbars", "--user-data-dir=" + Files.createDirectories(tmp.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        // the fixture gets a stand-in PECM model (ViewerApiTest#pecmOfAsc); `permasar view` supplies the run's own
        // (ConfiguredPecmCurves in permasar-cli, tested against the demo's truth in DemoPipelineTest)
        PecmCurves pecm = demo.isBlank() ? ViewerApiTest::pecmOfAsc : PecmCurves.NONE;
        try (ViewerServer server = ViewerServer.start(ViewerServer.Config.local(root).withPecm(pecm))) {
            ChromeDriver driver = new ChromeDriver(service, opts);
            try {
                JavascriptExecutor js = driver;
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                driver.get(server.url());
                waitIdle(wait, js);
                // opens on a velocity (the decomposition's vertical velocity, else the LOS velocity), not on ALT
                assertThat((String) js.executeScript("return viewerState.layer.title")).containsIgnoringCase("velocity");
                shot(driver, "viewer-e2e-open.png");

                // zoom with the + button
                double z0 = ((Number) js.executeScript("return viewerState.map.getZoom()")).doubleValue();
                // (on a loaded machine a click can be lost between chromedriver and the page: up to three tries)
                WebDriverWait shortWait = new WebDriverWait(driver, Duration.ofSeconds(5));
                boolean zoomed = false;
                for (int attempt = 0; attempt < 3 && !zoomed; attempt++) {
                    driver.findElement(By.cssSelector(".leaflet-control-zoom-in")).click();
                    try {
                        shortWait.until(d -> ((Number) js.executeScript("return viewerState.map.getZoom()")).doubleValue() > z0);
                        zoomed = true;
                    } catch (org.openqa.selenium.TimeoutException e) {
                        System.err.println("ViewerBrowserTest: zoom click " + (attempt + 1) + " not seen, retrying");
                    }
                }
                assertThat(zoomed).as("the map zooms in on a click of +").isTrue();

                // the ascending time series: ONE layer with a date slider
                new Select(driver.findElement(By.id("layer"))).selectByValue("asc/timeseries.h5:timeseries");
                wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return viewerState.layer.id === 'asc/timeseries.h5:timeseries' && viewerState.loading === 0")));
                List<LocalDate> dates;
                GridGeometry grid;
                float[] cube;
                try (MintPyProduct p = MintPyProduct.open(ascTs)) {
                    dates = p.dates();
                    grid = p.grid();
                    cube = p.read("timeseries", Window.of(grid));
                }
                int n = dates.size();
                assertThat(((Number) js.executeScript("return viewerState.band")).intValue()).isEqualTo(n - 1);
                WebElement slider = driver.findElement(By.id("date"));
                slider.sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT);
                wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return viewerState.band === " + (n - 4) + " && viewerState.loading === 0")));
                assertThat(driver.findElement(By.id("datelabel")).getText()).isEqualTo(dates.get(n - 4).toString());
                @SuppressWarnings("unchecked")
                List<Number> shown = (List<Number>) js.executeScript("return Array.from(viewerState.values)");
                int size = grid.size();
                assertThat(shown).hasSize(size);
                for (int i = 0; i < size; i++) {
                    float expect = cube[(n - 4) * size + i];
                    if (Float.isNaN(expect)) {
                        assertThat(shown.get(i)).isNull(); // NaN comes back from the browser as null
                    } else {
                        assertThat(shown.get(i).floatValue()).isEqualTo(expect);
                    }
                }

                // move over the pixel: readout row/col and lat/lon
                GeoTransform t = grid.transform();
                double cx = t.x(col + 0.5, row + 0.5), cy = t.y(col + 0.5, row + 0.5);
                js.executeScript("viewerState.map.panTo([arguments[0], arguments[1]], {animate: false})", cy, cx);
                WebElement map = driver.findElement(By.id("map"));
                int[] off = offsetOf(js, map, cy, cx);
                new Actions(driver).moveToElement(map, off[0], off[1]).perform();
                wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return viewerState.readout !== null && viewerState.readout.lat !== null")));
                @SuppressWarnings("unchecked")
                Map<String, Object> ro = (Map<String, Object>) js.executeScript("return viewerState.readout");
                assertThat(((Number) ro.get("row")).intValue()).isEqualTo(row);
                assertThat(((Number) ro.get("col")).intValue()).isEqualTo(col);
                double[] llCursor = latLon(grid.epsg(), num(ro, "x"), num(ro, "y"));
                assertThat(num(ro, "lat")).isCloseTo(llCursor[0], within(1e-8));
                assertThat(num(ro, "lon")).isCloseTo(llCursor[1], within(1e-8));
                double[] llCentre = latLon(grid.epsg(), cx, cy);
                double halfPixelDeg = grid.epsg() == 4326 ? 0.6 * Math.abs(t.pixelWidth()) : 0.6 * Math.abs(t.pixelWidth()) / 111e3 * 1.3;
                assertThat(num(ro, "lat")).isCloseTo(llCentre[0], within(halfPixelDeg));
                assertThat(num(ro, "lon")).isCloseTo(llCentre[1], within(halfPixelDeg));
                String readout = driver.findElement(By.id("readout")).getText();
                assertThat(readout).contains(String.format(Locale.ROOT, "%.5f° N", num(ro, "lat")))
                        .contains("row " + row + ", col " + col);
                float atPixel = cube[(n - 4) * size + row * grid.cols() + col];
                assertThat(readout).contains(String.format(Locale.ROOT, "%.3f mm", 1000.0 * atPixel));

                // click: both tracks' series, the model, the LST beneath
                new Actions(driver).moveToElement(map, off[0], off[1]).click().perform();
                wait.until(d -> Boolean.TRUE.equals(js.executeScript("return viewerState.chartReady")));
                @SuppressWarnings("unchecked")
                List<String> labels = (List<String>) js.executeScript(
                        "return Chart.getChart('chart').data.datasets.map(d => d.label)");
                assertThat(labels).contains("asc LOS (asc/timeseries.h5)", "asc trend + annual (asc/velocity.h5)",
                        "desc LOS (desc/timeseries.h5)");
                assertSeries(js, labels.indexOf("asc LOS (asc/timeseries.h5)"), ascTs, cx, cy);
                assertSeries(js, labels.indexOf("desc LOS (desc/timeseries.h5)"), descTs, cx, cy);
                Number model0 = (Number) js.executeScript("return Chart.getChart('chart').data.datasets["
                        + labels.indexOf("asc trend + annual (asc/velocity.h5)") + "].data[0].y");
                assertThat(model0.doubleValue()).isCloseTo(mintpyModelMm(root.resolve("asc/velocity.h5"), row, col,
                        dates.get(0)), within(1e-3));
                Path lst = root.resolve("scene/lst_8day.tif");
                if (Files.exists(lst)) {
                    @SuppressWarnings("unchecked")
                    List<Number> lstShown = (List<Number>) js.executeScript(
                            "return Chart.getChart('forcing').data.datasets[0].data.map(p => p.y)");
                    try (GeoTiffReader r = GeoTiffReader.open(lst)) {
                        float[] v = r.read(GeoTiffReader.BANDS, new Window(row, col, 1, 1));
                        assertThat(lstShown).hasSize(v.length);
                        for (int k = 0; k < v.length; k++) {
                            if (Float.isNaN(v[k])) {
                                assertThat(lstShown.get(k)).isNull(); // a cloud gap stays a gap
                            } else {
                                assertThat(lstShown.get(k).doubleValue()).isCloseTo(v[k] - 273.15, within(1e-3));
                            }
                        }
                    }
                }
                if (demo.isBlank()) {
                    // the PECM curve over the series (mm) and its forcing I on the right axis beneath
                    int pi = labels.indexOf("asc PECM test curve");
                    assertThat(pi).as("PECM curve in " + labels).isNotNegative();
                    @SuppressWarnings("unchecked")
                    List<Number> pm = (List<Number>) js.executeScript(
                            "return Chart.getChart('chart').data.datasets[" + pi + "].data.map(p => p.y)");
                    for (int k = 0; k < n; k++) {
                        assertThat(pm.get(k).doubleValue()).isCloseTo(0.5 * k * k - row, within(1e-3));
                    }
                    @SuppressWarnings("unchecked")
                    List<String> flabels = (List<String>) js.executeScript(
                            "return Chart.getChart('forcing').data.datasets.map(d => d.label + '@' + (d.yAxisID || 'y'))");
                    assertThat(flabels).contains("asc PECM forcing I (√(°C·day))@y2");
                    Number i3 = (Number) js.executeScript("return Chart.getChart('forcing').data.datasets["
                            + flabels.indexOf("asc PECM forcing I (√(°C·day))@y2") + "].data[3].y");
                    assertThat(i3.doubleValue()).isCloseTo(Math.sqrt(30), within(1e-5));
                }
                assertThat(driver.findElement(By.id("pixelinfo")).getText())
                        .contains(String.format(Locale.ROOT, "%.5f° N", llCentre[0]))
                        .contains(String.format(Locale.ROOT, "%.5f° E", llCentre[1]));
                // the CSV export holds what is shown: one row per point of each track's series
                String csv = (String) js.executeScript("return csvText()");
                assertThat(csv).contains("source,file,date,value,unit");
                assertThat(csv.lines().filter(l -> l.startsWith("\"displacement asc\"")).count()).isEqualTo(n);
                assertThat(csv).contains("\"displacement asc\",\"asc/timeseries.h5\",\"" + dates.get(n - 1) + "\"");
                shot(driver, "viewer-e2e-pixel.png");

                // a box of 3 × 3 pixels around the clicked one: its mean series
                driver.findElement(By.id("drawbox")).click();
                int[] a = offsetOf(js, map, t.y(col - 0.5, row - 0.5), t.x(col - 0.5, row - 0.5));
                int[] b = offsetOf(js, map, t.y(col + 1.5, row + 1.5), t.x(col + 1.5, row + 1.5));
                new Actions(driver).moveToElement(map, a[0], a[1]).clickAndHold().moveToElement(map, b[0], b[1])
                        .release().perform();
                wait.until(d -> Boolean.TRUE.equals(js.executeScript("return viewerState.regionReady")));
                Number pixels = (Number) js.executeScript("return viewerState.region.series[0].pixels");
                assertThat(pixels.intValue()).isEqualTo(9);
                Number meanLast = (Number) js.executeScript("return viewerState.region.series[0].mm[" + (n - 1) + "]");
                assertThat(meanLast.doubleValue()).isCloseTo(boxMeanMm(cube, grid, n - 1, row - 1, col - 1, 3), within(1e-3));
                shot(driver, "viewer-e2e-box.png");

                // a polygon: click two vertices, double-click the third; its pixels are those whose centres
                // java.awt.geom.Path2D (even–odd) finds inside the vertices the server echoes
                driver.findElement(By.id("drawpoly")).click();
                double[][] tri = {{row - 1.3, col - 1.3}, {row - 1.3, col + 2.2}, {row + 2.4, col - 1.3}};
                Actions draw = new Actions(driver);
                for (int v = 0; v < 3; v++) {
                    int[] o = offsetOf(js, map, t.y(tri[v][1], tri[v][0]), t.x(tri[v][1], tri[v][0]));
                    draw = v < 2 ? draw.moveToElement(map, o[0], o[1]).click().pause(Duration.ofMillis(400))
                            : draw.moveToElement(map, o[0], o[1]).doubleClick();
                }
                draw.perform();
                wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return viewerState.regionReady && !!viewerState.region.polygon")));
                @SuppressWarnings("unchecked")
                List<List<Number>> echoed = (List<List<Number>>) js.executeScript("return viewerState.region.polygon");
                assertThat(echoed).hasSize(3);
                java.awt.geom.Path2D.Double shape = new java.awt.geom.Path2D.Double(java.awt.geom.Path2D.WIND_EVEN_ODD);
                for (int v = 0; v < 3; v++) {
                    double pr = echoed.get(v).get(0).doubleValue(), pc = echoed.get(v).get(1).doubleValue();
                    assertThat(pr).isCloseTo(tri[v][0], within(0.2)); // a click lands on a screen pixel
                    assertThat(pc).isCloseTo(tri[v][1], within(0.2));
                    if (v == 0) {
                        shape.moveTo(pc, pr);
                    } else {
                        shape.lineTo(pc, pr);
                    }
                }
                shape.closePath();
                double sum = 0;
                int inside = 0, valid = 0;
                for (int r = 0; r < grid.rows(); r++) {
                    for (int c = 0; c < grid.cols(); c++) {
                        if (shape.contains(c + 0.5, r + 0.5)) {
                            inside++;
                            float v = cube[(n - 1) * size + r * grid.cols() + c];
                            if (!Float.isNaN(v)) {
                                sum += 1000.0 * v;
                                valid++;
                            }
                        }
                    }
                }
                assertThat(((Number) js.executeScript("return viewerState.region.series[0].pixels")).intValue())
                        .isEqualTo(inside);
                Number polyLast = (Number) js.executeScript("return viewerState.region.series[0].mm[" + (n - 1) + "]");
                assertThat(polyLast.doubleValue()).isCloseTo(sum / valid, within(1e-3));
                assertThat(driver.findElement(By.id("regioninfo")).getText()).startsWith("Polygon of 3 vertices");
                shot(driver, "viewer-e2e-polygon.png");

                // the link reopens the view: layer, date, pixel
                String hash = (String) js.executeScript("return location.hash");
                assertThat(hash).contains("layer=asc%2Ftimeseries.h5%3Atimeseries").contains("band=" + (n - 4))
                        .contains("px=" + row + "%2C" + col);
                driver.get(server.url() + "?again" + hash);
                wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return window.viewerState && viewerState.chartReady === true && viewerState.loading === 0")));
                assertThat(js.executeScript("return viewerState.layer.id")).isEqualTo("asc/timeseries.h5:timeseries");
                assertThat(((Number) js.executeScript("return viewerState.band")).intValue()).isEqualTo(n - 4);
                assertThat(js.executeScript("return viewerState.clicked.row + ',' + viewerState.clicked.col"))
                        .isEqualTo(row + "," + col);
                assertThat(hash).contains("poly=");
                wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                        "return viewerState.regionReady && !!viewerState.region.polygon")));
                assertThat(((Number) js.executeScript("return viewerState.region.series[0].pixels")).intValue())
                        .isEqualTo(inside);
                shot(driver, "viewer-e2e-reopened.png");

                // "Go to" a latitude, longitude (Proj4J's of the centre of the pixel diagonally below) opens that pixel
                double[] ll = latLon(grid.epsg(), t.x(col + 1.5, row + 1.5), t.y(col + 1.5, row + 1.5));
                WebElement lalo = driver.findElement(By.id("lalo"));
                lalo.sendKeys(String.format(Locale.ROOT, "%.7f, %.7f", ll[0], ll[1]), Keys.ENTER);
                wait.until(d -> Boolean.TRUE.equals(js.executeScript("return viewerState.chartReady && "
                        + "viewerState.clicked.row === " + (row + 1) + " && viewerState.clicked.col === " + (col + 1))));
            } finally {
                driver.quit();
            }
        }
    }

    private static void waitIdle(WebDriverWait wait, JavascriptExecutor js) {
        wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                "return window.viewerState && viewerState.values !== null && viewerState.map !== null "
                        + "&& viewerState.loading === 0")));
    }

    /** Offset from the map element's centre (Selenium 4's origin) of map point (y, x). */
    private static int[] offsetOf(JavascriptExecutor js, WebElement map, double y, double x) {
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) js.executeScript(
                "const p = viewerState.map.latLngToContainerPoint([arguments[0], arguments[1]]);"
                        + "const r = arguments[2].getBoundingClientRect(); return {x: p.x, y: p.y, w: r.width, h: r.height};",
                y, x, map);
        return new int[] {(int) Math.round(num(p, "x") - num(p, "w") / 2), (int) Math.round(num(p, "y") - num(p, "h") / 2)};
    }

    /** The chart's points of dataset {@code index} equal the file's series (mm) at the pixel holding (x, y). */
    private static void assertSeries(JavascriptExecutor js, int index, Path ts, double x, double y) throws Exception {
        @SuppressWarnings("unchecked")
        List<Number> ys = (List<Number>) js.executeScript(
                "return Chart.getChart('chart').data.datasets[" + index + "].data.map(p => p.y)");
        try (MintPyProduct p = MintPyProduct.open(ts)) {
            GeoTransform t = p.grid().transform();
            int r = (int) Math.floor(t.row(x, y)), c = (int) Math.floor(t.col(x, y));
            float[] v = p.read("timeseries", new Window(r, c, 1, 1));
            assertThat(ys).as(ts.toString()).hasSize(v.length);
            for (int k = 0; k < v.length; k++) {
                if (Float.isNaN(v[k])) {
                    assertThat(ys.get(k)).isNull();
                } else {
                    assertThat(ys.get(k).doubleValue()).isCloseTo(1000.0 * v[k], within(1e-4));
                }
            }
        }
    }

    /**
     * MintPy's trend + annual model at {@code date}, mm, from the velocity.h5 terms: intercept + v·t + A·sin(2πt + φ),
     * t in MintPy decimal years (year + (doy − 1)/365.25) from REF_DATE.
     */
    private static double mintpyModelMm(Path vel, int row, int col, LocalDate date) throws Exception {
        try (MintPyProduct p = MintPyProduct.open(vel)) {
            Window w = new Window(row, col, 1, 1);
            double v = p.read("velocity", w)[0], b = p.read("intercept", w)[0];
            double amp = Math.abs(p.read("annualAmplitude", w)[0]), ph = p.read("annualPhase", w)[0];
            LocalDate ref = org.permasar.network.Dates.parse(p.attributes().get("REF_DATE"));
            double tt = (date.getYear() + (date.getDayOfYear() - 1) / 365.25) - (ref.getYear() + (ref.getDayOfYear() - 1) / 365.25);
            return 1000 * (b + v * tt + amp * Math.sin(2 * Math.PI * tt + ph));
        }
    }

    private static double boxMeanMm(float[] cube, GridGeometry g, int k, int r0, int c0, int size) {
        double s = 0;
        int n = 0;
        for (int r = r0; r < r0 + size; r++) {
            for (int c = c0; c < c0 + size; c++) {
                float v = cube[k * g.size() + r * g.cols() + c];
                if (!Float.isNaN(v)) {
                    s += 1000.0 * v;
                    n++;
                }
            }
        }
        return s / n;
    }

    /** {lat, lon} of map point (x, y) of EPSG:{@code epsg}, by Proj4J directly. */
    private static double[] latLon(int epsg, double x, double y) {
        if (epsg == 4326) {
            return new double[] {y, x};
        }
        CRSFactory f = new CRSFactory();
        ProjCoordinate out = new ProjCoordinate();
        new CoordinateTransformFactory().createTransform(f.createFromName("EPSG:" + epsg), f.createFromName("EPSG:4326"))
                .transform(new ProjCoordinate(x, y), out);
        return new double[] {out.y, out.x};
    }

    private static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    private static void shot(ChromeDriver driver, String name) throws Exception {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path out = Path.of("target", name);
        Files.createDirectories(out.getParent());
        Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(out)).isPositive();
    }
}
