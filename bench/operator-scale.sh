#!/usr/bin/env bash
# The operator at scale against the fabric8 mock API server: see bench/OperatorBench.java and docs/benchmarks.md.
# Usage: [PHASES=jobs,idle,ingest,rss] [OPERATOR_HEAP=128m] [OPERATOR_JAVA_OPTS=...] bench/operator-scale.sh [OPERATOR_JAR] [IDLE_SECONDS]
#   (IDLE_SECONDS default 90: longer than the operator's 60 s safety resync)
#   The operator runs with the chart's JVM options and MALLOC_ARENA_MAX (helm/itf/values.yaml), and -XX:MaxRAM set to
#   the chart's memory limit, as in its container. PHASES picks phases (rss alone: only the 1,000 finished runs).
#   OPERATOR_HEAP sets the operator's -Xmx instead of the chart's heap percentage; OPERATOR_JAVA_OPTS adds JVM options
#   (with -XX:NativeMemoryTracking=summary the memory report in target/bench-operator-memory.txt has the JVM's summary).
#   OPERATOR_JAR defaults to this checkout's target/quarkus-app/quarkus-run.jar (built when missing);
#   pass another checkout's jar to compare two versions with the same driver.
set -euo pipefail
cd "$(dirname "$0")/.."
jar="${1:-target/quarkus-app/quarkus-run.jar}"
if [ ! -f "$jar" ]; then
  ./mvnw -B -q package -DskipTests
fi
if [ ! -f target/bench.cp ] || [ pom.xml -nt target/bench.cp ]; then
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
fi
[ -d target/classes/dev/itf/api ] || ./mvnw -B -q compile
exec java -cp "target/classes:$(cat target/bench.cp)" bench/OperatorBench.java "$(realpath "$jar")" "${2:-90}"
