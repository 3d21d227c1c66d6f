#!/usr/bin/env bash
# The monitoring proof: Debian's Prometheus scrapes an ITF operator (Quarkus test mode, fabric8 mock API server) while
# it runs TestRuns, with the chart's alert rules loaded, and every query of the chart's Grafana dashboard is asked of
# Prometheus. Results: target/monitoring-proof.md (docs/monitoring.md records a run). Needs: apt-get install prometheus.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v prometheus >/dev/null || { echo "monitoring-proof: install Debian's prometheus package first" >&2; exit 2; }
./mvnw -B -o test -Dtest=MonitoringProofTest -Dsurefire.failIfNoSpecifiedTests=false -Ditf.monitoring-proof=true
cat target/monitoring-proof.md
# a picture of the panels, drawn from the same answers (needs Debian's chromium and playwright-core in .tools/npm)
if command -v chromium >/dev/null && [ -d .tools/npm/node_modules/playwright-core ]; then
  NODE_PATH=.tools/npm/node_modules node src/test/resources/browser/screenshot.cjs target/monitoring-proof.html target/monitoring-proof.png
fi
