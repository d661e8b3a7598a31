package org.permasar.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.engine.BlockEngine;
import org.permasar.grid.GridGeometry;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.progress.Progress;
import org.permasar.stack.BlockPlanner;

/**
 * A real Spark standalone cluster on 127.0.0.1 (a master and one worker with two cores, started
 * from the test class path: no Spark download), whose executors are separate JVMs: the job's
 * kernel is serialised to them and their blocks reach the driver through the scratch store only.
 * The result must be the bytes of the single-process run. Skipped, with the reason, when the
 * cluster does not come up or no executor registers within 90 s. About 30 s on two idle cores.
 */
class StandaloneClusterTest {
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopCluster() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) { // worker first, then master
            Process p = started.get(i);
            p.destroy();
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    @Timeout(240)
    void executorsInOtherJvmsWriteTheLocalBytes(@TempDir Path dir) throws Exception {
        String cp = System.getProperty("java.class.path");
        Path home = Files.createDirectories(dir.resolve("spark-home/jars")).getParent();
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        Process m = launch(dir, home, "master", cp, "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", "0");
        assumeTrue(awaitPort(port, m, 30_000), () -> "standalone master did not start on " + master + ": "
                + tail(dir.resolve("master.log")));
        Process w = launch(dir, home, "worker", cp, "org.apache.spark.deploy.worker.Worker",
                "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port", "0",
                "--work-dir", Files.createDirectories(dir.resolve("work")).toString(), master);
        assumeTrue(w.isAlive(), () -> "standalone worker did not start: " + tail(dir.resolve("worker.log")));

        GridGeometry grid = BlockJobs.grid(60, 40);
        BlockEngine engine = new BlockEngine(new BlockPlanner(6L * 40 * BlockJobs.BYTES_PER_PIXEL, 1), 2, Progress.NONE);
        BlockJob job = BlockJobs.job(grid, engine.planner(), new FormulaKernel(BlockJobs.LAYERS));
        Path local = BlockJobs.run(new LocalBlockRunner(engine), job, dir.resolve("local/out.zarr"));

        SparkConf conf = SparkBlockRunner.conf(master)
                .set("spark.executor.extraClassPath", cp)
                .set("spark.executor.memory", "512m")
                .set("spark.cores.max", "2");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            // the worker starts an executor JVM for the application: seconds, more on a loaded machine
            long end = System.currentTimeMillis() + 90_000;
            while (sc.sc().statusTracker().getExecutorInfos().length < 2 && System.currentTimeMillis() < end) {
                Thread.sleep(200);
            }
            assumeTrue(sc.sc().statusTracker().getExecutorInfos().length > 1,
                    () -> "no executor registered within 90 s: " + tail(dir.resolve("worker.log")));
            SparkBlockRunner runner = new SparkBlockRunner(sc, engine.planner());
            Path cluster = BlockJobs.run(runner, job, dir.resolve("cluster/out.zarr"));
            BlockJobs.assertSameBytes(local, cluster);
            assertThat(runner.lastRun().computed()).isEqualTo(10);
        }
    }

    private Process launch(Path dir, Path home, String name, String cp, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", cp, main));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString()); // the worker builds executor commands from it (empty jars/ here)
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean awaitPort(int port, Process p, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end && p.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        return false;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(File.separator.equals("/") ? "\n" : "\r\n",
                    lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
