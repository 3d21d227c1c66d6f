#!/usr/bin/env bash
# End-to-end suite: installs the ITF operator into a fresh namespace of the cluster that KUBECONFIG names
# (with the Helm chart or with crds/ and deploy/), runs the scenarios against it and asserts every outcome
# from kubectl output. Prints one PASS or FAIL line per check and "N passed, N failed" at the end; exits 1
# on any failure. See docs/e2e.md.
set -uo pipefail

usage() {
    cat <<USAGE
usage: e2e/run.sh [--install helm|manifests|helm,manifests] [--scenarios a,b,...] [--keep] [--list]
  --install MODES    how to install the operator, one after the other (default helm)
  --scenarios LIST   which scenarios to run after the install checks (default all); see --list
  --keep             leave the namespaces and the operator in place for a look afterwards
  --list             print the scenarios and exit
environment:
  KUBECONFIG         the cluster (required)
  ITF_IMAGE          the ITF image the cluster can start (default itf:0.1.0-SNAPSHOT; never :latest)
  KUBECTL, HELM      the binaries (default: kubectl from PATH; helm from PATH or e2e/.tools/helm)
  ITF                the itf command the submit scenario runs on this machine (default bin/itf, the built jar)
  E2E_HOSTPATH_DIR   node directory for the operator's results volume (default /var/lib/itf-e2e)
  E2E_SHELL_IMAGE    image with a POSIX shell, run as root to prepare that directory (default busybox:1.35)
USAGE
}

ALL_SCENARIOS=(examples failing data presets image-pull invalid delete restart cleanup metrics load loadstep access dashboard leader killloop submit schedule)

root="$(cd "$(dirname "$0")/.." && pwd)"
manifests="$root/e2e/manifests"
installs="helm" scenarios="" keep=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --install) installs="${2:?--install needs helm, manifests or both}"; shift 2 ;;
        --scenarios) scenarios="${2:?--scenarios needs a list}"; shift 2 ;;
        --keep) keep=true; shift ;;
        --list) printf '%s\n' "${ALL_SCENARIOS[@]}"; exit 0 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "e2e: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ -n "${KUBECONFIG:-}" ]] || { echo "e2e: set KUBECONFIG to the cluster's kubeconfig" >&2; exit 2; }
export KUBECONFIG
ITF_IMAGE="${ITF_IMAGE:-itf:0.1.0-SNAPSHOT}"
if [[ "${ITF_IMAGE##*/}" != *:* || "$ITF_IMAGE" == *:latest ]]; then
    echo "e2e: ITF_IMAGE=$ITF_IMAGE: give an explicit tag other than latest (the kubelet always pulls latest)" >&2; exit 2
fi
KUBECTL="${KUBECTL:-kubectl}"
HELM="${HELM:-$(command -v helm || echo "$root/e2e/.tools/helm")}"
ITF="${ITF:-$root/bin/itf}"
HOSTPATH_DIR="${E2E_HOSTPATH_DIR:-/var/lib/itf-e2e}"
SHELL_IMAGE="${E2E_SHELL_IMAGE:-busybox:1.35}"
IFS=, read -r -a selected <<<"${scenarios:-$(IFS=,; echo "${ALL_SCENARIOS[*]}")}"
for s in "${selected[@]}"; do
    [[ " ${ALL_SCENARIOS[*]} " == *" $s "* ]] || { echo "e2e: unknown scenario $s; one of: ${ALL_SCENARIOS[*]}" >&2; exit 2; }
done

passed=0 failed=0
k() { "$KUBECTL" "$@"; }
pass() { passed=$((passed + 1)); echo "PASS $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
# check DESCRIPTION COMMAND...: PASS when the command succeeds
check() { local what="$1"; shift; if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "# $*"; }
figure() { echo "FIGURE $*"; figures+=("$*"); }
figures=()

# eventually SECONDS COMMAND...: retries the command every second until it succeeds or the deadline passes
eventually() {
    local deadline=$(( $(date +%s) + $1 )); shift
    until "$@" >/dev/null 2>&1; do
        (( $(date +%s) >= deadline )) && return 1
        sleep 1
    done
}

# render FILE [KEY=VALUE...]: the file with @KEY@ replaced, @IMAGE@ always by ITF_IMAGE
render() {
    local file="$1"; shift
    local args=(-e "s|@IMAGE@|$ITF_IMAGE|g")
    for kv in "$@"; do args+=(-e "s|@${kv%%=*}@|${kv#*=}|g"); done
    sed "${args[@]}" "$file"
}

run_id="$(date +%H%M%S)-$RANDOM"
work="itf-e2e-$run_id"        # where the scenarios' suites, environments and runs live
op_ns="" op_name="" op_label="" op_sa=""

phase() { k -n "$work" get trun "$1" -o jsonpath='{.status.phase}' 2>/dev/null; }
# wait_phase RUN SECONDS PHASE...: waits until the run's phase is one of PHASE; prints the phase reached
wait_phase() {
    local run="$1" secs="$2"; shift 2
    local deadline=$(( $(date +%s) + secs )) p
    while :; do
        p="$(phase "$run")"
        for want in "$@"; do [[ "$p" == "$want" ]] && { echo "$p"; return 0; }; done
        (( $(date +%s) >= deadline )) && { echo "${p:-none}"; return 1; }
        sleep 1
    done
}
run_field() { k -n "$work" get trun "$1" -o jsonpath="$2" 2>/dev/null; }
ns_gone() { ! k get ns "$1" >/dev/null 2>&1; }
operator_pod() {
    k -n "$op_ns" get pods -l "$op_label" -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.deletionTimestamp}{"\n"}{end}' \
        | awk 'NF == 1 { print $1; exit }'
}

# the demo environment and suite of examples/cluster, with the image under test
apply_demo() {
    render "$root/examples/cluster/001-environment.yaml" | sed "s|image: itf:[^ ]*|image: $ITF_IMAGE|" | k -n "$work" apply -f - >/dev/null
    k -n "$work" apply -f "$root/examples/cluster/002-suite.yaml" >/dev/null
    eventually 60 valid tenv demo && eventually 60 valid tsuite orders-demo
}
valid() { [[ "$(k -n "$work" get "$1" "$2" -o jsonpath='{.status.conditions[?(@.type=="Valid")].status}')" == True ]]; }

# http_get PATH: GET on the operator Service through a port-forward, body on stdout
http_get() {
    local port=$(( 20000 + RANDOM % 20000 )) pf out rc=1
    # kubectl itself in the background: the function k would run in a subshell, and killing that leaves kubectl running
    "$KUBECTL" -n "$op_ns" port-forward "svc/$op_name" "$port:8080" >/dev/null 2>&1 &
    pf=$!
    for _ in $(seq 1 60); do
        if out="$(curl -fsS --max-time 10 "http://127.0.0.1:$port$1" 2>/dev/null)"; then rc=0; break; fi
        sleep 0.5
    done
    kill "$pf" 2>/dev/null; wait "$pf" 2>/dev/null
    [[ $rc == 0 ]] && printf '%s\n' "$out"
    return $rc
}

# http_status PATH [TOKEN]: the HTTP status of a GET on the operator Service, with the bearer token if given
http_status() {
    local port=$(( 20000 + RANDOM % 20000 )) pf code="" auth=()
    [[ -n "${2:-}" ]] && auth=(-H "Authorization: Bearer $2")
    "$KUBECTL" -n "$op_ns" port-forward "svc/$op_name" "$port:8080" >/dev/null 2>&1 &
    pf=$!
    for _ in $(seq 1 60); do
        code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "${auth[@]}" "http://127.0.0.1:$port$1" 2>/dev/null)"
        [[ "$code" =~ ^[1-5][0-9][0-9]$ ]] && break
        sleep 0.5
    done
    kill "$pf" 2>/dev/null; wait "$pf" 2>/dev/null
    echo "${code:-none}"
}

# sa_token NAME: a token of a service account of the work namespace (TokenRequest from 1.24, its token Secret before)
sa_token() {
    local secret
    k -n "$work" create token "$1" 2>/dev/null && return 0
    eventually 30 sa_has_secret "$1" || return 1
    secret="$(k -n "$work" get sa "$1" -o jsonpath='{.secrets[0].name}')"
    k -n "$work" get secret "$secret" -o jsonpath='{.data.token}' | base64 -d
}
sa_has_secret() { [[ -n "$(k -n "$work" get sa "$1" -o jsonpath='{.secrets[0].name}')" ]]; }

# operator_memory: the operator container's cgroup memory in MiB, "usage rss" (cgroup v1; v2 gives usage twice)
operator_memory() {
    k -n "$op_ns" exec "$(operator_pod)" -- sh -c 'if [ -f /sys/fs/cgroup/memory/memory.usage_in_bytes ]; then
            cat /sys/fs/cgroup/memory/memory.usage_in_bytes; grep "^total_rss " /sys/fs/cgroup/memory/memory.stat | cut -d" " -f2
        else cat /sys/fs/cgroup/memory.current /sys/fs/cgroup/memory.current; fi' 2>/dev/null \
        | awk '{ printf "%d ", $1 / 1048576 }'
}

# ---------------------------------------------------------------- install

# A hostPath PersistentVolume bound to the results claim, its directory made writable for the operator's uid.
results_volume() {
    local claim="$1" pv="itf-e2e-results-$op_ns"
    render "$manifests/results-volume.yaml" PV="$pv" NS="$op_ns" CLAIM="$claim" DIR="$HOSTPATH_DIR/$op_ns" \
        SHELL_IMAGE="$SHELL_IMAGE" | k apply -f - >/dev/null
    if eventually 120 pod_done "$op_ns" itf-e2e-prepare-volume; then
        k -n "$op_ns" delete pod itf-e2e-prepare-volume --wait=false >/dev/null
    else
        fail "install: results directory prepared on the node (pod itf-e2e-prepare-volume)"
    fi
}
pod_done() { [[ "$(k -n "$1" get pod "$2" -o jsonpath='{.status.phase}')" == Succeeded ]]; }

install_helm() {
    op_ns="itf-e2e-helm-$run_id" op_name="itf-e2e"
    op_label="app.kubernetes.io/instance=itf-e2e"
    k create namespace "$op_ns" >/dev/null
    results_volume "itf-e2e-results"
    local repo="${ITF_IMAGE%:*}" tag="${ITF_IMAGE##*:}"
    # --force-conflicts: the CRDs may already be in the cluster, applied by kubectl (they are cluster-wide)
    if "$HELM" install itf-e2e "$root/helm/itf" -n "$op_ns" --force-conflicts \
        --set image.repository="$repo" --set image.tag="$tag" --set results.persistence.enabled=true \
        --wait --timeout 180s >/dev/null; then
        pass "install helm: helm install into namespace $op_ns"
    else
        fail "install helm: helm install into namespace $op_ns"
    fi
}

install_manifests() {
    op_ns="itf-e2e-manifests-$run_id" op_name="itf"
    op_label="app.kubernetes.io/instance=itf"
    k create namespace "$op_ns" >/dev/null
    results_volume "itf-results"
    k apply -f "$root/crds/" >/dev/null || fail "install manifests: kubectl apply -f crds/"
    # deploy/itf.yaml installs into itf-system with the chart's default image; move both to the ones under test
    if sed -e "s|itf-system|$op_ns|g" -e "s|\"itf:[^\"]*\"|\"$ITF_IMAGE\"|g" "$root/deploy/itf.yaml" \
        | awk -v ns="$op_ns" '/^kind: Namespace$/ { skip = 1 } /^---/ { if (skip) { skip = 0; next } } !skip' \
        | k apply -f - >/dev/null && k -n "$op_ns" rollout status deploy/itf --timeout=180s >/dev/null; then
        pass "install manifests: kubectl apply -f crds/ -f deploy/ into namespace $op_ns"
    else
        fail "install manifests: kubectl apply -f crds/ -f deploy/ into namespace $op_ns"
    fi
}

install_checks() {
    local mode="$1" pod sa bindings
    if eventually 120 ready_pod; then pass "install $mode: operator pod Ready (readiness probe /q/health/ready)"; else fail "install $mode: operator pod Ready"; fi
    pod="$(operator_pod)"
    [[ "$(http_get /q/health/ready)" == *'"status": "UP"'* || "$(http_get /q/health/ready)" == *'"status":"UP"'* ]] \
        && pass "install $mode: GET /q/health/ready on the operator Service is UP" || fail "install $mode: GET /q/health/ready is UP"
    sa="$(k -n "$op_ns" get pod "$pod" -o jsonpath='{.spec.serviceAccountName}')"
    op_sa="$sa"
    [[ -n "$sa" && "$sa" != default ]] && pass "install $mode: operator runs as ServiceAccount $sa" || fail "install $mode: operator runs as its own ServiceAccount (got ${sa:-none})"
    bindings="$(k get clusterrolebindings -o jsonpath="{range .items[?(@.subjects[0].namespace==\"$op_ns\")]}{.roleRef.name}{'\n'}{end}")"
    [[ -n "$bindings" && "$bindings" != *cluster-admin* ]] \
        && pass "install $mode: ServiceAccount bound to ClusterRole $(echo $bindings), not cluster-admin" \
        || fail "install $mode: ServiceAccount bound to the chart's ClusterRole, not cluster-admin (got: ${bindings:-none})"
    check "install $mode: auth can-i create jobs in any namespace as the operator" \
        test "$(k auth can-i create jobs.batch --all-namespaces --as="system:serviceaccount:$op_ns:$sa")" = yes
    check "install $mode: auth can-i create clusterroles is no" \
        test "$(k auth can-i create clusterroles.rbac.authorization.k8s.io --as="system:serviceaccount:$op_ns:$sa" 2>/dev/null)" = no
}
ready_pod() { local p; p="$(operator_pod)"; [[ -n "$p" && "$(k -n "$op_ns" get pod "$p" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}')" == True ]]; }

uninstall() {
    local mode="$1"
    if [[ "$mode" == helm ]]; then
        "$HELM" uninstall itf-e2e -n "$op_ns" --wait --timeout 120s >/dev/null 2>&1
    else
        k delete clusterrolebinding itf --ignore-not-found >/dev/null; k delete clusterrole itf --ignore-not-found >/dev/null
    fi
    render "$manifests/clear-volume.yaml" NS="$op_ns" BASE="$HOSTPATH_DIR" SHELL_IMAGE="$SHELL_IMAGE" | k apply -f - >/dev/null
    eventually 60 pod_done "$op_ns" itf-e2e-clear-volume || log "could not remove $HOSTPATH_DIR/$op_ns from the node"
    k delete namespace "$op_ns" --wait=false >/dev/null 2>&1
    k delete pv "itf-e2e-results-$op_ns" --wait=false >/dev/null 2>&1
}

operator_log_checks() {
    local mode="$1" logs
    logs="$(k -n "$op_ns" logs -l "$op_label" --tail=-1 2>/dev/null; k -n "$op_ns" logs -l "$op_label" --tail=-1 --previous 2>/dev/null)"
    if grep -q "Forbidden" <<<"$logs"; then
        fail "install $mode: operator log shows no Forbidden"; grep -m5 "Forbidden" <<<"$logs" | sed 's/^/#   /'
    else
        pass "install $mode: operator log shows no Forbidden"
    fi
}

# ---------------------------------------------------------------- scenarios

scenario_examples() {
    apply_demo || { fail "examples: demo environment and suite Valid"; return; }
    local t0 run p line
    t0="$(now)"
    run="$(k -n "$work" create -f "$root/examples/cluster/003-run.yaml" -o jsonpath='{.metadata.name}')"
    if k -n "$work" wait --for=condition=Succeeded "trun/$run" --timeout=180s >/dev/null 2>&1; then
        pass "examples: kubectl wait --for=condition=Succeeded trun/$run returns"
        figure "example run, kubectl create to Succeeded: $(since "$t0") s"
    else
        fail "examples: kubectl wait --for=condition=Succeeded trun/$run (phase $(phase "$run"))"
    fi
    # where the time goes, from the run's own timestamps (second resolution)
    local times; times="$(run_field "$run" '{.metadata.creationTimestamp} {.status.startTime} {.status.conditions[?(@.type=="EnvironmentReady")].lastTransitionTime} {.status.completionTime}')"
    figure "example run breakdown (create / start / components ready / complete): $times"
    line="$(k -n "$work" get testruns "$run" --no-headers)"
    read -r _ suite p total passedc failedc _ <<<"$line"
    log "kubectl get testruns: $line"
    [[ "$suite $p $total $passedc $failedc" == "orders-demo Succeeded 3 3 0" ]] \
        && pass "examples: kubectl get testruns shows orders-demo Succeeded 3 3 0" \
        || fail "examples: kubectl get testruns shows orders-demo Succeeded 3 3 0 (got: $line)"
    local ns; ns="$(run_field "$run" '{.status.namespace}')"
    eventually 90 ns_gone "$ns" && pass "examples: cleanup Always removed run namespace $ns" || fail "examples: run namespace $ns removed"
}

scenario_failing() {
    apply_demo || { fail "failing: demo environment Valid"; return; }
    k -n "$work" apply -f "$manifests/failing.yaml" >/dev/null
    local p; p="$(wait_phase failing 180 Succeeded Failed Error)"
    [[ "$p" == Failed ]] && pass "failing: run with a failing case ends Failed" || fail "failing: run ends Failed (got $p)"
    local ids summary
    ids="$(run_field failing '{.status.failures[*].id}')"
    summary="$(run_field failing '{.status.summary.total} {.status.summary.passed} {.status.summary.failed}')"
    [[ "$ids" == "FAIL_002" ]] && pass "failing: status.failures lists FAIL_002 only" || fail "failing: status.failures lists FAIL_002 (got: $ids)"
    [[ "$summary" == "2 1 1" ]] && pass "failing: summary total 2, passed 1, failed 1" || fail "failing: summary 2 1 1 (got $summary)"
    [[ "$(run_field failing '{.status.failures[0].message}')" == *404* ]] \
        && pass "failing: the failure message gives the actual status 404" || fail "failing: failure message names 404 (got: $(run_field failing '{.status.failures[0].message}'))"
    [[ "$(run_field failing '{.status.conditions[?(@.type=="Succeeded")].status}')" == False ]] \
        && pass "failing: condition Succeeded=False" || fail "failing: condition Succeeded=False"
    local reasons; reasons="$(k -n "$work" get events --field-selector involvedObject.kind=TestRun,involvedObject.name=failing \
        -o jsonpath='{range .items[*]}{.type}/{.reason}{"\n"}{end}' | sort -u | tr '\n' ' ')"
    [[ "$reasons" == *Warning/Failed* ]] && pass "failing: kubectl get events shows the phase changes ($reasons)" \
        || fail "failing: a Warning event Failed on the TestRun (got: ${reasons:-none})"
}

scenario_data() {
    k -n "$work" apply -f "$manifests/data.yaml" >/dev/null
    eventually 60 valid tenv data-stack && eventually 60 valid tsuite data-steps || { fail "data: environment and suite Valid"; return; }
    local t0 p; t0="$(now)"
    k -n "$work" create -f "$manifests/data-run.yaml" >/dev/null
    p="$(wait_phase data 300 Succeeded Failed Error)"
    if [[ "$p" == Succeeded ]]; then
        pass "data: postgres, redis and rabbitmq presets provisioned; sql, redis, publish, expectMessage steps passed ($(since "$t0") s)"
    else
        fail "data: run Succeeded (got $p: $(run_field data '{.status.conditions[?(@.type=="Succeeded")].message} {.status.failures}'))"
    fi
    local counts; counts="$(run_field data '{.status.summary.total} {.status.summary.passed}')"
    [[ "$counts" == "3 3" ]] && pass "data: 3 of 3 cases passed" || fail "data: 3 of 3 cases passed (got $counts)"
}

# every preset engine in one environment (examples/presets): databases with init SQL, brokers, a cache
scenario_presets() {
    local dir="$root/examples/presets"
    k -n "$work" apply -f "$dir/001-schema.yaml" -f "$dir/002-environment.yaml" -f "$dir/003-suite.yaml" >/dev/null
    eventually 60 valid tenv presets && eventually 60 valid tsuite presets || { fail "presets: environment and suite Valid"; return; }
    local t0 p ns; t0="$(now)"
    k -n "$work" create -f "$manifests/presets-run.yaml" >/dev/null
    p="$(wait_phase presets 600 Succeeded Failed Error)"
    if [[ "$p" == Succeeded ]]; then
        pass "presets: postgres, mysql, mariadb, rabbitmq, kafka, nats, mqtt and redis provisioned in one environment; the run Succeeded"
        figure "presets run (8 components), kubectl create to Succeeded: $(since "$t0") s"
    else
        fail "presets: run Succeeded (got $p: $(run_field presets '{.status.conditions[?(@.status=="False")].message} {.status.failures}'))"
    fi
    local counts; counts="$(run_field presets '{.status.summary.total} {.status.summary.passed}')"
    [[ "$counts" == "8 8" ]] && pass "presets: 8 of 8 cases passed (sql with init SQL on each database, publish/expectMessage with headers on each broker, redis)" \
        || fail "presets: 8 of 8 cases passed (got $counts; failures: $(run_field presets '{.status.failures}'))"
    local times; times="$(run_field presets '{.metadata.creationTimestamp} {.status.startTime} {.status.conditions[?(@.type=="EnvironmentReady")].lastTransitionTime} {.status.completionTime}')"
    figure "presets run breakdown (create / start / components ready / complete): $times"
    ns="$(run_field presets '{.status.namespace}')"
    # per engine, from the pod's own timestamps: created, container started, Ready (second resolution)
    k -n "$ns" get pods -o json | python3 -c '
import json, sys
from datetime import datetime
t = lambda s: datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ")
for pod in sorted(json.load(sys.stdin)["items"], key=lambda p: p["metadata"]["name"]):
    component = pod["metadata"].get("labels", {}).get("itf.dev/component")
    if not component:
        continue
    created = t(pod["metadata"]["creationTimestamp"])
    ready = next((c["lastTransitionTime"] for c in pod["status"].get("conditions", []) if c["type"] == "Ready" and c["status"] == "True"), None)
    state = (pod["status"].get("containerStatuses") or [{}])[0].get("state", {})
    started = state.get("running", {}).get("startedAt")
    image = pod["spec"]["containers"][0]["image"]
    print("%s (%s): container started %ss, Ready %ss after the pod was created" % (component, image,
          int((t(started) - created).total_seconds()) if started else "?", int((t(ready) - created).total_seconds()) if ready else "?"))
' | while read -r line; do figure "presets provisioning: $line"; done
    # a component that never turned Ready: what its container said last
    local pod
    for pod in $(k -n "$ns" get pods -l itf.dev/component -o jsonpath='{range .items[?(@.status.containerStatuses[0].ready==false)]}{.metadata.name}{"\n"}{end}'); do
        log "not Ready: $pod, its last log lines:"
        { k -n "$ns" logs "$pod" --tail=15; k -n "$ns" logs "$pod" --previous --tail=15; } 2>/dev/null | sed 's/^/#   /'
    done
    k delete namespace "$ns" --wait=false >/dev/null 2>&1
    eventually 120 ns_gone "$ns" && pass "presets: run namespace $ns removed" || fail "presets: run namespace $ns removed"
}

scenario_image_pull() {
    k -n "$work" apply -f "$manifests/image-pull.yaml" >/dev/null
    eventually 60 valid tenv missing-image && eventually 60 valid tsuite ghost-check || { fail "image-pull: environment and suite Valid"; return; }
    local t0 p secs msg; t0="$(now)"
    k -n "$work" create -f "$manifests/image-pull-run.yaml" >/dev/null
    # provisioningTimeout is 30s: the run must end within it plus the time to notice
    p="$(wait_phase image-pull 75 Error Failed Succeeded)"; secs="$(since "$t0")"
    [[ "$p" == Error ]] && awk -v s="$secs" 'BEGIN { exit !(s >= 25) }' \
        && pass "image-pull: run ends Error after $secs s (provisioningTimeout 30s)" \
        || fail "image-pull: run ends Error after its 30 s provisioningTimeout, within 75 s (got ${p:-nothing} after $secs s: $(run_field image-pull '{.status.conditions[?(@.status=="False")].message}'))"
    msg="$(k -n "$work" get trun image-pull -o yaml)"
    grep -q "ghost" <<<"$msg" && pass "image-pull: status names the component ghost" || fail "image-pull: status names the component ghost"
    grep -qE "ErrImagePull|ImagePullBackOff" <<<"$msg" && pass "image-pull: status names ErrImagePull/ImagePullBackOff" || fail "image-pull: status names ErrImagePull or ImagePullBackOff"
    log "$(run_field image-pull '{.status.conditions[?(@.type=="EnvironmentReady")].message}')"
}

scenario_invalid() {
    k -n "$work" apply -f "$manifests/invalid.yaml" >/dev/null
    eventually 60 has_valid_condition invalid || { fail "invalid: Valid condition set"; return; }
    local yaml; yaml="$(k -n "$work" get tsuite invalid -o yaml)"
    [[ "$(k -n "$work" get tsuite invalid -o jsonpath='{.status.conditions[?(@.type=="Valid")].status}')" == False ]] \
        && pass "invalid: kubectl get tsuite shows Valid=False" || fail "invalid: Valid=False"
    grep -q "spec.cases\[0\].steps\[0\]" <<<"$yaml" && pass "invalid: the message gives the field path spec.cases[0].steps[0]" \
        || { fail "invalid: message gives the field path spec.cases[0].steps[0]"; grep -A2 "type: Valid" <<<"$yaml" | sed 's/^/#   /'; }
}
has_valid_condition() { [[ -n "$(k -n "$work" get tsuite "$1" -o jsonpath='{.status.conditions[?(@.type=="Valid")].status}')" ]]; }

scenario_delete() {
    apply_demo || { fail "delete: demo environment Valid"; return; }
    k -n "$work" apply -f "$manifests/slow.yaml" >/dev/null
    eventually 60 valid tsuite slow || { fail "delete: slow suite Valid"; return; }
    render "$manifests/slow-run.yaml" NAME=doomed SHARDS=1 CLEANUP=Always TTL=3600 | k -n "$work" create -f - >/dev/null
    local p ns; p="$(wait_phase doomed 120 Running Succeeded Failed Error)"
    ns="$(run_field doomed '{.status.namespace}')"
    [[ "$p" == Running && -n "$ns" ]] || { fail "delete: run reaches Running (got $p)"; return; }
    k -n "$work" delete trun doomed --wait=false >/dev/null
    eventually 120 ns_gone "$ns" && pass "delete: deleting a Running TestRun removes its namespace $ns" || fail "delete: namespace $ns removed after deleting the running TestRun"
    eventually 30 trun_gone doomed && pass "delete: the TestRun is gone (finalizer released)" || fail "delete: TestRun gone after its namespace"
}
trun_gone() { ! k -n "$work" get trun "$1" >/dev/null 2>&1; }

scenario_restart() {
    apply_demo || { fail "restart: demo environment Valid"; return; }
    k -n "$work" apply -f "$manifests/slow.yaml" >/dev/null
    eventually 60 valid tsuite slow || { fail "restart: slow suite Valid"; return; }
    render "$manifests/slow-run.yaml" NAME=restart SHARDS=3 CLEANUP=Never TTL=3600 | k -n "$work" create -f - >/dev/null
    local p ns old new jobs
    p="$(wait_phase restart 120 Running Succeeded Failed Error)"
    [[ "$p" == Running ]] || { fail "restart: run reaches Running (got $p)"; return; }
    old="$(operator_pod)"
    k -n "$op_ns" delete pod "$old" --wait=false >/dev/null
    log "deleted operator pod $old while restart was Running"
    eventually 120 ready_pod && pass "restart: a new operator pod $(operator_pod) turns Ready" || fail "restart: operator back Ready"
    p="$(wait_phase restart 240 Succeeded Failed Error)"
    [[ "$p" == Succeeded ]] && pass "restart: the run still ends Succeeded" || fail "restart: run ends Succeeded (got $p)"
    local counts; counts="$(run_field restart '{.status.summary.total} {.status.summary.passed}')"
    [[ "$counts" == "6 6" ]] && pass "restart: every result is there: 6 of 6 passed" || fail "restart: 6 of 6 results (got $counts)"
    ns="$(run_field restart '{.status.namespace}')"
    jobs="$(k -n "$ns" get jobs -o jsonpath='{range .items[*]}{.metadata.labels.itf\.dev/shard}{"\n"}{end}' | sort)"
    [[ "$(echo $jobs)" == "0 1 2" ]] && pass "restart: one Job per shard (shards $(echo $jobs))" || fail "restart: one Job per shard 0 1 2 (got: $(echo $jobs))"
    local images; images="$(k -n "$ns" get jobs,deployments -o jsonpath='{range .items[*]}{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].imagePullPolicy}{"\n"}{end}' | sort -u)"
    [[ "$images" == "$ITF_IMAGE IfNotPresent" ]] && pass "restart: runner Jobs and the demo component run $ITF_IMAGE with IfNotPresent" \
        || fail "restart: runner Jobs and the demo component run $ITF_IMAGE with IfNotPresent (got: $(echo $images))"
    local pods; pods="$(k -n "$ns" get pods -l itf.dev/shard -o name | wc -l)"
    [[ "$pods" == 3 ]] && pass "restart: no shard ran twice (3 runner pods)" || fail "restart: 3 runner pods (got $pods)"
    # each runner left its shard summary as the container's termination message (the fallback when pushes fail)
    local messages; messages="$(k -n "$ns" get pods -l itf.dev/shard -o jsonpath='{range .items[*]}{.status.containerStatuses[0].state.terminated.message}{"\n"}{end}')"
    [[ "$(grep -c '"kind":"itf.dev/shard-summary"' <<<"$messages")" == 3 && "$(grep -c '"passed":2' <<<"$messages")" == 3 ]] \
        && pass "restart: every runner pod's termination message holds its shard summary (2 passed each)" \
        || { fail "restart: 3 termination messages with a shard summary of 2 passed"; sed 's/^/#   /' <<<"$messages" | cut -c1-200; }
    [[ "$keep" == true ]] || k delete namespace "$ns" --wait=false >/dev/null 2>&1
}

scenario_cleanup() {
    apply_demo || { fail "cleanup: demo environment Valid"; return; }
    k -n "$work" apply -f "$manifests/slow.yaml" >/dev/null
    render "$manifests/slow-run.yaml" NAME=kept SHARDS=1 CLEANUP=Never TTL=20 | sed 's/tags: \[slow\]/tags: [quick]/' | k -n "$work" create -f - >/dev/null
    local p ns t0; p="$(wait_phase kept 180 Succeeded Failed Error)"; t0="$(now)"
    ns="$(run_field kept '{.status.namespace}')"
    [[ "$p" == Succeeded ]] || fail "cleanup: run ends Succeeded (got $p)"
    # Never: the namespace outlives the finished run (looked at twice, 10 s apart, inside the 20 s TTL)
    if ns_active "$ns" && sleep 10 && ns_active "$ns" && [[ -n "$(run_field kept '{.metadata.name}')" ]]; then
        pass "cleanup: namespace: Never keeps namespace $ns after the run finished"
    else
        fail "cleanup: namespace: Never keeps namespace ${ns:-?} after the run finished"
    fi
    if eventually 60 trun_gone kept; then pass "cleanup: ttlSecondsAfterFinished 20 deleted the TestRun ($(since "$t0") s after it finished)"; else fail "cleanup: TTL deleted the TestRun within 60 s"; fi
    # a namespace whose TestRun is gone is removed (SPEC: cleanup and the orphan sweep)
    eventually 90 ns_gone "$ns" && pass "cleanup: namespace $ns went with its TestRun" || fail "cleanup: namespace $ns removed after the TestRun went"
}
ns_active() { [[ -n "$1" && "$(k get ns "$1" -o jsonpath='{.status.phase}' 2>/dev/null)" == Active ]]; }

scenario_metrics() {
    local before after m
    before="$(http_get /q/metrics)" || { fail "metrics: GET /q/metrics on the operator Service"; return; }
    apply_demo || { fail "metrics: demo environment Valid"; return; }
    k -n "$work" apply -f "$manifests/slow.yaml" >/dev/null
    render "$manifests/slow-run.yaml" NAME=measured SHARDS=1 CLEANUP=Always TTL=3600 | sed 's/tags: \[slow\]/tags: [quick]/' | k -n "$work" create -f - >/dev/null
    [[ "$(wait_phase measured 180 Succeeded Failed Error)" == Succeeded ]] || fail "metrics: the measured run Succeeded"
    after="$(http_get /q/metrics)" || { fail "metrics: GET /q/metrics after the run"; return; }
    for series in 'itf_testruns_total{phase="Succeeded",suite="slow"}' 'itf_testrun_duration_seconds_count{suite="slow"}' \
                  'itf_testcases_total{result="passed",suite="slow"}' 'itf_testcase_duration_seconds_count{suite="slow"}'; do
        local b a
        b="$(series_value "$before" "$series")"; a="$(series_value "$after" "$series")"
        [[ "$a" == "$((b + 1))" ]] && pass "metrics: $series went from $b to $a" || fail "metrics: $series went up by one (from $b to ${a:-absent})"
    done
    grep -q '^itf_testruns_active' <<<"$after" && pass "metrics: /q/metrics has itf_testruns_active" || fail "metrics: /q/metrics has itf_testruns_active"
    grep -q '^jvm_memory_used_bytes' <<<"$after" && pass "metrics: /q/metrics has the JVM's own metrics" || fail "metrics: /q/metrics has jvm_memory_used_bytes"
    if grep -E '^itf_' <<<"$after" | grep -qE '(testrun|run|name)="'; then fail "metrics: no label carries a run name"; else pass "metrics: no label carries a run name"; fi
}
# series_value TEXT SERIES: the integer value of one series in a Prometheus text page, 0 when absent
series_value() {
    awk -v s="$2" 'index($0, s " ") == 1 { v = $NF } END { printf "%d", v + 0 }' <<<"$1"
}

scenario_load() {
    apply_demo || { fail "load: demo environment Valid"; return; }
    local t0 n=20 done_count mem_before mem
    mem_before="$(operator_memory)"
    t0="$(now)"
    for i in $(seq 1 $n); do render "$root/examples/cluster/003-run.yaml" | sed -E "s/^  (generateName|name): orders-demo-.*/  name: load-$i/"; echo '---'; done \
        | k -n "$work" create -f - >/dev/null
    if eventually 600 all_finished $n; then
        pass "load: $n TestRuns created at once all finished"
        figure "$n TestRuns at once, create to all finished: $(since "$t0") s"
    else
        fail "load: $n TestRuns finished within 600 s ($(finished_count) finished)"
    fi
    done_count="$(k -n "$work" get trun -o jsonpath='{range .items[*]}{.metadata.name} {.status.phase}{"\n"}{end}' | grep -c '^load-.* Succeeded$')"
    [[ "$done_count" == "$n" ]] && pass "load: all $n Succeeded" || fail "load: all $n Succeeded (got $done_count)"
    mem="$(operator_memory)"
    read -r mb_usage mb_rss <<<"$mem_before"; read -r ma_usage ma_rss <<<"$mem"
    [[ -n "${ma_usage:-}" ]] && figure "operator container memory (cgroup usage / rss): before $mb_usage / $mb_rss MiB, after $n runs $ma_usage / $ma_rss MiB" \
        || fail "load: read the operator's cgroup memory"
    local heap; heap="$(http_get /q/metrics | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { s += $NF } END { printf "%d", s / 1048576 }')"
    [[ -n "$heap" ]] && figure "operator JVM heap used after $n runs: $heap MiB"
}
scenario_access() {
    k -n "$work" apply -f "$manifests/access.yaml" >/dev/null || { fail "access: service accounts, Role and TestEnvironment applied"; return; }
    check "access: the operator may create tokenreviews" \
        test "$(k auth can-i create tokenreviews.authentication.k8s.io --as="system:serviceaccount:$op_ns:$op_sa")" = yes
    check "access: the operator may create subjectaccessreviews" \
        test "$(k auth can-i create subjectaccessreviews.authorization.k8s.io --as="system:serviceaccount:$op_ns:$op_sa")" = yes
    check "access: the operator's namespace carries itf.dev/operator-namespace=true" \
        test "$(k get ns "$op_ns" -o jsonpath='{.metadata.labels.itf\.dev/operator-namespace}')" = true

    # a ClusterRole in a manifests component never reaches the cluster
    eventually 60 env_has_valid_condition cluster-role || { fail "access: Valid condition on TestEnvironment cluster-role"; return; }
    local valid; valid="$(k -n "$work" get tenv cluster-role -o jsonpath='{.status.conditions[?(@.type=="Valid")].status} {.status.conditions[?(@.type=="Valid")].reason} {.status.conditions[?(@.type=="Valid")].message}')"
    log "TestEnvironment cluster-role Valid: $valid"
    [[ "$valid" == "False ClusterScopedObject spec.components[0].manifests[0].kind: ClusterRole"* ]] \
        && pass "access: a ClusterRole manifest gives Valid=False ClusterScopedObject at spec.components[0].manifests[0].kind" \
        || fail "access: a ClusterRole manifest gives Valid=False with its field path (got: $valid)"
    check "access: no ClusterRole itf-e2e-everything was created" bash -c "! $KUBECTL get clusterrole itf-e2e-everything"

    # a finished run, its namespace labelled for Pod Security while it lived
    apply_demo || { fail "access: demo environment and suite Valid"; return; }
    render "$root/examples/cluster/003-run.yaml" | sed 's/name: orders-demo-1/name: access-1/' | k -n "$work" apply -f - >/dev/null
    eventually 60 run_has_namespace access-1 || { fail "access: run access-1 got a namespace"; return; }
    local run_ns; run_ns="$(run_field access-1 '{.status.namespace}')"
    local psa; psa="$(k get ns "$run_ns" -o jsonpath='{.metadata.labels.pod-security\.kubernetes\.io/enforce} {.metadata.labels.pod-security\.kubernetes\.io/warn} {.metadata.labels.pod-security\.kubernetes\.io/audit}' 2>/dev/null)"
    [[ "$psa" == "baseline baseline baseline" ]] && pass "access: run namespace $run_ns enforces, warns and audits Pod Security baseline" \
        || fail "access: run namespace labelled pod-security baseline (got: $psa)"
    local selector; selector="$(k -n "$run_ns" get networkpolicy itf-run-isolation -o jsonpath='{.spec.ingress[0].from[1].namespaceSelector.matchLabels}' 2>/dev/null)"
    [[ "$selector" == *'itf.dev/operator-namespace'* ]] && pass "access: run NetworkPolicy admits the operator only from a namespace labelled itf.dev/operator-namespace" \
        || fail "access: run NetworkPolicy selects the operator's namespace (got: $selector)"
    local p; p="$(wait_phase access-1 180 Succeeded Failed Error)"
    [[ "$p" == Succeeded ]] && pass "access: run access-1 Succeeded" || fail "access: run access-1 Succeeded (got $p)"

    local reader outsider code
    reader="$(sa_token itf-e2e-reader)" && outsider="$(sa_token itf-e2e-outsider)" \
        || { fail "access: tokens of the reader and outsider service accounts"; return; }
    code="$(http_status "/api/v1/reports/$work/access-1")"
    [[ "$code" == 401 ]] && pass "access: GET /api/v1/reports without a token is 401" || fail "access: no token gives 401 (got $code)"
    code="$(http_status "/api/v1/reports/$work/access-1" "not-a-kubernetes-token")"
    [[ "$code" == 401 ]] && pass "access: a token the API server does not accept is 401" || fail "access: a forged token gives 401 (got $code)"
    code="$(http_status "/api/v1/reports/$work/access-1" "$outsider")"
    [[ "$code" == 403 ]] && pass "access: a service account that may not get testruns is 403" || fail "access: outsider gives 403 (got $code)"
    code="$(http_status "/api/v1/reports/$work/access-1" "$reader")"
    [[ "$code" == 200 ]] && pass "access: a service account that may get testruns is 200" || fail "access: reader gives 200 (got $code)"
    code="$(http_status "/api/v1/reports/$work/no-such-run" "$outsider")"
    [[ "$code" == 403 ]] && pass "access: an unknown run is 403 to the outsider too (no existence oracle)" || fail "access: outsider on an unknown run gives 403 (got $code)"
    code="$(http_status "/api/v1/reports/$work/no-such-run" "$reader")"
    [[ "$code" == 404 ]] && pass "access: an unknown run is 404 to the reader" || fail "access: reader on an unknown run gives 404 (got $code)"
}
# ---------------------------------------------------------------- load steps

scenario_loadstep() {
    apply_demo || { fail "loadstep: demo environment Valid"; return; }
    k -n "$work" apply -f "$manifests/loadstep.yaml" >/dev/null || { fail "loadstep: suite and run applied"; return; }
    local p; p="$(wait_phase loadstep-1 480 Succeeded Failed Error)"
    [[ "$p" == Failed ]] && pass "loadstep: run loadstep-1 ends Failed (LOAD_002's memory limit cannot hold)" \
        || fail "loadstep: run loadstep-1 ends Failed (got $p: $(run_field loadstep-1 '{.status.conditions[?(@.type=="Succeeded")].message}'))"
    local line; line="$(run_field loadstep-1 '{range .status.load[*]}{.case} {.requests} {.thresholdsHeld} {.p95} {.throughput}{"\n"}{end}')"
    log "status.load: $(tr '\n' ';' <<<"$line")"
    local req held; read -r _ req held _ <<<"$(grep '^LOAD_001 ' <<<"$line")"
    [[ "${req:-0}" -ge 1800 && "$held" == true ]] \
        && pass "loadstep: LOAD_001 merged over 2 shards: $req requests (100/s for 20 s), thresholds held" \
        || fail "loadstep: LOAD_001 shows the merged requests of both shards with thresholds held (got: $(grep '^LOAD_001 ' <<<"$line"))"
    read -r _ req held _ <<<"$(grep '^LOAD_002 ' <<<"$line")"
    [[ "$held" == false ]] && pass "loadstep: LOAD_002's memory threshold failed on the kubelet's working set of the demo pods" \
        || fail "loadstep: LOAD_002's thresholds failed (got: $(grep '^LOAD_002 ' <<<"$line"))"
    local ids msg; ids="$(run_field loadstep-1 '{.status.failures[*].id}')"
    msg="$(run_field loadstep-1 '{.status.failures[0].message}')"
    [[ "$ids" == LOAD_002 && "$msg" == *memory* ]] && pass "loadstep: the failure names LOAD_002 and its memory threshold ($msg)" \
        || fail "loadstep: status.failures lists LOAD_002 with a message naming memory (got: $ids: $msg)"
}

# ---------------------------------------------------------------- dashboard

# pf_start: a port-forward to the operator Service kept open for a scenario (pf_port, pf_pid); pf_stop ends it
pf_start() {
    pf_port=$(( 20000 + RANDOM % 20000 ))
    "$KUBECTL" -n "$op_ns" port-forward "svc/$op_name" "$pf_port:8080" >/dev/null 2>&1 &
    pf_pid=$!
    eventually 30 curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$pf_port/q/health/live"
}
pf_stop() { kill "$pf_pid" 2>/dev/null; wait "$pf_pid" 2>/dev/null; }
# dash CURL-ARGS...: curl against the port-forward; prints the HTTP status on the last line
dash() { curl -sS --max-time 20 -w '\n%{http_code}' "$@"; }

scenario_dashboard() {
    k -n "$work" apply -f "$manifests/access.yaml" >/dev/null || { fail "dashboard: service accounts and Role applied"; return; }
    apply_demo || { fail "dashboard: demo environment and suite Valid"; return; }
    render "$root/examples/cluster/003-run.yaml" | sed 's/name: orders-demo-1/name: dash-1/' | k -n "$work" apply -f - >/dev/null
    local p; p="$(wait_phase dash-1 240 Succeeded Failed Error)"
    [[ "$p" == Succeeded ]] && pass "dashboard: run dash-1 Succeeded" || fail "dashboard: run dash-1 Succeeded (got $p)"
    local url; url="$(run_field dash-1 '{.status.reportUrl}')"
    [[ "$url" == */dashboard/runs/$work/dash-1 ]] && pass "dashboard: status.reportUrl is the run's dashboard page ($url)" \
        || fail "dashboard: status.reportUrl points at /dashboard/runs/$work/dash-1 (got: ${url:-none})"

    local reader outsider jar_r jar_o out code
    reader="$(sa_token itf-e2e-reader)" && outsider="$(sa_token itf-e2e-outsider)" \
        || { fail "dashboard: tokens of the reader and outsider service accounts"; return; }
    pf_start || { fail "dashboard: port-forward to the operator Service"; pf_stop; return; }
    local base="http://127.0.0.1:$pf_port/dashboard"
    jar_r="$(mktemp)" jar_o="$(mktemp)"

    code="$(dash -o /dev/null -X POST "$base/session" | tail -1)"
    [[ "$code" == 401 ]] && pass "dashboard: sign-in without a token is 401" || fail "dashboard: sign-in without a token is 401 (got $code)"
    code="$(dash -o /dev/null -X POST -H "Authorization: Bearer not-a-kubernetes-token" "$base/session" | tail -1)"
    [[ "$code" == 401 ]] && pass "dashboard: sign-in with a token the API server rejects (TokenReview) is 401" \
        || fail "dashboard: a forged token is refused with 401 (got $code)"
    out="$(dash -D - -o /dev/null -c "$jar_r" -X POST -H "Authorization: Bearer $reader" "$base/session")"
    code="$(tail -1 <<<"$out")"
    if [[ "$code" == 200 ]] && grep -qi '^set-cookie: itf_dashboard=.*HttpOnly' <<<"$out"; then
        pass "dashboard: a service account token signs in (200, HttpOnly session cookie)"
    else
        fail "dashboard: sign-in with the reader's token gives 200 and an HttpOnly cookie (got $code)"
    fi
    grep -q "$reader" "$jar_r" && fail "dashboard: the session cookie is not the token" || pass "dashboard: the session cookie is not the token"
    dash -o /dev/null -c "$jar_o" -X POST -H "Authorization: Bearer $outsider" "$base/session" >/dev/null

    out="$(dash -b "$jar_r" "$base/api/runs")"
    [[ "$(tail -1 <<<"$out")" == 200 && "$out" == *"\"name\":\"dash-1\""* && "$out" == *"\"namespace\":\"$work\""* ]] \
        && pass "dashboard: the reader's run list (SubjectAccessReview per namespace) shows $work/dash-1" \
        || fail "dashboard: the reader's run list shows dash-1 (got: $(head -c 300 <<<"$out"))"
    out="$(dash -b "$jar_o" "$base/api/runs")"
    [[ "$(tail -1 <<<"$out")" == 200 && "$out" != *"\"namespace\":\"$work\""* ]] \
        && pass "dashboard: the outsider's run list shows no run of $work" \
        || fail "dashboard: the outsider sees no run of $work (got: $(head -c 300 <<<"$out"))"

    out="$(dash -b "$jar_r" "$base/runs/$work/dash-1")"
    [[ "$(tail -1 <<<"$out")" == 200 && "$out" == *dash-1* && "$out" == *Succeeded* && "$out" == *DEMO_001* ]] \
        && pass "dashboard: the run page shows dash-1, Succeeded and its cases" \
        || fail "dashboard: the run page shows the run and its cases (status $(tail -1 <<<"$out"))"
    code="$(dash -o /dev/null -b "$jar_o" "$base/runs/$work/dash-1" | tail -1)"
    [[ "$code" == 403 ]] && pass "dashboard: the outsider gets 403 on the run page" || fail "dashboard: the outsider gets 403 on the run page (got $code)"
    local f ok=()
    for f in json junit html; do
        out="$(dash -b "$jar_r" "$base/runs/$work/dash-1/reports/$f")"
        [[ "$(tail -1 <<<"$out")" == 200 && "$out" == *DEMO_001* ]] && ok+=("$f")
    done
    out="$(dash -b "$jar_r" "$base/runs/$work/dash-1/reports/sarif")"
    [[ "$(tail -1 <<<"$out")" == 200 && "$out" == *'"2.1.0"'* ]] && ok+=(sarif)
    [[ "${#ok[@]}" == 4 ]] && pass "dashboard: downloads json, junit, html, sarif of the run name its cases" \
        || fail "dashboard: downloads json, junit, html, sarif (ok: ${ok[*]:-none})"
    out="$(dash -H "Accept: application/json" -H "Authorization: Bearer $reader" "http://127.0.0.1:$pf_port/dashboard/runs/$work/dash-1")"
    [[ "$(tail -1 <<<"$out")" == 200 && "$out" == *'"cases"'* ]] \
        && pass "dashboard: status.reportUrl with Accept: application/json and a bearer token answers the report JSON" \
        || fail "dashboard: reportUrl answers JSON to a bearer token (status $(tail -1 <<<"$out"))"
    code="$(dash -o /dev/null -b "$jar_r" -X POST "$base/sign-out" | tail -1)"
    code="$(dash -o /dev/null -b "$jar_r" "$base/api/runs" | tail -1)"
    [[ "$code" == 401 ]] && pass "dashboard: after sign-out the old session is 401" || fail "dashboard: after sign-out the session is refused (got $code)"
    rm -f "$jar_r" "$jar_o"
    pf_stop
}
env_has_valid_condition() { [[ -n "$(k -n "$work" get tenv "$1" -o jsonpath='{.status.conditions[?(@.type=="Valid")].status}')" ]]; }
run_has_namespace() { [[ -n "$(run_field "$1" '{.status.namespace}')" ]]; }

finished_count() { k -n "$work" get trun -o jsonpath='{range .items[*]}{.metadata.name} {.status.phase}{"\n"}{end}' | grep -cE '^load-.* (Succeeded|Failed|Error)$'; }
all_finished() { [[ "$(finished_count)" == "$1" ]]; }

# ---------------------------------------------------------------- leader election and restarts

live_operator_pods() {
    k -n "$op_ns" get pods -l "$op_label" -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.deletionTimestamp}{"\n"}{end}' \
        | awk 'NF == 1 { print $1 }'
}
ready_operator_count() {
    k -n "$op_ns" get pods -l "$op_label" \
        -o jsonpath='{range .items[*]}{.metadata.name} {.status.conditions[?(@.type=="Ready")].status} {.metadata.deletionTimestamp}{"\n"}{end}' \
        | awk '$2 == "True" && NF == 2' | wc -l
}
ready_count_is() { [[ "$(ready_operator_count)" == "$1" ]]; }
lease_name() {
    k -n "$op_ns" get deploy "$op_name" \
        -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="ITF_LEADER_ELECTION_LEASE_NAME")].value}'
}
lease_holder() { k -n "$op_ns" get lease "$(lease_name)" -o jsonpath='{.spec.holderIdentity}' 2>/dev/null; }
# the Lease is held by an operator pod that is not being deleted (optionally: by that pod)
leader_live() { local h; h="$(lease_holder)"; [[ -n "$h" && ( -z "${1:-}" || "$h" == "$1" ) ]] && live_operator_pods | grep -qx "$h"; }
lease_holder_is() { [[ "$(lease_holder)" == "$1" ]]; }
# set_replicas N: the chart's operator.replicas for a Helm install, the Deployment's scale for the manifests
set_replicas() {
    if [[ "$mode" == helm ]]; then
        "$HELM" upgrade itf-e2e "$root/helm/itf" -n "$op_ns" --reuse-values --force-conflicts \
            --set operator.replicas="$1" --wait --timeout 240s >/dev/null
    else
        k -n "$op_ns" scale deploy "$op_name" --replicas="$1" >/dev/null \
            && k -n "$op_ns" rollout status deploy "$op_name" --timeout=240s >/dev/null
    fi
}
# who wrote the Events of a run: the reportingInstance of each, one per line, sorted and unique
event_writers() {
    k -n "$work" get events --field-selector "involvedObject.kind=TestRun,involvedObject.name=$1" \
        -o jsonpath='{range .items[*]}{.reportingInstance}{"\n"}{end}' | sort -u | grep .
}
# run_results RUN: "total passed" of the run's status
run_results() { run_field "$1" '{.status.summary.total} {.status.summary.passed}'; }

scenario_leader() {
    apply_demo || { fail "leader: demo environment Valid"; return; }
    k -n "$work" apply -f "$manifests/slow.yaml" >/dev/null
    eventually 60 valid tsuite slow || { fail "leader: slow suite Valid"; return; }
    local how; [[ "$mode" == helm ]] && how="helm upgrade --set operator.replicas=2" || how="kubectl scale --replicas=2"
    if set_replicas 2 && eventually 240 ready_count_is 2; then
        pass "leader: $how: two operator pods Ready"
    else
        fail "leader: $how: two operator pods Ready (got $(ready_operator_count))"; set_replicas 1; return
    fi
    if ! eventually 60 leader_live; then
        fail "leader: a live operator pod holds the Lease $(lease_name) (holder: $(lease_holder))"; set_replicas 1; return
    fi
    local leader follower
    leader="$(lease_holder)"; follower="$(live_operator_pods | grep -vx "$leader" | head -1)"
    log "Lease $(lease_name) held by $leader; the other replica is $follower"
    local said_leader said_follower
    said_leader="$(k -n "$op_ns" logs "$leader" 2>/dev/null | grep -c 'leading: this replica holds the Lease')"
    said_follower="$(k -n "$op_ns" logs "$follower" 2>/dev/null | grep -c 'leading: this replica holds the Lease')"
    [[ -n "$follower" && "$said_leader" -ge 1 && "$said_follower" == 0 ]] \
        && pass "leader: exactly one replica leads: $leader holds the Lease and says so in its log, $follower does not" \
        || fail "leader: exactly one replica leads (holder $leader logged leading $said_leader times, $follower $said_follower times)"

    # a run while both replicas are up: every Event of it comes from the leader
    render "$manifests/slow-run.yaml" NAME=led SHARDS=3 CLEANUP=Never TTL=3600 | k -n "$work" create -f - >/dev/null
    local p; p="$(wait_phase led 180 Running Succeeded Failed Error)"
    [[ "$p" == Running ]] || { fail "leader: run led reaches Running (got $p)"; set_replicas 1; return; }
    [[ "$(event_writers led | tr '\n' ' ')" == "$leader " ]] \
        && pass "leader: only the leader reconciles: every Event of run led was written by $leader" \
        || fail "leader: every Event of run led written by the leader $leader (writers: $(event_writers led | tr '\n' ' '))"

    # the leader's pod goes: the other replica takes the Lease over
    local t0 took
    t0="$(now)"
    k -n "$op_ns" delete pod "$leader" --wait=false >/dev/null
    log "deleted the leader's pod $leader while run led was Running"
    render "$manifests/slow-run.yaml" NAME=during-takeover SHARDS=1 CLEANUP=Always TTL=3600 | sed 's/tags: \[slow\]/tags: [quick]/' \
        | k -n "$work" create -f - >/dev/null
    if eventually 60 lease_holder_is "$follower"; then
        took="$(since "$t0")"
        figure "leader election: the other replica held the Lease $took s after the leader's pod was deleted"
        awk -v s="$took" 'BEGIN { exit !(s <= 15) }' \
            && pass "leader: $follower took the Lease over within 15 s ($took s)" \
            || fail "leader: $follower took the Lease over within 15 s (took $took s)"
    else
        fail "leader: $follower took the Lease over within 60 s (holder: $(lease_holder))"
    fi
    p="$(wait_phase during-takeover 240 Succeeded Failed Error)"
    [[ "$p" == Succeeded && "$(run_results during-takeover)" == "1 1" ]] \
        && pass "leader: a run created during the takeover Succeeded with its result (1 of 1)" \
        || fail "leader: run created during the takeover Succeeded 1 of 1 (got $p, $(run_results during-takeover))"
    # the old leader may still have started it while it shut down; the new one finished it
    [[ "$(k -n "$work" get event "$(run_field during-takeover '{.metadata.name}').succeeded.$(run_field during-takeover '{.metadata.uid}' | cut -c1-8)" \
        -o jsonpath='{.reportingInstance}' 2>/dev/null)" == "$follower" ]] \
        && pass "leader: the new leader $follower finished that run (its Succeeded Event)" \
        || fail "leader: the Succeeded Event of the run created during the takeover written by $follower (writers: $(event_writers during-takeover | tr '\n' ' '))"
    p="$(wait_phase led 300 Succeeded Failed Error)"
    [[ "$p" == Succeeded && "$(run_results led)" == "6 6" ]] \
        && pass "leader: the run that was Running across the takeover Succeeded with every result (6 of 6)" \
        || fail "leader: run led Succeeded 6 of 6 across the takeover (got $p, $(run_results led))"
    local ns jobs
    ns="$(run_field led '{.status.namespace}')"
    jobs="$(k -n "$ns" get jobs -o jsonpath='{range .items[*]}{.metadata.labels.itf\.dev/shard}{"\n"}{end}' | sort | tr '\n' ' ')"
    [[ "$jobs" == "0 1 2 " && "$(k -n "$ns" get pods -l itf.dev/shard -o name | wc -l)" == 3 ]] \
        && pass "leader: one Job and one runner pod per shard of run led (no shard started twice)" \
        || fail "leader: one Job and one pod per shard of run led (Jobs of shards: $jobs; pods: $(k -n "$ns" get pods -l itf.dev/shard -o name | wc -l))"
    k delete namespace "$ns" --wait=false >/dev/null 2>&1
    eventually 240 ready_count_is 2 && eventually 30 leader_live "$follower" \
        && pass "leader: a replacement pod joined as follower; $follower keeps the Lease" \
        || fail "leader: two pods Ready again with $follower leading (ready $(ready_operator_count), holder $(lease_holder))"
    set_replicas 1 && eventually 240 ready_count_is 1 && eventually 60 leader_live \
        || fail "leader: back to one operator replica holding the Lease"
}

# killloop_state: one line on where the kill loop's runs are: by phase, Running runs whose every Job is done
# (results being collected), finished runs whose namespace still exists (being cleaned up)
killloop_state() {
    python3 - "$KUBECTL" "$work" <<'PY'
import json, subprocess, sys
kubectl, work = sys.argv[1], sys.argv[2]
get = lambda *a: json.loads(subprocess.run([kubectl, *a, "-o", "json"], capture_output=True, text=True).stdout or '{"items": []}')["items"]
runs = [r for r in get("-n", work, "get", "trun") if r["metadata"]["name"].startswith("kl-")]
jobs = get("get", "jobs", "-A", "-l", "itf.dev/run-namespace=" + work)
spaces = {n["metadata"]["name"] for n in get("get", "ns", "-l", "itf.dev/run-namespace=" + work)}
done = {}
for j in jobs:
    ns = j["metadata"]["namespace"]
    done.setdefault(ns, []).append(bool((j.get("status") or {}).get("succeeded") or (j.get("status") or {}).get("failed")))
count = {}
for r in runs:
    st = r.get("status") or {}
    phase = st.get("phase") or "New"
    if phase in ("Succeeded", "Failed", "Error"):
        state = "cleaning-up" if st.get("namespace") in spaces else "finished"
    elif phase == "Running" and done.get(st.get("namespace")) and all(done[st.get("namespace")]):
        state = "collecting"
    else:
        state = phase
    count[state] = count.get(state, 0) + 1
print(" ".join("%s=%d" % kv for kv in sorted(count.items())))
PY
}
killloop_finished() {
    [[ "$(k -n "$work" get trun -o jsonpath='{range .items[*]}{.metadata.name} {.status.phase}{"\n"}{end}' \
        | grep -cE '^kl-[0-9]+ (Succeeded|Failed|Error)$')" == "$1" ]]
}
no_run_namespaces() { [[ -z "$(k get ns -l "itf.dev/run-namespace=$work" -o name 2>/dev/null)" ]]; }

scenario_killloop() {
    k -n "$work" apply -f "$manifests/killloop.yaml" >/dev/null
    eventually 60 valid tenv light && eventually 60 valid tsuite beat || { fail "killloop: environment light and suite beat Valid"; return; }
    local n=30 shards_total=0 i t0 kills=0 max_kills=8 states="" jobs_log pods_log jw pw creator
    jobs_log="$(mktemp)" pods_log="$(mktemp)"
    # every Job and runner pod of these runs as the API server announces them, from before the first run to the end
    "$KUBECTL" get jobs -A -l "itf.dev/run-namespace=$work" -w \
        -o jsonpath='{.metadata.namespace}/{.metadata.name} {.metadata.uid}{"\n"}' >"$jobs_log" 2>/dev/null &
    jw=$!
    "$KUBECTL" get pods -A -l "itf.dev/run-namespace=$work,itf.dev/shard" -w \
        -o jsonpath='{.metadata.namespace}/{.metadata.labels.itf\.dev/shard} {.metadata.uid}{"\n"}' >"$pods_log" 2>/dev/null &
    pw=$!
    for i in $(seq 1 $n); do (( i % 3 == 0 )) && shards_total=$((shards_total + 2)) || shards_total=$((shards_total + 1)); done
    t0="$(now)"
    # the runs arrive in waves of five, 15 s apart, while the operator is killed
    (
        for i in $(seq 1 $n); do
            render "$manifests/killloop-run.yaml" NAME="kl-$i" SHARDS=$(( i % 3 == 0 ? 2 : 1 )) | k -n "$work" create -f - >/dev/null
            (( i % 5 == 0 )) && sleep 15
        done
    ) &
    creator=$!
    sleep 5
    while (( kills < max_kills )) && ! killloop_finished $n; do
        local pod state how
        pod="$(operator_pod)"
        state="$(killloop_state)"
        if (( kills % 2 == 0 )); then
            how="deleted"; k -n "$op_ns" delete pod "$pod" --wait=false >/dev/null
        else
            how="killed (grace period 0)"; k -n "$op_ns" delete pod "$pod" --grace-period=0 --force --wait=false >/dev/null 2>&1
        fi
        kills=$((kills + 1))
        log "kill $kills at +$(since "$t0") s: operator pod $pod $how; runs: $state"
        states+=" $state"
        eventually 180 ready_pod || { fail "killloop: operator pod Ready again after kill $kills"; break; }
        sleep $(( 3 + RANDOM % 20 ))
    done
    wait "$creator"
    if eventually 600 killloop_finished $n; then
        pass "killloop: all $n runs finished after $kills operator kills ($(since "$t0") s)"
    else
        fail "killloop: all $n runs finished within 600 s ($(killloop_state))"
    fi
    figure "killloop: $n runs, $kills operator kills, create to the last finish $(since "$t0") s"
    local covered="" s
    for s in Pending Provisioning Running collecting cleaning-up; do [[ "$states" == *" $s="* ]] && covered+="$s "; done
    log "phases met by the kills: $covered"
    [[ "$covered" == *Provisioning* && "$covered" == *Running* && "$covered" == *cleaning-up* ]] \
        && pass "killloop: the kills met runs provisioning, running and cleaning up (${covered% })" \
        || fail "killloop: the kills met runs provisioning, running and cleaning up (met: ${covered:-none})"
    local bad
    bad="$(k -n "$work" get trun -o jsonpath='{range .items[*]}{.metadata.name} {.status.phase} {.status.summary.total} {.status.summary.passed}{"\n"}{end}' \
        | awk '/^kl-/ && !($2 == "Succeeded" && $3 == 4 && $4 == 4)')"
    [[ -z "$bad" ]] && pass "killloop: every run Succeeded with every result (4 of 4 cases each)" \
        || { fail "killloop: every run Succeeded with 4 of 4 results"; sed 's/^/#   /' <<<"$bad"; }
    eventually 300 no_run_namespaces && pass "killloop: no run namespace left behind" \
        || fail "killloop: no run namespace left behind (left: $(k get ns -l "itf.dev/run-namespace=$work" -o name | tr '\n' ' '))"
    kill "$jw" "$pw" 2>/dev/null; wait "$jw" "$pw" 2>/dev/null
    local job_names job_uids twice pods
    # only the kill loop's runs (namespaces itf-kl-N-...): the watch also lists Jobs of earlier scenarios' runs whose
    # namespaces are still being deleted
    job_names="$(awk 'NF == 2 && $1 ~ /^itf-kl-/ { print $1 }' "$jobs_log" | sort -u | wc -l)"
    job_uids="$(awk 'NF == 2 && $1 ~ /^itf-kl-/ { print $2 }' "$jobs_log" | sort -u | wc -l)"
    twice="$(awk 'NF == 2 && $1 ~ /^itf-kl-/ { print $1, $2 }' "$jobs_log" | sort -u | awk '{ c[$1]++ } END { for (j in c) if (c[j] > 1) print j }')"
    [[ "$job_names" == "$shards_total" && "$job_uids" == "$shards_total" && -z "$twice" ]] \
        && pass "killloop: no Job created twice: $job_uids Jobs for $shards_total shards, one each" \
        || fail "killloop: one Job per shard ($shards_total shards; seen $job_names names, $job_uids Jobs; twice: ${twice:-none})"
    pods="$(awk 'NF == 2 && $1 ~ /^itf-kl-/ { print $2 }' "$pods_log" | sort -u | wc -l)"
    [[ "$pods" == "$shards_total" ]] && pass "killloop: no shard ran twice: $pods runner pods for $shards_total shards" \
        || fail "killloop: one runner pod per shard ($shards_total shards, $pods pods)"
    rm -f "$jobs_log" "$pods_log"
}

# ---------------------------------------------------------------- CI/CD: itf submit and TestSchedule

# port_forward_start: the operator Service on a local port for as long as a scenario needs it (pf_port, pf_pid)
pf_pid="" pf_port=""
port_forward_start() {
    pf_port=$(( 20000 + RANDOM % 20000 ))
    "$KUBECTL" -n "$op_ns" port-forward "svc/$op_name" "$pf_port:8080" >/dev/null 2>&1 &
    pf_pid=$!
    eventually 30 curl -fsS --max-time 5 "http://127.0.0.1:$pf_port/q/health/ready"
}
port_forward_stop() {
    [[ -n "$pf_pid" ]] || return 0
    kill "$pf_pid" 2>/dev/null; wait "$pf_pid" 2>/dev/null; pf_pid=""
}

# submit OUT ARGS...: itf submit --wait in the work namespace with the reader token, through the port-forward;
# stdout to OUT.out, stderr to OUT.err; returns its exit code
submit() {
    local out="$1"; shift
    ITF_TOKEN="$submit_token" "$ITF" submit -n "$work" --wait --reports-url "http://127.0.0.1:$pf_port" "$@" \
        >"$out.out" 2>"$out.err" </dev/null
}
# show OUT: what itf submit printed, for a failed check
show() { sed 's/^/#   /' "$1.out" "$1.err" | tail -25; }
submit_token=""

scenario_submit() {
    apply_demo || { fail "submit: demo environment and suite Valid"; return; }
    k -n "$work" apply -f "$manifests/submit-access.yaml" -f "$manifests/slow.yaml" >/dev/null \
        || { fail "submit: service account itf-e2e-submitter and its Role applied"; return; }
    submit_token="$(sa_token itf-e2e-submitter)" || { fail "submit: token of service account itf-e2e-submitter"; return; }
    port_forward_start || { fail "submit: port-forward to the operator Service"; port_forward_stop; return; }
    local dir rc t0; dir="$(mktemp -d)"
    sed '/^---$/,$d' "$manifests/failing.yaml" >"$dir/failing-suite.yaml"

    # a passing run, its suite applied by --apply, the JUnit report written by --report-dir
    t0="$(now)"
    submit "$dir/pass" --apply "$root/examples/cluster/002-suite.yaml" --suite orders-demo --env demo \
        --report-dir "$dir/pass-reports" --format junit,json; rc=$?
    [[ $rc == 0 ]] && pass "submit: itf submit --wait of a passing run exits 0 ($(since "$t0") s)" \
        || { fail "submit: passing run exits 0 (got $rc)"; show "$dir/pass"; }
    sed 's/^/# itf submit: /' "$dir/pass.out"
    grep -q "^testsuite.itf.dev/orders-demo applied\|^testsuite/orders-demo applied" "$dir/pass.out" \
        && pass "submit: --apply applied the TestSuite orders-demo" || { fail "submit: --apply applied the TestSuite orders-demo"; show "$dir/pass"; }
    [[ "$(grep -cE '^PASS DEMO_00[123] ' "$dir/pass.out")" == 3 ]] \
        && pass "submit: the three case results were printed as they arrived (PASS DEMO_001..003)" \
        || { fail "submit: PASS lines for DEMO_001..003"; show "$dir/pass"; }
    grep -q '^3 cases: 3 passed (0 flaky), 0 failed, 0 errored, 0 skipped' "$dir/pass.out" \
        && pass "submit: the summary table ends with 3 cases: 3 passed" || { fail "submit: summary line 3 cases: 3 passed"; show "$dir/pass"; }
    grep -q "reports API\|following the TestRun's status instead\|no reports written" "$dir/pass.err" \
        && { fail "submit: the reports API answered the service account's token"; show "$dir/pass"; } \
        || pass "submit: the reports API answered ITF_TOKEN of a service account that may get testruns (no fallback to the status)"
    if [[ -f "$dir/pass-reports/junit.xml" ]] && grep -q 'tests="3"' "$dir/pass-reports/junit.xml" \
        && grep -q 'failures="0"' "$dir/pass-reports/junit.xml" && [[ -f "$dir/pass-reports/report.json" || -n "$(ls "$dir/pass-reports"/*.json 2>/dev/null)" ]]; then
        pass "submit: --report-dir wrote junit.xml (3 tests, 0 failures) and the JSON report"
    else
        fail "submit: --report-dir wrote junit.xml with 3 tests (got: $(ls "$dir/pass-reports" 2>/dev/null | tr '\n' ' '))"; show "$dir/pass"
    fi

    # a failing run: exit 1, the failure printed, the JUnit report counting it
    t0="$(now)"
    submit "$dir/fail" --apply "$dir/failing-suite.yaml" --suite failing --env demo --report-dir "$dir/fail-reports"; rc=$?
    [[ $rc == 1 ]] && pass "submit: itf submit --wait of a failing run exits 1 ($(since "$t0") s)" \
        || { fail "submit: failing run exits 1 (got $rc)"; show "$dir/fail"; }
    grep -q '^FAIL FAIL_002 ' "$dir/fail.out" && grep -q '^2 cases: 1 passed (0 flaky), 1 failed' "$dir/fail.out" \
        && pass "submit: FAIL FAIL_002 printed and the summary says 2 cases: 1 passed, 1 failed" || { fail "submit: FAIL_002 and the summary of the failing run"; show "$dir/fail"; }
    grep -q 'failures="1"' "$dir/fail-reports/junit.xml" 2>/dev/null && grep -q 'FAIL_002' "$dir/fail-reports/junit.xml" \
        && pass "submit: the failing run's junit.xml has 1 failure, FAIL_002" || fail "submit: failing run's junit.xml has 1 failure"

    # the same run with a token whose identity may not get testruns: the reports API refuses it (403), itf submit
    # says so once, follows the run's status and still exits 1; --report-dir writes nothing
    local bystander; bystander="$(sa_token itf-e2e-bystander)" || fail "submit: token of service account itf-e2e-bystander"
    submit_token="$bystander" submit "$dir/refused" --suite failing --env demo --report-dir "$dir/refused-reports"; rc=$?
    [[ $rc == 1 ]] && grep -q "refused the request (403)" "$dir/refused.err" && [[ "$(grep -c "following the TestRun's status instead" "$dir/refused.err")" == 1 ]] \
        && pass "submit: a token that may not get testruns: the reports API answers 403, itf submit says so once, follows the status and exits 1" \
        || { fail "submit: a refused token falls back to the status and exits 1 (got $rc)"; show "$dir/refused"; }
    grep -q '^FAIL FAIL_002 ' "$dir/refused.out" && [[ ! -e "$dir/refused-reports/junit.xml" ]] && grep -q "no reports written" "$dir/refused.err" \
        && pass "submit: from the status alone it still prints FAIL FAIL_002, and --report-dir writes nothing and says why" \
        || { fail "submit: status fallback prints FAIL_002 and writes no report"; show "$dir/refused"; }

    # a run that cannot execute: its suite does not exist
    submit "$dir/missing" --suite no-such-suite; rc=$?
    [[ $rc == 3 ]] && pass "submit: a run of a missing suite ends Error and exits 3" || { fail "submit: missing suite exits 3 (got $rc)"; show "$dir/missing"; }
    grep -q ': Error (SuiteNotFound: ' "$dir/missing.out" && pass "submit: the Error line names SuiteNotFound" \
        || { fail "submit: the Error line names SuiteNotFound"; show "$dir/missing"; }

    # a run that outlasts --timeout: exit 3, it keeps running and the message says how to delete it
    cat >"$dir/slow-run.yaml" <<RUN
apiVersion: itf.dev/v1alpha1
kind: TestRun
metadata: {generateName: submit-slow-}
spec: {suiteRef: {name: slow}, environmentRef: {name: demo}, selector: {tags: [slow]}, timeout: 10m}
RUN
    t0="$(now)"
    submit "$dir/slow" "$dir/slow-run.yaml" --timeout 20s; rc=$?
    local slow; slow="$(sed -n 's|^testrun.itf.dev/\([^ ]*\) created.*|\1|p' "$dir/slow.out")"
    [[ $rc == 3 ]] && grep -q "did not finish within 20s; it keeps running (kubectl delete testrun $slow" "$dir/slow.err" \
        && pass "submit: --timeout 20s on a longer run exits 3 after $(since "$t0") s and names the run to delete" \
        || { fail "submit: --timeout exits 3 naming the run (got $rc)"; show "$dir/slow"; }
    local p; p="$(phase "$slow")"
    [[ "$p" == Provisioning || "$p" == Running || "$p" == Pending ]] && pass "submit: the run $slow keeps running after the timeout ($p)" \
        || fail "submit: the run keeps running after --timeout (got ${p:-none})"
    [[ -n "$slow" ]] && k -n "$work" delete trun "$slow" --wait=false >/dev/null 2>&1
    port_forward_stop
    rm -rf "$dir"
}

sched_runs() { k -n "$work" get trun -l "itf.dev/schedule=$1" -o jsonpath='{range .items[*]}{.metadata.name}{"\n"}{end}' 2>/dev/null; }
sched_run_count_is() { [[ "$(sched_runs "$1" | grep -c .)" == "$2" ]]; }
sched_field() { k -n "$work" get tsched "$1" -o jsonpath="$2" 2>/dev/null; }
sched_skipped() { [[ -n "$(sched_field "$1" '{.status.lastSkipped.message}')" ]]; }
sched_noted() { [[ "$(sched_field "$1" '{.status.rollouts[0].generation}')" == "$2" ]]; }
deploy_rolled_out() { k -n "$work" rollout status "deploy/${1:-rollout-target}" --timeout=5s; }
sched_triggers() { k -n "$work" get trun -l "itf.dev/schedule=$1" --sort-by=.metadata.creationTimestamp -o jsonpath='{range .items[*]}{.metadata.annotations.itf\.dev/trigger}{"\n"}{end}' 2>/dev/null; }
# triggers_include SCHEDULE REASON...: every reason is among the trigger annotations of the schedule's runs
triggers_include() {
    local schedule="$1" all; shift
    all="$(sched_triggers "$schedule" | sed 's/; /\n/g')"
    for reason in "$@"; do grep -qxF "$reason" <<<"$all" || return 1; done
}

# TestSchedule: a cron schedule ticking every minute with Forbid; rollout triggers on a Deployment.
# Both run side by side: the rollouts happen while the cron schedule waits for its ticks.
scenario_schedule() {
    render "$manifests/schedule.yaml" SHELL_IMAGE="$SHELL_IMAGE" | k -n "$work" apply -f - >/dev/null \
        || { fail "schedule: suite, TestSchedule every-minute and Deployment rollout-target applied"; return; }
    local created; created="$(date +%s)"
    eventually 60 valid tsched every-minute && pass "schedule: TestSchedule every-minute is Valid" || { fail "schedule: every-minute Valid ($(sched_field every-minute '{.status.conditions}'))"; return; }
    log "kubectl get tsched: $(k -n "$work" get tsched every-minute --no-headers)"

    # rollouts: the schedule notes the Deployment's current generation without a run, then one run per rollout
    eventually 90 deploy_rolled_out && eventually 90 deploy_rolled_out rollout-target-2 || fail "schedule: Deployments rollout-target and rollout-target-2 available"
    k -n "$work" apply -f "$manifests/schedule-rollout.yaml" >/dev/null
    eventually 60 sched_noted after-rollout 1 && pass "schedule: after-rollout noted generation 1 of the existing Deployments" \
        || fail "schedule: after-rollout notes generation 1 (got: $(sched_field after-rollout '{.status.rollouts}'))"
    sched_run_count_is after-rollout 0 && pass "schedule: no run for the rollout that was there before the schedule" \
        || fail "schedule: no run for the existing generation (got $(sched_runs after-rollout | tr '\n' ' '))"
    local release trigger
    for release in 2 3; do
        k -n "$work" set env deploy/rollout-target RELEASE="$release" >/dev/null
        eventually 90 deploy_rolled_out || fail "schedule: rollout $release of rollout-target finished"
        if eventually 60 sched_run_count_is after-rollout $((release - 1)); then
            trigger="$(k -n "$work" get trun -l itf.dev/schedule=after-rollout -o jsonpath='{range .items[*]}{.metadata.annotations.itf\.dev/trigger}{"\n"}{end}' | grep "generation $release")"
            [[ -n "$trigger" ]] && pass "schedule: rollout to generation $release started one run (trigger: $trigger)" \
                || fail "schedule: the run of rollout $release carries its trigger (got: $(sched_runs after-rollout | tr '\n' ' '))"
        else
            fail "schedule: rollout to generation $release started exactly one more run (runs: $(sched_runs after-rollout | tr '\n' ' '))"
        fi
    done
    sleep 10   # a rollout is one trigger: nothing more comes of it
    sched_run_count_is after-rollout 2 && pass "schedule: two rollouts, two runs, no more 10 s later" \
        || fail "schedule: two runs for two rollouts (got: $(sched_runs after-rollout | tr '\n' ' '))"
    # both Deployments at once: their rollouts finish within moments of each other, and neither trigger is lost
    # (one run for both, or one each, each with a name of its own)
    k -n "$work" set env deploy -l app=e2e-rollout RELEASE=4 >/dev/null
    eventually 90 deploy_rolled_out && eventually 90 deploy_rolled_out rollout-target-2 || fail "schedule: rollouts of both Deployments finished"
    if eventually 60 triggers_include after-rollout "rollout Deployment/rollout-target generation 4" "rollout Deployment/rollout-target-2 generation 2"; then
        pass "schedule: both Deployments rolled out together, both rollouts served ($(sched_runs after-rollout | grep -c .) runs: $(sched_triggers after-rollout | tail -n +3 | tr '\n' ',' | sed 's/,$//'))"
    else
        fail "schedule: both simultaneous rollouts served (runs: $(sched_runs after-rollout | tr '\n' ' '); triggers: $(sched_triggers after-rollout | tr '\n' ','); skipped: $(sched_field after-rollout '{.status.lastSkipped}'))"
    fi

    # cron: the first tick starts a run; the next, while that run (80 s) is active, is skipped (Forbid)
    local left=$(( 75 - ($(date +%s) - created) )); (( left < 5 )) && left=5
    if eventually "$left" sched_run_count_is every-minute 1; then
        local first; first="$(sched_runs every-minute)"
        pass "schedule: the first tick started run $first (the tick $(( ${first##*-} - created )) s after the schedule was created)"
        [[ "${first##*-}" =~ ^[0-9]+$ && $(( ${first##*-} % 60 )) == 0 ]] && pass "schedule: the run is named <schedule>-<unix time of a whole minute>" \
            || fail "schedule: run named every-minute-<unix minute> (got $first)"
        [[ "$(run_field "$first" '{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}')" == TestSchedule/every-minute ]] \
            && pass "schedule: the run is owned by TestSchedule every-minute" || fail "schedule: run owned by the schedule"
    else
        fail "schedule: the first tick started one run within 75 s (runs: $(sched_runs every-minute | tr '\n' ' '))"
        return
    fi
    if eventually 75 sched_skipped every-minute; then
        pass "schedule: the next tick while the run is active was skipped: $(sched_field every-minute '{.status.lastSkipped.message}')"
    else
        fail "schedule: status.lastSkipped set by the second tick (status: $(sched_field every-minute '{.status}'))"
    fi
    sched_run_count_is every-minute 1 && pass "schedule: still exactly one run of every-minute (Forbid)" \
        || fail "schedule: one run of every-minute (got: $(sched_runs every-minute | tr '\n' ' '))"
    local reasons; reasons="$(k -n "$work" get events --field-selector involvedObject.kind=TestSchedule,involvedObject.name=every-minute \
        -o jsonpath='{range .items[*]}{.type}/{.reason}{"\n"}{end}' | sort -u | tr '\n' ' ')"
    [[ "$reasons" == *Warning/RunSkipped* ]] && pass "schedule: a Warning event RunSkipped on the TestSchedule ($reasons)" \
        || fail "schedule: Warning event RunSkipped (got: ${reasons:-none})"
    log "kubectl get tsched: $(k -n "$work" get tsched --no-headers | tr -s ' ' | tr '\n' ';')"
    k -n "$work" patch tsched every-minute --type merge -p '{"spec":{"suspend":true}}' >/dev/null
    # deleting the schedules deletes their runs (owner references)
    k -n "$work" delete tsched every-minute after-rollout >/dev/null
    eventually 90 sched_run_count_is every-minute 0 && eventually 90 sched_run_count_is after-rollout 0 \
        && pass "schedule: deleting the schedules deleted their runs (owner references)" \
        || fail "schedule: the schedules' runs went with them (left: $(sched_runs every-minute; sched_runs after-rollout))"
}

# ---------------------------------------------------------------- main

echo "# cluster: $(k config current-context 2>/dev/null) $(k version -o json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["serverVersion"]["gitVersion"])' 2>/dev/null)"
echo "# image: $ITF_IMAGE; installs: $installs; scenarios: ${selected[*]}"
IFS=, read -r -a modes <<<"$installs"
for mode in "${modes[@]}"; do
    case "$mode" in helm|manifests) ;; *) echo "e2e: --install takes helm and/or manifests, not $mode" >&2; exit 2 ;; esac
done
# the work namespace goes first, while the operator still runs to release the TestRuns' finalizers
teardown() {
    k delete namespace "$work" --wait=false >/dev/null 2>&1
    eventually 180 ns_gone "$work" || log "namespace $work is still there"
    uninstall "$1"
}
trap 'echo "# interrupted: removing what this run installed"; port_forward_stop; [[ -n "$op_ns" && "$keep" != true ]] && teardown "$mode"; exit 130' INT TERM
for mode in "${modes[@]}"; do
    log "install: $mode"
    "install_$mode"
    install_checks "$mode"
    k create namespace "$work" >/dev/null 2>&1 || true
    for s in "${selected[@]}"; do
        log "scenario: $s"
        started="$(now)"
        "scenario_${s//-/_}"
        log "scenario $s took $(since "$started") s"
    done
    operator_log_checks "$mode"
    [[ "$keep" == true ]] || teardown "$mode"
    op_ns="" work="itf-e2e-$run_id-2"
done
trap - INT TERM
for f in "${figures[@]}"; do echo "# figure: $f"; done
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
