package org.permasar.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.permasar.stack.InvalidInputException;
import org.permasar.viewer.ViewerServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code permasar view DIR}: browse an output folder in a web browser until Ctrl-C. */
@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"Serve a local web-map viewer of an output folder (PermaSAR's or MintPy's): every raster (MintPy HDF5,"
                + " GeoTIFF) on a pannable map, grouped by track with units, a time-series cube as one layer with a date"
                + " slider, latitude/longitude under the cursor; a clicked pixel shows the time series of every"
                + " timeseries*.h5 (asc/desc tracks) with the models fitted in the neighbouring velocity.h5 and"
                + " pecm/velocity.h5, the physical PECM curve and its forcing I (from DIR/permasar.cfg, as written by"
                + " run and demo) and the LST beneath; a drawn box or polygon gives its mean series and statistics.",
            "Only files under DIR are served, only to requests addressed to this server (Host header: localhost,"
                + " 127.0.0.1, [::1] or --host, with --port). There is no authentication. Stop with Ctrl-C."})
final class ViewCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Output folder to view.")
    Path dir;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 exposes the folder to every network the "
                    + "machine is on, without authentication: a warning says so).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, Files.exists(dir) ? "not a folder" : "no such folder");
        }
        quietServerLogs();
        ViewerServer server = ViewerServer.start(new ViewerServer.Config(dir, host, port)
                .withPecm(org.permasar.cli.pipeline.ConfiguredPecmCurves.of(dir)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "permasar-view-shutdown"));
        String warning = server.exposureWarning();
        if (warning != null) {
            System.err.println("permasar view: " + warning);
            System.err.flush();
        }
        System.out.println("Viewer at " + server.url());
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** Javalin and Jetty log every start step at INFO; keep warnings only unless the user configured them. */
    private static void quietServerLogs() {
        for (String logger : new String[] {"io.javalin", "org.eclipse.jetty"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
    }
}
