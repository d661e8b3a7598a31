package org.permasar.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.permasar.grid.Window;
import org.permasar.io.sink.BlockSink;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockRunnerProvider;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.stack.BlockPlanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link BlockJob}s on Apache Spark. The partitions are the blocks of the step layer's plan
 * ({@link BlockPlanner#plan}, the same windows as {@link LocalBlockRunner}): each task opens the
 * kernel's worker on its executor, computes its window and writes it into a scratch
 * {@link WindowStore} (a Zarr group whose chunks are the plan's windows) next to the first
 * product; the driver then streams that store window by window into the sinks it was given. The
 * driver never holds more than one window, and the sinks receive bit for bit what the local run
 * gives them, whatever the number of executors.
 *
 * <p><b>Faults.</b> A failed task is retried by Spark ({@code spark.task.maxFailures}; in local
 * mode give the retries in the master, {@code local[N,F]}). The scratch store survives a failed or
 * killed driver: a rerun of the same job finds the windows already done (a marker written after
 * their chunks) and computes only the others. The store is deleted once every window reached the
 * sinks.
 *
 * <p>One runner may run several jobs, one at a time; {@link #close()} stops the Spark context it
 * started.
 */
public final class SparkBlockRunner implements BlockRunnerProvider.Session {
    private static final Logger LOG = LoggerFactory.getLogger(SparkBlockRunner.class);

    /**
     * What the last {@link #run} did: blocks in the plan and computed by this run; wall time from
     * submitting the Spark job to the last block in the sinks, and to the end of the last task (by
     * the executors' clocks; 0 when nothing was computed); driver time spent reading blocks back and
     * writing them to the sinks (overlapping the Spark job); the tasks' summed compute and
     * scratch-write times, and scratch bytes.
     */
    public record RunStats(int windows, int computed, long wallNanos, long sparkNanos, long streamNanos,
                           long taskComputeNanos,
                           long taskWriteNanos, long scratchBytes) {
    }

    private final JavaSparkContext sc;
    private final boolean ownsContext;
    private final BlockPlanner planner;
    private volatile RunStats last;

    /** Runs on an existing context (not stopped by {@link #close()}), cutting blocks with {@code planner}. */
    public SparkBlockRunner(JavaSparkContext sc, BlockPlanner planner) {
        this(sc, false, planner);
    }

    private SparkBlockRunner(JavaSparkContext sc, boolean ownsContext, BlockPlanner planner) {
        this.sc = sc;
        this.ownsContext = ownsContext;
        this.planner = planner;
    }

    /**
     * Starts a Spark context with {@link #conf(String)} and a runner on it.
     *
     * @param master e.g. {@code local[*]}, {@code local[2,3]} (2 threads, 3 attempts per task),
     *               {@code spark://127.0.0.1:7077}; a master set by {@code spark-submit} wins
     */
    public static SparkBlockRunner start(String master, BlockPlanner planner) {
        return new SparkBlockRunner(new JavaSparkContext(conf(master)), true, planner);
    }

    /**
     * The configuration PermaSAR starts Spark with: {@code spark.*} system properties (as
     * {@code spark-submit} passes them) first, then {@code master}, no web UI, and for local or
     * loop-back masters a driver on 127.0.0.1 unless {@code SPARK_LOCAL_IP} says otherwise. On a
     * cluster master, when run from its application jar and {@code spark.jars} is unset, ships
     * that jar to the executors.
     */
    public static SparkConf conf(String master) {
        SparkConf c = new SparkConf().setAppName("permasar");
        c.setIfMissing("spark.master", master == null || master.isBlank() ? "local[*]" : master);
        c.setIfMissing("spark.ui.enabled", "false");
        String m = c.get("spark.master");
        boolean loopback = m.startsWith("local") || m.contains("//127.0.0.1") || m.contains("//localhost");
        if (loopback && System.getenv("SPARK_LOCAL_IP") == null) {
            c.setIfMissing("spark.driver.host", "127.0.0.1");
            c.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!m.startsWith("local") && !c.contains("spark.jars")) {
            String jar = applicationJar();
            if (jar != null) {
                c.set("spark.jars", jar);
            }
        }
        return c;
    }

    /** The jar this class was loaded from, when it is one. */
    private static String applicationJar() {
        try {
            var src = SparkBlockRunner.class.getProtectionDomain().getCodeSource();
            String p = src == null ? null : Path.of(src.getLocation().toURI()).toString();
            return p != null && p.endsWith(".jar") ? p : null;
        } catch (java.net.URISyntaxException | SecurityException e) {
            return null;
        }
    }

    /** The Spark context jobs run on. */
    public JavaSparkContext context() {
        return sc;
    }

    /** Statistics of the last completed {@link #run}, or null before the first. */
    public RunStats lastRun() {
        return last;
    }

    @Override
    public void run(BlockJob job, Map<String, BlockSink> sinks) throws IOException {
        for (String p : job.products()) {
            if (!sinks.containsKey(p)) {
                throw new IllegalArgumentException("no sink for product " + p + " of step " + job.name());
            }
        }
        List<Window> plan = planner.plan(job.grid(), job.bytesPerPixel());
        WindowStore store = WindowStore.open(scratch(job, sinks), job, plan);
        List<Integer> pending = store.pending();
        if (pending.size() < plan.size()) {
            LOG.info("step {}: resuming from {}, {} of {} blocks already computed", job.name(), store.path(),
                    plan.size() - pending.size(), plan.size());
        }
        long t0 = System.nanoTime();
        long submitted = System.currentTimeMillis();
        JavaFutureAction<List<WindowTask.Result>> spark = null;
        if (!pending.isEmpty()) {
            sc.setJobDescription("permasar " + job.name() + ": " + pending.size() + " blocks");
            try {
                spark = sc.parallelize(pending, pending.size()).mapPartitions(new WindowTask(job, store)).collectAsync();
            } finally {
                sc.setJobDescription(null);
            }
        }
        long streamNanos = 0;
        List<WindowTask.Result> results = List.of();
        try {
            // stream in plan order while Spark computes: each window as soon as its done marker exists
            for (int i = 0; i < plan.size(); i++) {
                awaitWindow(store, i, spark);
                long a = System.nanoTime();
                LocalBlockRunner.write(job, sinks, plan.get(i), store.read(i));
                streamNanos += System.nanoTime() - a;
            }
            if (spark != null) {
                results = spark.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("step " + job.name() + " interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            throw new IOException("step " + job.name() + " failed on Spark (" + sc.master() + "); blocks done so far "
                    + "are kept in " + store.path() + " for a rerun: " + c.getMessage(), c);
        } finally {
            if (spark != null && !spark.isDone()) {
                spark.cancel(true); // a sink failed: stop computing blocks nobody will write
            }
        }
        long t1 = System.nanoTime();
        store.delete();
        long compute = 0, write = 0, bytes = 0, end = submitted;
        for (WindowTask.Result r : results) {
            end = Math.max(end, r.endMillis());
            compute += r.computeNanos();
            write += r.writeNanos();
            bytes += r.bytes();
        }
        last = new RunStats(plan.size(), results.size(), t1 - t0, (end - submitted) * 1_000_000L, streamNanos, compute,
                write, bytes);
        LOG.info("step {} on {}: {}", job.name(), sc.master(), last);
    }

    /**
     * Waits until window {@code i} is in the store; returns at once when it is, throws when the
     * Spark job ended (failed) without it.
     */
    private static void awaitWindow(WindowStore store, int i, JavaFutureAction<?> spark)
            throws InterruptedException, java.util.concurrent.ExecutionException, IOException {
        long sleep = 1;
        while (!store.isDone(i)) {
            if (spark == null) {
                throw new IOException(store.path() + ": window " + i + " is neither done nor scheduled");
            }
            if (spark.isDone()) {
                spark.get(); // throws the job's failure
                if (!store.isDone(i)) {
                    throw new IOException(store.path() + ": Spark finished but window " + i + " was never written");
                }
                return;
            }
            Thread.sleep(sleep);
            sleep = Math.min(50, sleep * 2);
        }
    }

    /** Scratch store of a job: a hidden folder next to its first product. */
    private static Path scratch(BlockJob job, Map<String, BlockSink> sinks) {
        Path first = sinks.get(job.products().get(0)).path().toAbsolutePath();
        return first.resolveSibling("." + job.name().replaceAll("[^A-Za-z0-9_.-]", "_") + ".spark-blocks");
    }

    @Override
    public void close() {
        if (ownsContext) {
            sc.close();
        }
    }
}
