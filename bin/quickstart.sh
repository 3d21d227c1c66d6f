#!/usr/bin/env bash
# Quickstart with no cluster: build ITF, start the built-in demo service, run examples/quickstart against it,
# print the summary and write JUnit and JSON reports to target/quickstart-reports/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
port="${ITF_DEMO_PORT:-18080}"
reports="target/quickstart-reports"

echo "==> building ITF"
./mvnw -B -q package -DskipTests

echo "==> starting the demo target on port $port"
bin/itf demo-target --port "$port" > target/quickstart-demo.log 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  if ! kill -0 "$demo" 2>/dev/null; then echo "the demo target did not start:"; cat target/quickstart-demo.log; exit 2; fi
  sleep 0.1
done

echo "==> itf run examples/quickstart/orders-suite.yaml"
set +e
bin/itf run examples/quickstart/orders-suite.yaml --var "baseUrl=http://localhost:$port" \
  --report-dir "$reports" --format junit,json
code=$?
set -e
echo "==> reports in $reports/"
ls "$reports"
exit "$code"
