#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1 from the project's own jars (no Spark download):
# starts a master and one worker (2 cores) from permasar-spark/target/spark-lib, then inverts a
# small simulated stack three ways and compares the MintPy HDF5 files byte for byte:
#   1. in one process          (permasar invert, --engine local)
#   2. on the cluster, through the launcher (java -cp app.jar:spark-lib/* org.permasar.spark.Main
#      ... --engine spark --master spark://127.0.0.1:PORT; the app jar is shipped to the executors)
#   3. on the cluster, through spark-submit (org.apache.spark.deploy.SparkSubmit, what the
#      spark-submit script runs) with the application jar
#
# Build first (from the repository root):  mvn -o package -pl permasar-spark -am -DskipTests
# Usage: permasar-spark/scripts/standalone-cluster.sh [WORK_DIR] [PORT]
set -euo pipefail
module=$(cd "$(dirname "$0")/.." && pwd)
app=$(ls "$module"/target/permasar-spark-*-app.jar)
lib="$module/target/spark-lib"
work=${1:-$(mktemp -d)}
port=${2:-7177}
master="spark://127.0.0.1:$port"
mkdir -p "$work"
export SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13 SPARK_HOME="$work/spark-home"
# the worker builds executor class paths from $SPARK_HOME/jars
mkdir -p "$SPARK_HOME" && ln -sfn "$lib" "$SPARK_HOME/jars"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

t0=$(date +%s.%N)
java -Xmx512m -cp "$lib/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
    > "$work/master.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
java -Xmx512m -cp "$lib/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 2 --memory 2g \
    --webui-port 0 --work-dir "$work/worker" "$master" > "$work/worker.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do grep -q "Successfully registered with master" "$work/worker.log" 2>/dev/null && break; sleep 0.2; done
grep -q "Successfully registered with master" "$work/worker.log" || { echo "worker did not register:"; tail "$work/worker.log"; exit 1; }
printf 'cluster up at %s in %.1f s\n' "$master" "$(echo "$(date +%s.%N) - $t0" | bc)"

permasar() { java -Xmx2g -cp "$app:$lib/*" org.permasar.spark.Main "$@"; }
timed() { local s; s=$(date +%s.%N); "$@" > "$work/last.out" 2> "$work/last.err" || { cat "$work/last.err"; exit 1; };
          printf '%.1f s\n' "$(echo "$(date +%s.%N) - $s" | bc)"; }

[ -f "$work/sim/asc/ifgramStack.h5" ] || permasar simulate --out "$work/sim" --small > /dev/null 2>&1
stack="$work/sim/asc/ifgramStack.h5"
rm -rf "$work/local" "$work/cluster" "$work/submit"
echo -n "1. one process:           "; timed permasar invert "$stack" --out "$work/local" --threads 3
echo -n "2. launcher on cluster:   "; timed permasar invert "$stack" --out "$work/cluster" --threads 3 \
    --engine spark --master "$master"
echo -n "3. spark-submit on cluster: "; timed java -Xmx2g -cp "$lib/*" org.apache.spark.deploy.SparkSubmit \
    --class org.permasar.spark.Main --master "$master" --conf spark.ui.enabled=false "$app" \
    invert "$stack" --out "$work/submit" --threads 3 --engine spark
grep -h "RunStats" "$work/last.err" | sed 's/.*RunStats/   submit RunStats/' || true
ls "$work"/worker/app-* > /dev/null && echo "executor JVMs ran in $(ls -d "$work"/worker/app-* | wc -l) application(s) on the worker"

status=0
for f in "$work"/local/*.h5; do
  n=$(basename "$f")
  for other in cluster submit; do
    if cmp -s "$f" "$work/$other/$n"; then echo "same bytes: $other/$n"; else echo "DIFFERENT: $other/$n"; status=1; fi
  done
done
exit $status
