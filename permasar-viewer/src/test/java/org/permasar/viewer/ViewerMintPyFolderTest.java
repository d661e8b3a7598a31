package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.timefn.MintPyTimeFunction;

/**
 * The viewer on a folder written by MintPy 1.5.1 itself (test resource {@code mintpy-etna}: the Etna stack in
 * radar geometry, inverted by ifgram_inversion, fitted by timeseries2velocity, masked by generate_mask, with
 * MintPy's {@code inputs/geometryRadar.h5}). Every number is checked against {@code expected.csv}, the same files
 * read with h5py (see the folder's README.txt), not against our own readers.
 */
class ViewerMintPyFolderTest {
    @TempDir
    static Path tmp;
    static ViewerServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    /** key + "," + row + "," + col → values. */
    static final Map<String, double[]> EXPECTED = new HashMap<>();
    static String[] dates;

    @BeforeAll
    static void start() throws IOException, URISyntaxException {
        Path src = Path.of(ViewerMintPyFolderTest.class.getResource("/mintpy-etna/README.txt").toURI()).getParent();
        Path root = tmp.resolve("mintpy");
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path to = root.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        for (String line : Files.readAllLines(root.resolve("expected.csv"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", 4);
            if (f[0].equals("dates")) {
                dates = f[3].split(" ");
                continue;
            }
            String[] v = f[3].split(" ");
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = Double.parseDouble(v[i]);
            }
            EXPECTED.put(f[0] + "," + f[1] + "," + f[2], d);
        }
        server = ViewerServer.start(ViewerServer.Config.local(root));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<byte[]> get(String q) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + q)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(String q) throws Exception {
        HttpResponse<byte[]> r = get(q);
        assertThat(r.statusCode()).as(q + ": " + new String(r.body())).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static double expected(String key, int row, int col) {
        return EXPECTED.get(key + "," + row + "," + col)[0];
    }

    @Test
    void listsMintPysFilesAsLayersWithUnitsAndOpensOnTheVelocity() throws Exception {
        JsonNode res = json("/api/layers");
        Map<String, JsonNode> byId = new HashMap<>();
        res.get("layers").forEach(l -> byId.put(l.get("id").asText(), l));
        assertThat(byId).containsKeys("timeseries.h5:timeseries", "velocity.h5:velocity", "velocity.h5:velocityStd",
                "temporalCoherence.h5:temporalCoherence", "maskTempCoh.h5:mask", "inputs/geometryRadar.h5:latitude");
        assertThat(res.get("default").asText()).isEqualTo("velocity.h5:velocity");
        JsonNode ts = byId.get("timeseries.h5:timeseries");
        assertThat(ts.get("labels")).hasSize(dates.length);
        assertThat(ts.get("labels").get(0).asText()).isEqualTo(LocalDate.parse(dates[0],
                java.time.format.DateTimeFormatter.BASIC_ISO_DATE).toString());
        assertThat(ts.get("unit").asText()).isEqualTo("m");
        assertThat(byId.get("velocity.h5:velocity").get("unit").asText()).isEqualTo("m/year");
        assertThat(byId.get("velocity.h5:velocity").get("refRow").asInt()).isEqualTo(18);
        assertThat(byId.get("velocity.h5:velocity").get("refCol").asInt()).isEqualTo(14);
        assertThat(byId.get("velocity.h5:velocity").get("transform").isNull()).as("radar geometry").isTrue();
        // MintPy names the dataset of both files "mask": the titles say which is which
        assertThat(byId.get("numInvIfgram.h5:mask").get("title").asText()).isEqualTo("interferograms used");
        assertThat(byId.get("maskTempCoh.h5:mask").get("title").asText()).isEqualTo("mask: temporal coherence");
    }

    @Test
    void velocityValuesAreMintPys() throws Exception {
        HttpResponse<byte[]> r = get("/api/raster?file=velocity.h5&dataset=velocity");
        assertThat(r.statusCode()).isEqualTo(200);
        ByteBuffer b = ByteBuffer.wrap(r.body()).order(ByteOrder.LITTLE_ENDIAN);
        for (int[] p : new int[][] {{5, 7}, {12, 3}}) {
            assertThat((double) b.getFloat(4 * (p[0] * 20 + p[1]))).isEqualTo((double) (float) expected("velocity", p[0], p[1]));
        }
    }

    @Test
    void clickedPixelGivesMintPysSeriesAndItsLinearModel() throws Exception {
        JsonNode s = json("/api/series?file=velocity.h5&row=5&col=7").get("series");
        assertThat(s).hasSize(1);
        JsonNode t = s.get(0);
        double[] want = EXPECTED.get("timeseries,5,7");
        assertThat(t.get("mm")).hasSize(want.length);
        for (int k = 0; k < want.length; k++) {
            assertThat(t.get("mm").get(k).asDouble()).as("date %d", k).isCloseTo(1000 * want[k], within(1e-3));
        }
        JsonNode m = t.get("models").get(0);
        // timeseries2velocity's default model is a line: no annual term is claimed
        assertThat(m.get("label").asText()).isEqualTo("linear trend (velocity.h5)");
        assertThat(m.get("velocityMmPerYear").asDouble()).isCloseTo(1000 * expected("velocity", 5, 7), within(1e-3));
        // MintPy's linear model d(t) = intercept + v·t, t in decimal years from REF_DATE 2003-01-22
        LocalDate d = LocalDate.parse(m.get("dates").get(m.get("dates").size() - 1).asText());
        double years = MintPyTimeFunction.decimalYears(d) - MintPyTimeFunction.decimalYears(LocalDate.of(2003, 1, 22));
        assertThat(m.get("mm").get(m.get("mm").size() - 1).asDouble())
                .isCloseTo(1000 * (expected("intercept", 5, 7) + expected("velocity", 5, 7) * years), within(1e-3));
        assertThat(t.has("pecm")).isFalse();
    }

    @Test
    void radarPixelsGetLatLonFromGeometryRadarAndLatLonFindsThePixel() throws Exception {
        for (int[] p : new int[][] {{5, 7}, {12, 3}}) {
            for (String file : List.of("velocity.h5", "timeseries.h5", "maskTempCoh.h5")) {
                JsonNode at = json("/api/locate?file=" + file + "&row=" + (p[0] + 0.5) + "&col=" + (p[1] + 0.5));
                assertThat(at.get("lat").asDouble()).as(file).isCloseTo(expected("latitude", p[0], p[1]), within(1e-6));
                assertThat(at.get("lon").asDouble()).as(file).isCloseTo(expected("longitude", p[0], p[1]), within(1e-6));
            }
            JsonNode px = json("/api/pixel?file=velocity.h5&lat=" + expected("latitude", p[0], p[1]) + "&lon="
                    + expected("longitude", p[0], p[1]));
            assertThat(List.of(px.get("row").asInt(), px.get("col").asInt())).isEqualTo(List.of(p[0], p[1]));
        }
        HttpResponse<byte[]> far = get("/api/pixel?file=velocity.h5&lat=10&lon=10");
        assertThat(far.statusCode()).isEqualTo(400);
    }

    @Test
    void polygonOnTheRadarGridAveragesItsPixels() throws Exception {
        // rows 4–5, cols 6–7 (corners on pixel edges): 4 pixels
        JsonNode res = json("/api/region?file=velocity.h5&dataset=velocity&poly=4,6;4,8;6,8;6,6");
        assertThat(res.get("stats").get("pixels").asInt()).isEqualTo(4);
        assertThat(res.get("series").get(0).get("pixels").asInt()).isEqualTo(4);
        List<Double> mm = new ArrayList<>();
        res.get("series").get(0).get("mm").forEach(x -> mm.add(x.asDouble()));
        assertThat(mm).hasSize(dates.length);
    }
}
