#!/usr/bin/env bash
# The monitoring proof: Debian's Prometheus scrapes an ITF operator (Quarkus test mode, fabric8 mock API server) while
# it runs TestRuns, with the chart's alert rules loaded, and every query of the chart's Grafana dashboard is asked of
# Prometheus. Results: target/monitoring-proof.md (docs/monitoring.md records a run). Needs: apt-get install prometheus.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v prometheus >/dev/null || { echo "monitoring-proof: install Debian's prometheus package first" >&2; exit 2; }
./mvnw -B -o test -Dtest=MonitoringProofTest -Dsurefire.failIfNoSpecifiedTests=false -Ditf.monitoring-proof=true
cat target/monitoring-proof.md
