package org.permasar.viewer;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.permasar.stack.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code permasar view} web server: a Javalin (Jetty) server that serves the viewer page
 * from the class path, Chart.js from its WebJar, and a small read-only API over one folder.
 *
 * <pre>
 *   GET /api/layers                               the layers under the folder, grouped, with the default (JSON)
 *   GET /api/raster?file=F&amp;dataset=D&amp;band=B      slice B of a layer as float32 little-endian, row-major
 *                                                 (headers X-Rows, X-Cols, X-Step: decimation)
 *   GET /api/locate?file=F&amp;row=R&amp;col=C           map x/y and WGS 84 lat/lon of a fractional pixel of F
 *                                                 (radar grids: the folder's geometryRadar.h5 latitude/longitude)
 *   GET /api/pixel?file=F&amp;lat=LAT&amp;lon=LON         the pixel of F holding a WGS 84 point (JSON row, col)
 *   GET /api/series?file=F&amp;row=R&amp;col=C           time series (mm) of every track under that pixel of F,
 *                                                 their fitted models and the LST beneath (JSON)
 *   GET /api/region?file=F&amp;dataset=D&amp;band=B&amp;row0=&amp;col0=&amp;row1=&amp;col1=
 *                                                 mean series of a box of pixels per track, and the
 *                                                 statistics of layer D inside it (JSON); with
 *                                                 &amp;poly=r,c;r,c;… (fractional pixels) a polygon instead
 *   GET /files/PATH                               a file under the folder, as is
 * </pre>
 * Every file name goes through {@link PathGuard}: names that leave the folder give 403, names
 * of missing files 404, bad parameters 400; error bodies name files relative to the folder. Every
 * request's {@code Host} header must name this server ({@link HostGuard}, against DNS rebinding):
 * 403 otherwise. Binds to 127.0.0.1 unless told otherwise; there is no authentication, so a server
 * bound elsewhere says so ({@link #exposureWarning()}).
 *
 * <p>Usage: {@code try (ViewerServer s = ViewerServer.start(new ViewerServer.Config(dir, "127.0.0.1", 0))) …}.
 */
public final class ViewerServer implements AutoCloseable {
    /** Rasters larger than this are decimated before they are sent (values). */
    public static final long DEFAULT_MAX_PIXELS = 4_000_000L;

    /**
     * Server settings.
     *
     * @param root folder to serve (must exist)
     * @param host interface to bind, e.g. 127.0.0.1 (default) or 0.0.0.0
     * @param port TCP port, 0 for any free port
     * @param pecm the physical PECM model of a clicked pixel ({@link PecmCurves#NONE}: none)
     */
    public record Config(Path root, String host, int port, PecmCurves pecm) {
        public Config {
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(pecm, "pecm");
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("--host must be given, got '" + host + "'");
            }
            if (host.strip().matches("[0-9.]+") && !isIpv4(host.strip())) {
                throw new IllegalArgumentException("--host " + host + " is not an IPv4 address (four numbers 0–255, "
                        + "e.g. 127.0.0.1)");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be in 0…65535, got " + port);
            }
        }

        private static boolean isIpv4(String h) {
            String[] parts = h.split("\\.", -1);
            if (parts.length != 4) {
                return false;
            }
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 3 || Integer.parseInt(p) > 255) {
                    return false;
                }
            }
            return true;
        }

        /** Without a PECM model. */
        public Config(Path root, String host, int port) {
            this(root, host, port, PecmCurves.NONE);
        }

        /** The same settings with a PECM model. */
        public Config withPecm(PecmCurves curves) {
            return new Config(root, host, port, curves);
        }

        /** Loopback on any free port. */
        public static Config local(Path root) {
            return new Config(root, "127.0.0.1", 0);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ViewerServer.class);
    /** An absolute path left in a message (after the root is made relative): at least two segments. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.~])(/[^\\s/:'\",;()\\[\\]]+)+/([^\\s/:'\",;()\\[\\]]+)");

    private final Javalin app;
    private final String host;
    private final InetAddress address;
    private final Path root;

    private ViewerServer(Javalin app, String host, InetAddress address, Path root) {
        this.app = app;
        this.host = host;
        this.address = address;
        this.root = root;
    }

    /**
     * Starts the server; returns once it listens. Requests must carry a {@code Host} header that names
     * this server ({@link HostGuard}: 403 otherwise); error bodies name files relative to the root and
     * never carry an absolute server path.
     *
     * @throws IllegalArgumentException when the root is not an existing folder, the host is not an address
     *                                  or known name, or the settings are invalid
     * @throws BindException            when the port is in use or the host is not an address of this machine
     */
    public static ViewerServer start(Config config) throws BindException {
        PathGuard guard = new PathGuard(config.root());
        InetAddress address = resolve(config.host());
        checkBindable(address, config);
        LayerCatalog catalog = new LayerCatalog(guard);
        PixelSeries series = new PixelSeries(guard, config.pecm());
        AtomicReference<HostGuard> hosts = new AtomicReference<>(); // set once the port is known
        List<String> roots = List.of(guard.root().toString(), config.root().toAbsolutePath().normalize().toString());
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/org/permasar/viewer/web";
                s.location = Location.CLASSPATH;
            });
            cfg.staticFiles.enableWebjars();
        });
        app.before(ctx -> {
            HostGuard g = hosts.get();
            if (g == null) {
                throw new HostGuard.Refused("the viewer is still starting");
            }
            g.check(ctx.header("Host"));
        });
        app.get("/api/layers", ctx -> ctx.json(layersJson(catalog.layers())));
        app.get("/api/raster", ctx -> raster(ctx, guard));
        FolderGeometry geometry = new FolderGeometry(guard);
        app.get("/api/locate", ctx -> locate(ctx, guard, geometry));
        app.get("/api/pixel", ctx -> pixel(ctx, guard, geometry));
        app.get("/api/series", ctx -> series(ctx, guard, series));
        app.get("/api/region", ctx -> region(ctx, guard, series));
        app.get("/files/<path>", ctx -> rawFile(ctx, guard));
        app.exception(HostGuard.Refused.class, (e, ctx) -> ctx.status(403).result("forbidden: " + e.getMessage()));
        app.exception(PathGuard.Refused.class, (e, ctx) -> ctx.status(403).result("forbidden: "
                + clean(e.getMessage(), roots)));
        app.exception(PathGuard.Missing.class, (e, ctx) -> ctx.status(404).result("not found: "
                + clean(e.getMessage(), roots)));
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).result(clean(e.getMessage(), roots)));
        app.exception(InvalidInputException.class, (e, ctx) -> ctx.status(400).result(clean(e.getMessage(), roots)));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.toString(), e);
            ctx.status(500).result("internal error (details in the viewer's log)");
        });
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            app.stop();
            if (e.getClass().getSimpleName().equals("JavalinBindException")) {
                throw new BindException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
            }
            throw e;
        }
        hosts.set(new HostGuard(config.host(), address, app.port()));
        return new ViewerServer(app, config.host(), address, guard.root());
    }

    /** The address of {@code host}: a literal as is, a name looked up. */
    private static InetAddress resolve(String host) {
        String h = host.strip();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            return InetAddress.getByName(h);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + " is neither an address nor a known host name");
        }
    }

    /** Binds and releases the port first, so that a port in use or a foreign address is one clear message. */
    private static void checkBindable(InetAddress address, Config config) throws BindException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, config.port()));
        } catch (BindException e) {
            String why = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (why.contains("in use")) {
                throw new BindException("port " + config.port() + " on " + config.host() + " is already in use: choose "
                        + "another --port (0 = any free port)");
            }
            if (why.contains("assign")) {
                throw new BindException("--host " + config.host() + " is not an address of this machine (cannot listen "
                        + "on it)");
            }
            throw new BindException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage()
                    + (config.port() > 0 && config.port() < 1024 ? " (ports below 1024 need privileges)" : ""));
        } catch (IOException e) {
            throw new BindException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage());
        }
    }

    /**
     * A message as a client may see it: paths under the root relative to it, and any other absolute path
     * shortened to its last segment, so that no server path is revealed.
     */
    static String clean(String message, List<String> roots) {
        if (message == null) {
            return "";
        }
        String m = message;
        for (String r : roots) {
            m = m.replace(r + "/", "").replace(r, ".");
        }
        return ABSOLUTE_PATH.matcher(m).replaceAll("…/$2");
    }

    /**
     * A warning for a server reachable from other machines (bound to every interface, or to an address
     * other than loopback), or null for a loopback-only server.
     */
    public String exposureWarning() {
        if (address.isLoopbackAddress()) {
            return null;
        }
        String where = address.isAnyLocalAddress() ? "--host " + host + " binds every network interface"
                : "--host " + host + " is reachable from the network";
        return "warning: " + where + ": anyone who can reach this machine on port " + port() + " can read every file "
                + "under " + root + "; the viewer has no authentication";
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return app.port();
    }

    /** The page address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** Stops the server. */
    @Override
    public void close() {
        app.stop();
    }

    // ------------------------------------------------------------------ handlers

    private static void raster(Context ctx, PathGuard guard) throws Exception {
        Path f = guard.file(required(ctx, "file"));
        String dataset = required(ctx, "dataset");
        int band = intParam(ctx, "band", 0);
        long maxPixels = intParam(ctx, "maxPixels", (int) DEFAULT_MAX_PIXELS);
        int rows, cols;
        try (var src = org.permasar.io.RasterFormats.open(f)) {
            rows = src.grid().rows();
            cols = src.grid().cols();
        }
        int step = LayerCatalog.stepFor(rows, cols, maxPixels);
        float[] v = LayerCatalog.read(f, dataset, band, step);
        ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        ctx.header("X-Rows", Integer.toString((rows + step - 1) / step));
        ctx.header("X-Cols", Integer.toString((cols + step - 1) / step));
        ctx.header("X-Step", Integer.toString(step));
        ctx.contentType("application/octet-stream").result(buf.array());
    }

    private static void locate(Context ctx, PathGuard guard, FolderGeometry geometry) throws Exception {
        Path f = guard.file(required(ctx, "file"));
        double row = doubleParam(ctx, "row"), col = doubleParam(ctx, "col");
        org.permasar.grid.GridGeometry g = geometry.grid(f);
        GridLocation.Point p = GridLocation.at(g, row, col);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", row);
        out.put("col", col);
        out.put("x", num(p.x()));
        out.put("y", num(p.y()));
        out.put("lat", num(p.lat()));
        out.put("lon", num(p.lon()));
        out.put("epsg", g.isGeocoded() ? g.epsg() : 0);
        ctx.json(out);
    }

    /**
     * The pixel of a layer under a WGS 84 latitude/longitude: through the grid's CRS when geocoded, the nearest
     * pixel of the per-pixel latitude/longitude (the folder's geometryRadar.h5) in radar geometry.
     */
    private static void pixel(Context ctx, PathGuard guard, FolderGeometry geometry) throws Exception {
        Path f = guard.file(required(ctx, "file"));
        double lat = doubleParam(ctx, "lat"), lon = doubleParam(ctx, "lon");
        org.permasar.grid.GridGeometry g = geometry.grid(f);
        org.permasar.io.crs.LatLonLocator loc = org.permasar.io.crs.LatLonLocator.on(g);
        String what = "lat " + lat + ", lon " + lon;
        int[] rc = loc.pixelInside(what, lat, lon);
        if (!g.isGeocoded() && !nearTheRadarGrid(g, rc[0], rc[1], lat, lon)) {
            throw new IllegalArgumentException(what + " lies outside the radar grid of " + guard.relativize(f)
                    + ": its nearest pixel (" + rc[0] + ", " + rc[1] + ") is at lat " + g.latitude(rc[0], rc[1]) + ", lon "
                    + g.longitude(rc[0], rc[1]));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", rc[0]);
        out.put("col", rc[1]);
        ctx.json(out);
    }

    /**
     * Whether a point is within two pixel spacings of its nearest radar pixel (r, c): the spacing is the larger
     * distance in degrees from (r, c) to its row and column neighbours, so a point beyond the grid's edge is not
     * given the edge pixel.
     */
    static boolean nearTheRadarGrid(org.permasar.grid.GridGeometry g, int r, int c, double lat, double lon) {
        double la = g.latitude(r, c), lo = g.longitude(r, c);
        double k = Math.cos(Math.toRadians(la));
        int rn = r + 1 < g.rows() ? r + 1 : r - 1, cn = c + 1 < g.cols() ? c + 1 : c - 1;
        double step = 0;
        if (rn >= 0) {
            step = Math.max(step, Math.hypot(g.latitude(rn, c) - la, k * (g.longitude(rn, c) - lo)));
        }
        if (cn >= 0) {
            step = Math.max(step, Math.hypot(g.latitude(r, cn) - la, k * (g.longitude(r, cn) - lo)));
        }
        double d = Math.hypot(lat - la, k * (lon - lo));
        return Double.isFinite(d) && (step == 0 || d <= 2 * step);
    }

    private static void series(Context ctx, PathGuard guard, PixelSeries series) throws Exception {
        Path f = guard.file(required(ctx, "file"));
        int row = intParam(ctx, "row", -1), col = intParam(ctx, "col", -1);
        List<Map<String, Object>> list = new ArrayList<>();
        for (PixelSeries.Series s : series.at(f, row, col)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", s.file());
            m.put("track", s.track());
            m.put("row", s.row());
            m.put("col", s.col());
            m.put("unit", "mm");
            m.put("dates", isoDates(s.dates()));
            m.put("mm", numbers(s.mm()));
            List<Map<String, Object>> models = new ArrayList<>();
            s.models().forEach(x -> models.add(modelJson(x)));
            m.put("models", models);
            if (s.pecm() != null) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("label", s.pecm().label());
                pm.put("dates", isoDates(s.dates()));
                pm.put("mm", numbers(s.pecm().mm()));
                pm.put("forcing", numbers(s.pecm().forcing()));
                pm.put("forcingUnit", "√(°C·day)");
                m.put("pecm", pm);
            }
            list.add(m);
        }
        List<Map<String, Object>> forcing = new ArrayList<>();
        for (PixelSeries.Forcing x : series.forcing(f, row, col)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", x.file());
            m.put("unit", "°C");
            m.put("dates", isoDates(x.dates()));
            m.put("values", numbers(x.celsius()));
            forcing.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", guard.relativize(f));
        out.put("row", row);
        out.put("col", col);
        out.put("series", list);
        out.put("forcing", forcing);
        ctx.json(out);
    }

    private static void region(Context ctx, PathGuard guard, PixelSeries series) throws Exception {
        Path f = guard.file(required(ctx, "file"));
        String dataset = required(ctx, "dataset");
        int band = intParam(ctx, "band", 0);
        int rows, cols;
        try (var src = org.permasar.io.RasterFormats.open(f)) {
            rows = src.grid().rows();
            cols = src.grid().cols();
        }
        String poly = ctx.queryParam("poly");
        int[] pixels;
        double[][] vertices = null;
        int ra = 0, ca = 0, rb = 0, cb = 0;
        if (poly != null && !poly.isBlank()) {
            vertices = PolygonPixels.parse(poly);
            pixels = PolygonPixels.inside(vertices[0], vertices[1], rows, cols);
            if (pixels.length == 0) {
                throw new IllegalArgumentException("the polygon holds no pixel centre of the " + rows + "×" + cols
                        + " grid of " + guard.relativize(f));
            }
        } else {
            int r0 = intParam(ctx, "row0", -1), c0 = intParam(ctx, "col0", -1);
            int r1 = intParam(ctx, "row1", -1), c1 = intParam(ctx, "col1", -1);
            ra = Math.max(0, Math.min(r0, r1));
            rb = Math.min(rows - 1, Math.max(r0, r1));
            ca = Math.max(0, Math.min(c0, c1));
            cb = Math.min(cols - 1, Math.max(c0, c1));
            if (ra > rb || ca > cb) {
                throw new IllegalArgumentException("box rows " + r0 + "…" + r1 + ", cols " + c0 + "…" + c1
                        + " does not overlap the " + rows + "×" + cols + " grid of " + guard.relativize(f));
            }
            pixels = new int[(rb - ra + 1) * (cb - ca + 1)];
            int k = 0;
            for (int r = ra; r <= rb; r++) {
                for (int c = ca; c <= cb; c++) {
                    pixels[k++] = r * cols + c;
                }
            }
        }
        float[] v = LayerCatalog.read(f, dataset, band, 1);
        double[] inside = new double[pixels.length];
        int n = 0;
        for (int q : pixels) {
            float x = v[q];
            if (!Float.isNaN(x)) {
                inside[n++] = x;
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("pixels", pixels.length);
        stats.put("valid", n);
        BoxStatistics st = BoxStatistics.of(java.util.Arrays.copyOf(inside, n));
        stats.put("mean", num(st.mean()));
        stats.put("std", num(st.std()));
        stats.put("median", num(st.median()));
        stats.put("min", num(st.min()));
        stats.put("max", num(st.max()));
        List<Map<String, Object>> list = new ArrayList<>();
        List<PixelSeries.RegionSeries> regions = vertices != null ? series.polygon(f, vertices[0], vertices[1])
                : series.region(f, ra, ca, rb, cb);
        for (PixelSeries.RegionSeries s : regions) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", s.file());
            m.put("track", s.track());
            m.put("pixels", s.pixels());
            m.put("unit", "mm");
            m.put("dates", isoDates(s.dates()));
            m.put("mm", numbers(s.meanMm()));
            m.put("std", numbers(s.stdMm()));
            List<Integer> valid = new ArrayList<>();
            for (int k : s.valid()) {
                valid.add(k);
            }
            m.put("valid", valid);
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", guard.relativize(f));
        out.put("dataset", dataset);
        out.put("band", band);
        if (vertices != null) {
            List<List<Double>> vs = new ArrayList<>();
            for (int i = 0; i < vertices[0].length; i++) {
                vs.add(List.of(vertices[0][i], vertices[1][i]));
            }
            out.put("polygon", vs);
        } else {
            out.put("box", List.of(ra, ca, rb, cb));
        }
        out.put("stats", stats);
        out.put("series", list);
        ctx.json(out);
    }

    private static Map<String, Object> modelJson(PixelSeries.Model m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("label", m.label());
        o.put("velocityFile", m.velocityFile());
        o.put("refDate", m.refDate().toString());
        o.put("velocityMmPerYear", num(m.velocityMmPerYear()));
        o.put("interceptMm", num(m.interceptMm()));
        o.put("annualAmplitudeMm", num(m.annualAmplitudeMm()));
        o.put("annualPhaseRad", num(m.annualPhaseRad()));
        o.put("extras", m.extras());
        o.put("dates", isoDates(m.dates()));
        o.put("mm", numbers(m.mm()));
        return o;
    }

    private static Map<String, Object> layersJson(List<LayerCatalog.Layer> layers) {
        LayerCatalog.Layer dflt = LayerCatalog.defaultLayer(layers);
        List<Map<String, Object>> out = new ArrayList<>(layers.size());
        for (LayerCatalog.Layer l : layers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", l.id());
            m.put("file", l.file());
            m.put("dataset", l.dataset());
            m.put("group", l.group());
            m.put("title", l.title());
            m.put("unit", l.unit());
            m.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
            m.put("fileType", l.fileType());
            m.put("rows", l.rows());
            m.put("cols", l.cols());
            m.put("epsg", l.epsg());
            m.put("transform", l.transform());
            m.put("refRow", l.refRow());
            m.put("refCol", l.refCol());
            m.put("labels", l.labels());
            m.put("dated", l.dated());
            out.add(m);
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("default", dflt == null ? null : dflt.id());
        res.put("layers", out);
        return res;
    }

    private static void rawFile(Context ctx, PathGuard guard) throws Exception {
        Path f = guard.file(ctx.pathParam("path"));
        String type = Files.probeContentType(f);
        ctx.contentType(type == null ? "application/octet-stream" : type);
        ctx.result(Files.newInputStream(f));
    }

    // ------------------------------------------------------------------ parameters and JSON values

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("query parameter '" + name + "' is required");
        }
        return v;
    }

    private static double doubleParam(Context ctx, String name) {
        String v = required(ctx, name);
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("query parameter '" + name + "' must be a number, got '" + v + "'");
        }
    }

    private static int intParam(Context ctx, String name, int dflt) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("query parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    private static List<String> isoDates(List<LocalDate> dates) {
        List<String> out = new ArrayList<>(dates.size());
        dates.forEach(d -> out.add(d.toString()));
        return out;
    }

    /** JSON has no NaN: missing values become null. */
    private static List<Double> numbers(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(num(x));
        }
        return out;
    }

    private static Double num(double x) {
        return Double.isFinite(x) ? x : null;
    }
}
