package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GDAL as an independent referee: {@code gdalinfo -json} and Debian's {@code /usr/bin/python3}
 * with osgeo.gdal dumping one band as raw little-endian float32. Tests skip when absent.
 */
public final class GdalReferee {
    private static final Path PY = Path.of("/usr/bin/python3");

    private GdalReferee() {
    }

    public static boolean gdalinfoAvailable() {
        return run(List.of("gdalinfo", "--version")) != null;
    }

    public static boolean pythonGdalAvailable() {
        return Files.isExecutable(PY) && run(List.of(PY.toString(), "-c", "from osgeo import gdal")) != null;
    }

    /** {@code gdalinfo -json PATH} output. */
    public static String info(Path tif) {
        String out = run(List.of("gdalinfo", "-json", tif.toString()));
        if (out == null) {
            throw new AssertionError("gdalinfo failed on " + tif);
        }
        return out;
    }

    /** EPSG code at the end of the CRS WKT in gdalinfo JSON, or 0. */
    public static int epsg(String json) {
        Matcher m = Pattern.compile("ID\\[\\\\\"EPSG\\\\\",(\\d+)\\]\\]\"").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** Numbers of a JSON array member, e.g. "size", "geoTransform", "upperLeft". */
    public static double[] array(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[([^\\[\\]]*)\\]").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no array '" + key + "' in gdalinfo output");
        }
        String[] parts = m.group(1).split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i].trim());
        }
        return v;
    }

    /** All string values of a JSON key, in order (e.g. "description", "noDataValue"). */
    public static List<String> strings(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\"?([^\",\\n}]*)\"?").matcher(json);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Band {@code band} (1-based) as GDAL reads it, as float32. */
    public static float[] readBand(Path tif, int band, Path scratch) throws IOException {
        Path raw = scratch.resolve("gdal_band_" + band + ".f32");
        String code = "import sys\nfrom osgeo import gdal\nimport numpy as np\n"
                + "ds = gdal.Open(sys.argv[1])\n"
                + "a = ds.GetRasterBand(int(sys.argv[2])).ReadAsArray().astype('<f4')\n"
                + "a.tofile(sys.argv[3])\n";
        if (run(List.of(PY.toString(), "-c", code, tif.toString(), Integer.toString(band), raw.toString())) == null) {
            throw new AssertionError("GDAL python could not read " + tif);
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    /**
     * Every listed band (1-based) read whole by GDAL: {NaN count, min, max, sum} over the non-NaN values,
     * as float64, one row per band.
     */
    public static double[][] bandStats(Path tif, int... bands) {
        String code = "import sys\nfrom osgeo import gdal\nimport numpy as np\n"
                + "gdal.UseExceptions()\n"
                + "ds = gdal.Open(sys.argv[1])\n"
                + "bl = [int(b) for b in sys.argv[2:]]\n"
                + "cube = ds.ReadAsArray(band_list=bl)\n" // one pass over pixel-interleaved strips
                + "cube = cube.reshape(len(bl), ds.RasterYSize, ds.RasterXSize)\n"
                + "for k in range(len(bl)):\n"
                + "    a = cube[k].astype('f8')\n"
                + "    nan = int(np.isnan(a).sum())\n"
                + "    ok = a[~np.isnan(a)]\n"
                + "    print(nan, repr(float(ok.min())), repr(float(ok.max())), repr(float(ok.sum())))\n";
        List<String> cmd = new ArrayList<>(List.of(PY.toString(), "-c", code, tif.toString()));
        for (int b : bands) {
            cmd.add(Integer.toString(b));
        }
        String out = run(cmd);
        if (out == null) {
            throw new AssertionError("GDAL python could not read every band of " + tif);
        }
        String[] lines = out.strip().split("\n");
        if (lines.length != bands.length) {
            throw new AssertionError("GDAL python gave " + lines.length + " lines for " + bands.length + " bands: " + out);
        }
        double[][] stats = new double[bands.length][];
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            stats[i] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3])};
        }
        return stats;
    }

    /** {@code gdal_translate -q OPTIONS in out}; fails the test when GDAL fails. */
    public static void translate(Path in, Path out, String... options) {
        List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q"));
        cmd.addAll(List.of(options));
        cmd.add(in.toString());
        cmd.add(out.toString());
        if (run(cmd) == null) {
            throw new AssertionError("gdal_translate failed: " + cmd);
        }
    }

    public static boolean gdaltransformAvailable() {
        return run(List.of("gdaltransform", "--version")) != null;
    }

    /**
     * Points through {@code gdaltransform [-i] -t_srs EPSG:4326 TIF}, i.e. through the file's CRS and geotransform:
     * forward, each {pixel, line} (fractional, (0, 0) the upper-left corner) becomes {lon, lat}; inverse
     * ({@code inverse} true), each {lon, lat} becomes {pixel, line}. Fails the test when GDAL fails.
     */
    public static double[][] transform(Path tif, boolean inverse, double[][] points) {
        List<String> cmd = new ArrayList<>(List.of("gdaltransform"));
        if (inverse) {
            cmd.add("-i");
        }
        cmd.addAll(List.of("-t_srs", "EPSG:4326", tif.toString()));
        StringBuilder in = new StringBuilder();
        for (double[] p : points) {
            in.append(p[0]).append(' ').append(p[1]).append('\n');
        }
        String out = run(cmd, in.toString());
        if (out == null) {
            throw new AssertionError("gdaltransform failed: " + cmd);
        }
        String[] lines = out.strip().split("\n");
        if (lines.length != points.length) {
            throw new AssertionError("gdaltransform gave " + lines.length + " lines for " + points.length + " points: " + out);
        }
        double[][] res = new double[points.length][];
        for (int i = 0; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            res[i] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
        }
        return res;
    }

    private static String run(List<String> cmd) {
        return run(cmd, null);
    }

    private static String run(List<String> cmd, String stdin) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (var w = p.getOutputStream()) {
                if (stdin != null) {
                    w.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
