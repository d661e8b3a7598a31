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
        server = ViewerServer.start(ViewerServer.Config.local(root));
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
    void listsEveryTwoDimensionalDatasetWithUnitsAndGrid() throws Exception {
        JsonNode layers = json("/api/layers");
        List<String> names = new ArrayList<>();
        layers.forEach(l -> names.add(l.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("asc/temporalCoherence.h5:temporalCoherence",
                "asc/velocity.h5:velocity", "asc/velocity.h5:intercept", "asc/velocity.h5:annualAmplitude",
                "asc/velocity.h5:annualPhase");
        JsonNode v = layer(layers, "asc/velocity.h5:velocity");
        assertThat(v.get("unit").asText()).isEqualTo("m/year");
        assertThat(v.get("fileType").asText()).isEqualTo("velocity");
        assertThat(v.get("rows").asInt()).isEqualTo(ViewerFixture.ROWS);
        assertThat(v.get("cols").asInt()).isEqualTo(ViewerFixture.COLS);
        assertThat(v.get("epsg").asInt()).isEqualTo(4326);
        assertThat(v.get("transform").get(0).asDouble()).isEqualTo(100.0);
        assertThat(v.get("transform").get(5).asDouble()).isEqualTo(-0.01);
        assertThat(layer(layers, "asc/temporalCoherence.h5:temporalCoherence").get("unit").asText()).isEqualTo("1");
    }

    private static JsonNode layer(JsonNode layers, String name) {
        for (JsonNode l : layers) {
            if (l.get("name").asText().equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + name + " in " + layers);
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
        assertThat(desc.get("model").isNull()).isTrue();

        JsonNode m = asc.get("model");
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
        assertThat(new String(get("/").body())).contains("<canvas id=\"map\"");
        assertThat(get("/viewer.js").statusCode()).isEqualTo(200);
        assertThat(get("/webjars/chart.js/4.4.1/dist/chart.umd.js").statusCode()).isEqualTo(200);
    }
}
