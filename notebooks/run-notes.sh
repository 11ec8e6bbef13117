#!/usr/bin/env bash
# Runs every Zeppelin note in notebooks/ headless through Spark's Scala REPL against the packaged
# library; fails on any compile error, exception or failed assertion. Extra arguments go to Maven
# (e.g. -Pspark-4 for the Spark 4.1 / Scala 2.13 build).
# Usage: notebooks/run-notes.sh [maven args]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp package -DskipTests "$@"
mvn -q -B -ntp dependency:build-classpath -Pnotebook "$@" -Dmdep.includeScope=compile \
  -Dmdep.outputFile=target/notebook.classpath
jar=$(ls target/spark-asgd_*-SNAPSHOT.jar | head -1)
for note in notebooks/*.zpln; do
  java -cp "$(cat target/notebook.classpath)" notebooks/RunNote.java "$note" "$jar"
done
