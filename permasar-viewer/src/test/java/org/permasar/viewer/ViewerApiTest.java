package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP API on a live server (port 0) over {@link ViewerFixture}, through java.net.http. */
class ViewerApiTest {
    @TempDir
    static Path tmp;
    static ViewerServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        Path root = ViewerFixture.write(Files.createDirectories(tmp.resolve("out")));
        Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET");
        Files.createSymbolicLink(root.resolve("escape.txt"), tmp.resolve("secret.txt"));
        server = ViewerServer.start(ViewerServer.Config.local(root).withPecm(ViewerApiTest::pecmOfAsc));
    }

    /**
     * A stand-in for the run's PECM model (the viewer only draws what it is given): on asc/timeseries.h5 only,
     * model(k) = 0.0005·k² − 0.001·row m and I(k) = √(10·k) √(°C·day) at the k-th date of the series.
     */
    static PecmCurves.Curve pecmOfAsc(Path timeseries, int row, int col) {
        if (!timeseries.endsWith(Path.of("asc", "timeseries.h5"))) {
            return null;
        }
        float[] m = new float[ViewerFixture.DATES], f = new float[ViewerFixture.DATES];
        for (int k = 0; k < m.length; k++) {
            m[k] = (float) (0.0005 * k * k - 0.001 * row);
            f[k] = (float) Math.sqrt(10.0 * k);
        }
        return new PecmCurves.Curve("PECM test curve", m, f);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<byte[]> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery + ": " + new String(r.body())).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void bindsToLoopbackAndPrintsItsUrl() {
        assertThat(server.port()).isPositive();
        assertThat(server.url()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
    }

    @Test
    void listsLayersGroupedWithUnitsGridAndOneLayerPerCube() throws Exception {
        JsonNode res = json("/api/layers");
        JsonNode layers = res.get("layers");
        List<String> ids = new ArrayList<>();
        layers.forEach(l -> ids.add(l.get("id").asText()));
        // asc/velocity.tif repeats asc/velocity.h5:velocity and is listed once; each cube is ONE layer
        assertThat(ids).containsExactlyInAnyOrder("asc/temporalCoherence.h5:temporalCoherence",
                "asc/velocity.h5:velocity", "asc/velocity.h5:intercept", "asc/velocity.h5:annualAmplitude",
                "asc/velocity.h5:annualPhase", "asc/timeseries.h5:timeseries", "desc/timeseries.h5:timeseries",
                "scene/lst_8day.tif:bands");
        assertThat(res.get("default").asText()).isEqualTo("asc/velocity.h5:velocity");
        JsonNode v = layer(layers, "asc/velocity.h5:velocity");
        assertThat(v.get("title").asText()).isEqualTo("LOS velocity");
        assertThat(v.get("group").asText()).isEqualTo("asc");
        assertThat(v.get("unit").asText()).isEqualTo("m/year");
        assertThat(v.get("kind").asText()).isEqualTo("diverging");
        assertThat(v.get("fileType").asText()).isEqualTo("velocity");
        assertThat(v.get("rows").asInt()).isEqualTo(ViewerFixture.ROWS);
        assertThat(v.get("cols").asInt()).isEqualTo(ViewerFixture.COLS);
        assertThat(v.get("epsg").asInt()).isEqualTo(4326);
        assertThat(v.get("transform").get(0).asDouble()).isEqualTo(100.0);
        assertThat(v.get("transform").get(5).asDouble()).isEqualTo(-0.01);
        assertThat(v.get("refRow").asInt()).isEqualTo(1);
        assertThat(v.get("refCol").asInt()).isEqualTo(1);
        assertThat(layer(layers, "asc/temporalCoherence.h5:temporalCoherence").get("unit").asText()).isEqualTo("1");
        assertThat(layer(layers, "asc/velocity.h5:annualAmplitude").get("kind").asText()).isEqualTo("sequential");
        JsonNode ts = layer(layers, "asc/timeseries.h5:timeseries");
        assertThat(ts.get("labels")).hasSize(ViewerFixture.DATES);
        assertThat(ts.get("labels").get(1).asText()).isEqualTo("2020-01-13");
        assertThat(ts.get("dated").asBoolean()).isTrue();
        assertThat(ts.get("unit").asText()).isEqualTo("m");
        assertThat(ts.get("kind").asText()).isEqualTo("diverging");
        JsonNode lst = layer(layers, "scene/lst_8day.tif:bands");
        assertThat(lst.get("labels")).hasSize(ViewerFixture.LST_BANDS);
        assertThat(lst.get("labels").get(3).asText()).isEqualTo("2020-01-25");
        assertThat(lst.get("unit").asText()).isEqualTo("K");
    }

    private static JsonNode layer(JsonNode layers, String id) {
        for (JsonNode l : layers) {
            if (l.get("id").asText().equals(id)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + id + " in " + layers);
    }

    @Test
    void oneDateOfACube() throws Exception {
        HttpResponse<byte[]> r = get("/api/raster?file=asc/timeseries.h5&dataset=timeseries&band=3");
        assertThat(r.statusCode()).isEqualTo(200);
        ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < 6; row++) {
            for (int col = 0; col < 8; col++) {
                assertThat(b.getFloat()).isEqualTo((float) (0.001 * 4 + 0.0001 * row + 0.00001 * col));
            }
        }
        HttpResponse<byte[]> t = get("/api/raster?file=scene/lst_8day.tif&dataset=bands&band=2&maxPixels=12");
        ByteBuffer tb = ByteBuffer.wrap(t.body()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(t.headers().firstValue("X-Step")).contains("2");
        assertThat(tb.getFloat()).isEqualTo((float) ViewerFixture.lstKelvin(2, 0));
        assertThat(tb.getFloat(4 * 4)).isEqualTo((float) ViewerFixture.lstKelvin(2, 2)); // second decimated row
    }

    @Test
    void locatesAPixelInMapCoordinatesAndLatLon() throws Exception {
        // EPSG:4326 grid, origin 100 E / 50 N, 0.01° pixels: the centre of (2, 5) is 100.055 E, 49.975 N
        JsonNode p = json("/api/locate?file=asc/velocity.h5&row=2.5&col=5.5");
        assertThat(p.get("x").asDouble()).isCloseTo(100.055, within(1e-12));
        assertThat(p.get("y").asDouble()).isCloseTo(49.975, within(1e-12));
        assertThat(p.get("lon").asDouble()).isCloseTo(100.055, within(1e-12));
        assertThat(p.get("lat").asDouble()).isCloseTo(49.975, within(1e-12));
        assertThat(get("/api/locate?file=asc/velocity.h5&row=x&col=1").statusCode()).isEqualTo(400);
    }

    @Test
    void boxGivesTheMeanSeriesOfEachTrackAndTheLayerStatistics() throws Exception {
        JsonNode res = json("/api/region?file=asc/temporalCoherence.h5&dataset=temporalCoherence&row0=2&col0=5&row1=1&col1=3");
        assertThat(res.get("box").toString()).isEqualTo("[1,3,2,5]");
        // coherence 0.1·row + 0.01·col over rows 1–2, cols 3–5: 0.13 0.14 0.15 0.23 0.24 0.25
        JsonNode st = res.get("stats");
        assertThat(st.get("pixels").asInt()).isEqualTo(6);
        assertThat(st.get("valid").asInt()).isEqualTo(6);
        assertThat(st.get("mean").asDouble()).isCloseTo(0.19, within(1e-6));
        assertThat(st.get("median").asDouble()).isCloseTo(0.19, within(1e-6));
        assertThat(st.get("min").asDouble()).isCloseTo(0.13, within(1e-6));
        assertThat(st.get("max").asDouble()).isCloseTo(0.25, within(1e-6));
        assertThat(st.get("std").asDouble()).isCloseTo(Math.sqrt(0.0154 / 5), within(1e-6)); // sample std, n − 1
        JsonNode asc = res.get("series").get(0), desc = res.get("series").get(1);
        assertThat(asc.get("pixels").asInt()).isEqualTo(6);
        for (int k = 0; k < ViewerFixture.DATES; k++) {
            // mean of (k+1) + 0.1·row + 0.01·col over the box: (k+1) + 0.15 + 0.04
            assertThat(asc.get("mm").get(k).asDouble()).isCloseTo(k + 1 + 0.19, within(1e-4));
            // spread across pixels (population): √(0.1²·¼ + 0.01²·⅔)
            assertThat(asc.get("std").get(k).asDouble()).isCloseTo(Math.sqrt(0.0025 + 0.0001 * 2 / 3), within(1e-4));
        }
        // desc starts 2 px further east: asc cols 3–5 are desc cols 1–3, −2·(k+1) mm everywhere
        assertThat(desc.get("track").asText()).isEqualTo("desc");
        assertThat(desc.get("pixels").asInt()).isEqualTo(6);
        assertThat(desc.get("mm").get(4).asDouble()).isCloseTo(-10.0, within(1e-4));
        assertThat(desc.get("std").get(4).asDouble()).isCloseTo(0.0, within(1e-4));
    }

    @Test
    void rasterIsFloat32LittleEndianRowMajor() throws Exception {
        HttpResponse<byte[]> r = get("/api/raster?file=asc/temporalCoherence.h5&dataset=temporalCoherence");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Rows")).contains("6");
        assertThat(r.headers().firstValue("X-Cols")).contains("8");
        assertThat(r.headers().firstValue("X-Step")).contains("1");
        ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(r.body()).hasSize(4 * 48);
        for (int row = 0; row < 6; row++) {
            for (int col = 0; col < 8; col++) {
                assertThat(b.getFloat()).isEqualTo((float) (0.1 * row + 0.01 * col));
            }
        }
    }

    @Test
    void largeRastersAreDecimated() throws Exception {
        HttpResponse<byte[]> r = get("/api/raster?file=asc/temporalCoherence.h5&dataset=temporalCoherence&maxPixels=12");
        assertThat(r.headers().firstValue("X-Step")).contains("2");
        assertThat(r.headers().firstValue("X-Rows")).contains("3");
        assertThat(r.headers().firstValue("X-Cols")).contains("4");
        ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 4; col++) {
                assertThat(b.getFloat()).isEqualTo((float) (0.1 * 2 * row + 0.01 * 2 * col));
            }
        }
    }

    @Test
    void seriesOfBothTracksWithTheModelCurve() throws Exception {
        JsonNode res = json("/api/series?file=asc/velocity.h5&row=2&col=5");
        JsonNode series = res.get("series");
        assertThat(series).hasSize(2);
        JsonNode asc = series.get(0), desc = series.get(1);
        assertThat(asc.get("track").asText()).isEqualTo("asc");
        assertThat(asc.get("dates")).hasSize(ViewerFixture.DATES);
        assertThat(asc.get("dates").get(1).asText()).isEqualTo("2020-01-13");
        for (int k = 0; k < ViewerFixture.DATES; k++) {
            assertThat(asc.get("mm").get(k).asDouble()).isCloseTo(ViewerFixture.ascMm(k, 2, 5), within(1e-4));
        }
        // desc grid starts 0.02° (2 px) further east: asc col 5 is desc col 3
        assertThat(desc.get("track").asText()).isEqualTo("desc");
        assertThat(desc.get("col").asInt()).isEqualTo(3);
        assertThat(desc.get("row").asInt()).isEqualTo(2);
        assertThat(desc.get("mm").get(9).asDouble()).isCloseTo(-20.0, within(1e-4));
        assertThat(desc.get("models")).isEmpty();
        assertThat(asc.get("models")).hasSize(1);

        JsonNode m = asc.get("models").get(0);
        assertThat(m.get("label").asText()).isEqualTo("trend + annual (asc/velocity.h5)");
        assertThat(m.get("refDate").asText()).isEqualTo("2020-01-01");
        assertThat(m.get("velocityMmPerYear").asDouble()).isCloseTo(30.0, within(1e-4));
        // t = 0 at REF_DATE: 2 mm + 5 mm·sin(π/2) = 7 mm
        assertThat(m.get("dates").get(0).asText()).isEqualTo("2020-01-01");
        assertThat(m.get("mm").get(0).asDouble()).isCloseTo(7.0, within(1e-4));
        // last date 2020-04-18, day 109 of the year: t = 108/365.25 yr (MintPy's decimal year)
        int last = m.get("dates").size() - 1;
        assertThat(m.get("dates").get(last).asText()).isEqualTo("2020-04-18");
        double t = 108 / 365.25;
        assertThat(m.get("mm").get(last).asDouble())
                .isCloseTo(2 + 30 * t + 5 * Math.cos(2 * Math.PI * t), within(1e-4));
    }

    @Test
    void seriesCarriesTheLstBeneathInCelsius() throws Exception {
        JsonNode f = json("/api/series?file=asc/velocity.h5&row=3&col=5").get("forcing");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).get("file").asText()).isEqualTo("scene/lst_8day.tif");
        assertThat(f.get(0).get("dates").get(2).asText()).isEqualTo("2020-01-17");
        for (int k = 0; k < ViewerFixture.LST_BANDS; k++) {
            assertThat(f.get(0).get("values").get(k).asDouble())
                    .isCloseTo(ViewerFixture.lstKelvin(k, 3) - 273.15, within(1e-4));
        }
    }

    @Test
    void pixelOutsideTheDescGridGivesOnlyTheAscSeries() throws Exception {
        JsonNode res = json("/api/series?file=asc/temporalCoherence.h5&row=0&col=1");
        assertThat(res.get("series")).hasSize(1);
        assertThat(res.get("series").get(0).get("track").asText()).isEqualTo("asc");
    }

    @Test
    void badRequestsGive400And404() throws Exception {
        assertThat(get("/api/series?file=asc/velocity.h5&row=6&col=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/series?file=asc/velocity.h5&row=x&col=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/raster?file=asc/velocity.h5").statusCode()).isEqualTo(400);
        assertThat(get("/api/raster?file=asc/velocity.h5&dataset=nope").statusCode()).isEqualTo(400);
        assertThat(get("/api/raster?file=asc/none.h5&dataset=velocity").statusCode()).isEqualTo(404);
    }

    @Test
    void traversalIsRefused() throws Exception {
        for (String q : List.of("/api/raster?file=../secret.txt&dataset=x", "/api/raster?file=%2e%2e%2fsecret.txt&dataset=x",
                "/api/series?file=" + tmp.resolve("secret.txt").toAbsolutePath() + "&row=0&col=0",
                "/api/raster?file=%252e%252e%252fsecret.txt&dataset=x", "/files/escape.txt")) {
            HttpResponse<byte[]> r = get(q);
            assertThat(r.statusCode()).as(q).isEqualTo(403);
            assertThat(new String(r.body())).as(q).doesNotContain("TOP-SECRET");
        }
        for (String q : List.of("/files/../secret.txt", "/files/%2e%2e/secret.txt", "/files/asc/%2e%2e/%2e%2e/secret.txt",
                "/files/..%2fsecret.txt", "/files/%2fetc%2fpasswd", "/../secret.txt", "/webjars/../../secret.txt")) {
            HttpResponse<byte[]> r = get(q);
            assertThat(r.statusCode()).as(q).isIn(400, 403, 404);
            assertThat(new String(r.body())).as(q).doesNotContain("TOP-SECRET").doesNotContain("root:");
        }
    }

    @Test
    void servesFilesUnderTheRootThePageAndChartJs() throws Exception {
        HttpResponse<byte[]> f = get("/files/asc/velocity.h5");
        assertThat(f.statusCode()).isEqualTo(200);
        assertThat(f.body()).isEqualTo(Files.readAllBytes(tmp.resolve("out/asc/velocity.h5")));
        assertThat(new String(get("/").body())).contains("<div id=\"map\"");
        assertThat(get("/viewer.js").statusCode()).isEqualTo(200);
        assertThat(get("/webjars/chart.js/4.4.1/dist/chart.umd.js").statusCode()).isEqualTo(200);
        assertThat(get("/webjars/leaflet/1.9.4/dist/leaflet.js").statusCode()).isEqualTo(200);
        assertThat(get("/webjars/leaflet/1.9.4/dist/leaflet.css").statusCode()).isEqualTo(200);
    }

    @Test
    void seriesCarriesThePecmCurveAndItsForcingAtTheSeriesDatesInMillimetres() throws Exception {
        JsonNode series = json("/api/series?file=asc/velocity.h5&row=2&col=5").get("series");
        JsonNode pecm = series.get(0).get("pecm");
        assertThat(pecm.get("label").asText()).isEqualTo("PECM test curve");
        assertThat(pecm.get("forcingUnit").asText()).isEqualTo("√(°C·day)");
        assertThat(pecm.get("dates")).isEqualTo(series.get(0).get("dates"));
        for (int k = 0; k < ViewerFixture.DATES; k++) {
            assertThat(pecm.get("mm").get(k).asDouble()).as("date %d", k).isCloseTo(0.5 * k * k - 2, within(1e-4));
            assertThat(pecm.get("forcing").get(k).asDouble()).isCloseTo(Math.sqrt(10.0 * k), within(1e-5));
        }
        assertThat(series.get(1).has("pecm")).as("desc has no PECM fit").isFalse();
    }

    @Test
    void polygonGivesTheMeanSeriesAndStatisticsOfThePixelsWhoseCentresAreInside() throws Exception {
        // triangle (row, col) (0.2, 1.2), (4.8, 1.2), (4.8, 6.0): its slanted edge passes just right of the centres
        // (r + .5, r + 1.5) (at col 1.2 + (r + .3)·4.8/4.6), so the centres inside are
        //   r 0: c 1; r 1: c 1–2; r 2: c 1–3; r 3: c 1–4; r 4: c 1–5   → 15 pixels
        List<int[]> inside = new ArrayList<>();
        for (int r = 0; r <= 4; r++) {
            for (int c = 1; c <= r + 1; c++) {
                inside.add(new int[] {r, c});
            }
        }
        JsonNode res = json("/api/region?file=asc/temporalCoherence.h5&dataset=temporalCoherence&poly="
                + java.net.URLEncoder.encode("0.2,1.2;4.8,1.2;4.8,6.0", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(res.get("polygon")).hasSize(3);
        assertThat(res.has("box")).isFalse();
        JsonNode st = res.get("stats");
        assertThat(st.get("pixels").asInt()).isEqualTo(15);
        double mean = 0, meanMm0 = 0, lo = 1, hi = 0;
        for (int[] p : inside) {
            double coh = 0.1 * p[0] + 0.01 * p[1];
            mean += coh / inside.size();
            meanMm0 += ViewerFixture.ascMm(0, p[0], p[1]) / inside.size();
            lo = Math.min(lo, coh);
            hi = Math.max(hi, coh);
        }
        assertThat(st.get("mean").asDouble()).isCloseTo(mean, within(1e-6));
        assertThat(st.get("min").asDouble()).isCloseTo(lo, within(1e-6));
        assertThat(st.get("max").asDouble()).isCloseTo(hi, within(1e-6));
        JsonNode asc = res.get("series").get(0);
        assertThat(asc.get("pixels").asInt()).isEqualTo(15);
        for (int k = 0; k < ViewerFixture.DATES; k++) {
            assertThat(asc.get("mm").get(k).asDouble()).isCloseTo(meanMm0 + k, within(1e-4));
        }
        // desc starts 2 columns east: only asc columns ≥ 2 fall on it (r 1: 1; r 2: 2; r 3: 3; r 4: 4 → 10 px)
        JsonNode desc = res.get("series").get(1);
        assertThat(desc.get("track").asText()).isEqualTo("desc");
        assertThat(desc.get("pixels").asInt()).isEqualTo(10);
        assertThat(desc.get("mm").get(2).asDouble()).isCloseTo(-6.0, within(1e-4));
        assertThat(get("/api/region?file=asc/temporalCoherence.h5&dataset=temporalCoherence&poly=1,1;2,2").statusCode())
                .isEqualTo(400);
        assertThat(get("/api/region?file=asc/temporalCoherence.h5&dataset=temporalCoherence&poly=0.1,0.1;0.2,0.2;0.1,0.3")
                .statusCode()).as("no pixel centre inside").isEqualTo(400);
    }
}
