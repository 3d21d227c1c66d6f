#!/usr/bin/env bash
# The operator at scale against the fabric8 mock API server: see bench/OperatorBench.java and docs/benchmarks.md.
# Usage: [OPERATOR_HEAP=128m] bench/operator-scale.sh [OPERATOR_JAR] [IDLE_SECONDS]  (default 90: longer than the operator's 60 s safety resync)
#   OPERATOR_HEAP is the operator's -Xmx (default 384m).
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
