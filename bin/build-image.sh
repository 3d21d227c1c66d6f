#!/usr/bin/env bash
# Builds the ITF image as a docker-archive without a Docker engine: the layers of a base image
# (itself a docker-archive, e.g. from `docker save eclipse-temurin:17-jre`) plus the Quarkus application
# of target/quarkus-app, with the same entrypoint, command, user and environment as src/main/docker/Dockerfile.
# Load the result with `docker load -i`, `ctr -n k8s.io images import` or `kind load image-archive`.
set -euo pipefail

usage() {
    cat <<USAGE
usage: bin/build-image.sh --base BASE.tar [--app DIR] [--out FILE] [--tag NAME:TAG]...
  --base FILE   docker-archive of the base image (eclipse-temurin:17-jre)
  --app DIR     the Quarkus fast-jar directory (default target/quarkus-app; build it with ./mvnw -B package)
  --out FILE    where to write the image (default target/itf-image.tar)
  --tag REF     image name; repeatable (default itf:dev and itf:<project version>)
USAGE
}

root="$(cd "$(dirname "$0")/.." && pwd)"
base="" app="$root/target/quarkus-app" out="$root/target/itf-image.tar" tags=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --base) base="${2:?--base needs a file}"; shift 2 ;;
        --app) app="${2:?--app needs a directory}"; shift 2 ;;
        --out) out="${2:?--out needs a file}"; shift 2 ;;
        --tag) tags+=("${2:?--tag needs a name:tag}"); shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "build-image: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done
if [[ -z "$base" ]]; then
    echo "build-image: --base is required: a docker-archive of eclipse-temurin:17-jre (e.g. docker save eclipse-temurin:17-jre -o base.tar)" >&2
    exit 2
fi
[[ -f "$base" ]] || { echo "build-image: base image $base does not exist" >&2; exit 2; }
[[ -f "$app/quarkus-run.jar" ]] || { echo "build-image: $app/quarkus-run.jar not found; build it first with ./mvnw -B package -DskipTests" >&2; exit 2; }
if [[ ${#tags[@]} -eq 0 ]]; then
    version="$(grep -m1 -A1 '<artifactId>itf</artifactId>' "$root/pom.xml" | sed -n 's|.*<version>\(.*\)</version>.*|\1|p')"
    tags=("itf:dev" "itf:${version:?could not read the project version from pom.xml}")
fi
mkdir -p "$(dirname "$out")"

python3 - "$base" "$app" "$out" "${tags[@]}" <<'PYTHON'
import hashlib, io, json, os, sys, tarfile

base_path, app_dir, out_path, tags = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
EPOCH = 0  # fixed file times: the same application gives the same layers
USER = "10001"

def normalise(ref):
    # what the kubelet and containerd call an image given as name:tag
    name = ref.split("@")[0]
    first = name.split("/")[0]
    if "/" not in name:
        return "docker.io/library/" + ref
    if "." not in first and ":" not in first and first != "localhost":
        return "docker.io/" + ref
    return ref

def layer(entries):
    """A layer tar of the given (path in image, path on disk or None for a directory) in order; returns bytes."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for target, source in entries:
            info = tarfile.TarInfo(target)
            info.mtime, info.uid, info.gid, info.uname, info.gname = EPOCH, 0, 0, "root", "root"
            if source is None:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                tar.addfile(info)
            else:
                info.size, info.mode = os.path.getsize(source), 0o644
                with open(source, "rb") as data:
                    tar.addfile(info, data)
    return buffer.getvalue()

def tree(source_dir, target_dir):
    entries = [(target_dir, None)]
    for current, dirs, files in os.walk(source_dir):
        dirs.sort()
        relative = os.path.relpath(current, source_dir)
        here = target_dir if relative == "." else target_dir + "/" + relative
        if relative != ".":
            entries.append((here, None))
        for name in sorted(files):
            entries.append((here + "/" + name, os.path.join(current, name)))
    return entries

with tarfile.open(base_path) as base:
    manifest = json.load(base.extractfile("manifest.json"))
    if len(manifest) != 1:
        sys.exit("build-image: %s holds %d images; save exactly one" % (base_path, len(manifest)))
    base_manifest = manifest[0]
    config = json.load(base.extractfile(base_manifest["Config"]))
    base_layers = base_manifest["Layers"]
    if len(config["rootfs"]["diff_ids"]) != len(base_layers):
        sys.exit("build-image: %s: the config lists %d layers but the manifest %d"
                 % (base_path, len(config["rootfs"]["diff_ids"]), len(base_layers)))

    # dependencies first, as in the Dockerfile, so that a rebuild of the application changes only the second layer
    app_files = [("deployments", None)]
    app_files += [("deployments/" + f, os.path.join(app_dir, f)) for f in sorted(os.listdir(app_dir))
                  if os.path.isfile(os.path.join(app_dir, f))]
    for sub in ("app", "quarkus"):
        if os.path.isdir(os.path.join(app_dir, sub)):
            app_files += tree(os.path.join(app_dir, sub), "deployments/" + sub)
    new_layers = [layer([("deployments", None)] + tree(os.path.join(app_dir, "lib"), "deployments/lib")), layer(app_files)]

    env = [e for e in config.get("config", {}).get("Env", [])
           if not e.startswith(("JDK_JAVA_OPTIONS=", "LANG=", "MALLOC_ARENA_MAX="))]
    env += ["LANG=C.UTF-8", "MALLOC_ARENA_MAX=2", "JDK_JAVA_OPTIONS=-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"]
    config["config"] = {
        **config.get("config", {}),
        "Env": env,
        "Entrypoint": ["java", "-jar", "/deployments/quarkus-run.jar"],
        "Cmd": ["operator"],
        "User": USER,
        "WorkingDir": "/deployments",
        "ExposedPorts": {"8080/tcp": {}},
        "Labels": {**(config.get("config", {}).get("Labels") or {}),
                   "org.opencontainers.image.title": "itf",
                   "org.opencontainers.image.description": "ITF: Kubernetes-native integration testing"},
    }
    config["created"] = "1970-01-01T00:00:00Z"
    layer_paths = list(base_layers)
    for data in new_layers:
        digest = hashlib.sha256(data).hexdigest()
        config["rootfs"]["diff_ids"].append("sha256:" + digest)
        config.setdefault("history", []).append({"created": config["created"], "created_by": "bin/build-image.sh"})
        layer_paths.append(digest + "/layer.tar")
    config_bytes = json.dumps(config, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    repo_tags = [normalise(t) for t in tags]
    manifest_bytes = json.dumps([{"Config": config_name, "RepoTags": repo_tags, "Layers": layer_paths}]).encode()

    def add(tar, name, data):
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = len(data), EPOCH, 0o644
        tar.addfile(info, io.BytesIO(data))

    with tarfile.open(out_path + ".part", "w") as out:
        for path in base_layers:
            member = base.getmember(path)
            out.addfile(member, base.extractfile(member))
        for path, data in zip(layer_paths[len(base_layers):], new_layers):
            add(out, path, data)
        add(out, config_name, config_bytes)
        add(out, "manifest.json", manifest_bytes)
    os.replace(out_path + ".part", out_path)
    print("wrote %s: %s (image id sha256:%s)" % (out_path, ", ".join(repo_tags), config_name[:-5]))
PYTHON
