#!/usr/bin/env bash
# Rewrites crds/, helm/itf/crds/ and deploy/itf.yaml from the API types and the chart.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B test -Dtest='CrdDriftTest,DeployManifestsDriftTest' -Ditf.update=true -Dsurefire.failIfNoSpecifiedTests=false
