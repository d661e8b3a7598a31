package org.permasar.io.vector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs GDAL's ogr2ogr (apt gdal-bin) as an independent referee for the tests; absent → tests are skipped. */
public final class Ogr {
    private Ogr() {
    }

    public static boolean available() {
        try {
            Process p = new ProcessBuilder("ogr2ogr", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs ogr2ogr with these arguments; fails with its output on a non-zero exit. */
    public static String run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("ogr2ogr");
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ogr2ogr " + args + " failed: " + out);
        }
        return out;
    }

    /** The rows of an SQLite-dialect query on {@code src} as CSV, header dropped, fields split on commas. */
    public static List<String[]> query(Path src, String sql) throws IOException, InterruptedException {
        String csv = run(List.of("-f", "CSV", "/vsistdout/", src.toString(), "-dialect", "sqlite", "-sql", sql));
        List<String[]> rows = new ArrayList<>();
        String[] lines = csv.strip().split("\r?\n");
        for (int k = 1; k < lines.length; k++) {
            rows.add(lines[k].split(",", -1));
        }
        return rows;
    }
}
