#!/usr/bin/env bash
# The Python side of CI, on the build .ci/run just made in target/: a PySpark of the given version in a
# cached venv, the wheel built from target/python, the pytest suite, and spark-submit from that
# PySpark's own Spark to a standalone master and worker on loopback (a Scala job, a Python job, once
# each with --jars and with --packages from the local Maven repository), then the notebooks.
# On 4.x, the Connect tests then run against a Spark Connect server started from the same Spark.
# Each step prints its seconds. Usage: .ci/pyspark.sh 3.5.7|4.1.0 [tests-only]: the wheel and pytest
# (and Connect) alone, without the cluster jobs and the notebooks.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$1
case $version in 3.*) scala=2.12 ;; *) scala=2.13 ;; esac
cache=${SPARK_ASGD_CACHE:-$HOME/.cache/spark-asgd}
venv=$cache/pyspark-$version
export PIP_CACHE_DIR=$cache/pip PIP_DISABLE_PIP_VERSION_CHECK=1
step() { local t=$SECONDS; "$@"; echo "[pyspark.sh $version] $1 ${2:-}: $((SECONDS - t)) s"; }

jar=$(ls target/spark-asgd_${scala}-*.jar | grep -v -e sources -e javadoc -e tools | head -1)
# The jobs' main classes (cli/) live in the tools jar, which takes the library beside it.
tools_jar=$(ls target/spark-asgd_${scala}-*-tools.jar | head -1)
artifact=io.github.sparkasgd:spark-asgd_${scala}:$(basename "$jar" .jar | sed "s/^spark-asgd_${scala}-//")

setup() {
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  # PySpark 4's Connect client needs its extras (grpcio, pandas, pyarrow, ...).
  local extras=""
  case $version in 4.*) extras="[connect]" ;; esac
  # jjava: a Java kernel (JShell) for notebooks/java-*.ipynb.
  "$venv/bin/pip" install -q "pyspark$extras==$version" pytest numpy matplotlib nbclient nbformat ipykernel jjava
}
wheel() {
  rm -rf target/dist target/py-wheel
  "$venv/bin/pip" wheel -q --no-deps -w target/dist target/python
  "$venv/bin/pip" install -q --no-deps --target target/py-wheel target/dist/spark_asgd-*.whl
}
tests() {
  SPARK_ASGD_JAR=$jar PYTHONPATH=target/py-wheel "$venv/bin/python" -m pytest -q -p no:cacheprovider src/test/python
}
step setup
step wheel
step tests

export SPARK_HOME
SPARK_HOME=$("$venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
export PATH=$venv/bin:$PATH PYSPARK_PYTHON=$venv/bin/python SPARK_LOCAL_IP=127.0.0.1
free_port() { "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Spark 4: a Spark Connect server from this PySpark's own Spark, with the jar, on loopback; the tests under
# src/test/python/connect fit, transform, save and load over SparkSession.builder.remote(sc://...).
connect() {
  local port rc=0 dirs=(SPARK_LOG_DIR="$PWD/target/connect/logs" SPARK_PID_DIR="$PWD/target/connect/pids")
  local class=org.apache.spark.sql.connect.service.SparkConnectServer
  port=$(free_port)
  rm -rf target/connect
  env "${dirs[@]}" "$SPARK_HOME/sbin/spark-daemon.sh" submit $class 1 --name "spark-asgd Connect" \
    --master "local[2]" --jars "$jar" --conf spark.ui.enabled=false \
    --conf spark.connect.grpc.binding.address=127.0.0.1 --conf spark.connect.grpc.binding.port="$port" >/dev/null
  for _ in $(seq 180); do
    grep -q "Spark Connect server started" target/connect/logs/*.out 2>/dev/null && break
    sleep 1
  done
  SPARK_ASGD_CONNECT=sc://127.0.0.1:$port PYTHONPATH=target/py-wheel "$venv/bin/python" -m pytest -q \
    -p no:cacheprovider -m connect src/test/python/connect || { rc=$?; cat target/connect/logs/*.out | tail -50; }
  env "${dirs[@]}" "$SPARK_HOME/sbin/spark-daemon.sh" stop $class 1 >/dev/null || true
  return $rc
}
case $version in 4.*) step connect ;; esac
[ "${2:-}" = tests-only ] && exit 0

export SPARK_LOG_DIR=$PWD/target/standalone/logs SPARK_PID_DIR=$PWD/target/standalone/pids
port=$(free_port)
master=spark://127.0.0.1:$port
daemon() { "$SPARK_HOME/sbin/spark-daemon.sh" "$@" >/dev/null; }
stop_cluster() {
  daemon stop org.apache.spark.deploy.worker.Worker 1 || true
  daemon stop org.apache.spark.deploy.master.Master 1 || true
}
cluster() {
  rm -rf target/standalone
  daemon start org.apache.spark.deploy.master.Master 1 --host 127.0.0.1 --port "$port" --webui-port "$(free_port)"
  daemon start org.apache.spark.deploy.worker.Worker 1 --host 127.0.0.1 --cores 2 --memory 3g \
    --webui-port "$(free_port)" --work-dir "$PWD/target/standalone/work" "$master"
  for _ in $(seq 60); do
    grep -q "Successfully registered with master" target/standalone/logs/*Worker*.out 2>/dev/null && return 0
    sleep 1
  done
  cat target/standalone/logs/*.out
  return 1
}
trap stop_cluster EXIT
step cluster

submit() { "$SPARK_HOME/bin/spark-submit" --master "$master" --properties-file conf/standalone.properties "$@"; }
# Checks that a job printed "<label>: ... test accuracy A" with A at least MIN.
expect_accuracy() {
  local out=$1 label=$2 min=$3
  grep -F "$label" "$out" | grep -o 'test accuracy [0-9.]*' | head -1 | awk -v m="$min" -v l="$label" \
    '{ if ($3 + 0 >= m) { print l ": " $0 " (>= " m ")"; ok = 1 } } END { exit ok ? 0 : 1 }' \
    || { echo "no '$label' test accuracy >= $min in $out:"; cat "$out"; return 1; }
}
mkdir -p target/submit
scala_job() {
  submit --class io.github.sparkasgd.cli.Train --jars "$jar" "$tools_jar" \
    --data fashion-mnist --max-iter 3 --partitions 2 > target/submit/train.out
  expect_accuracy target/submit/train.out "spark-asgd async" 0.8
}
python_job_jar() {
  submit --jars "$jar" --py-files "$jar" src/main/python/examples/quickstart.py 20000 > target/submit/py-jar.out
  grep -q "spark_asgd from .*\.jar" target/submit/py-jar.out
  expect_accuracy target/submit/py-jar.out "spark-asgd async" 0.95
}
packages() {
  # .ci/run installs the build it verifies (mvn install); install it here when run alone.
  local v=${artifact##*:}
  ls "$HOME/.m2/repository/io/github/sparkasgd/spark-asgd_$scala/$v/"*.jar >/dev/null 2>&1 \
    || mvn -q -B -ntp install -DskipTests $([ "$scala" = 2.13 ] && echo -Pspark-4)
  rm -rf target/ivy
  submit --conf spark.jars.ivy="$PWD/target/ivy" --packages "$artifact" \
    src/main/python/examples/quickstart.py 20000 > target/submit/py-packages.out
  grep -q "spark_asgd from .*\.jar" target/submit/py-packages.out
  expect_accuracy target/submit/py-packages.out "spark-asgd async" 0.95
}
step scala_job
step python_job_jar
step packages
stop_cluster
trap - EXIT

notebooks() {
  for nb in notebooks/pyspark-*.ipynb; do
    SPARK_ASGD_JAR=$PWD/$jar PYTHONPATH=$PWD/target/py-wheel "$venv/bin/jupyter" execute --kernel_name=python3 "$nb"
  done
}
# The Java notebooks on the JJava kernel, in a JVM with Spark's jars, the library and Spark's Java 17 flags.
java_notebooks() {
  local flags
  flags=$(mvn -B -q -ntp help:evaluate -Dexpression=spark.module.flags -DforceStdout | sed 's/\x1b\[[0-9;]*m//g')
  for nb in notebooks/java-*.ipynb; do
    JJAVA_CLASSPATH="$SPARK_HOME/jars/*:$PWD/$jar" \
      JJAVA_JVM_OPTS="-Xmx2g -Dlog4j2.configurationFile=$PWD/conf/log4j2.properties $flags" \
      "$venv/bin/jupyter" execute --kernel_name=java "$nb"
  done
}
step notebooks
step java_notebooks
