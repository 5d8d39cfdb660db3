#!/usr/bin/env bash
# Builds the Docker images the harness's docker backend uses, WITHOUT a registry: each image is a
# minimal root filesystem (one binary + the shared libraries `ldd` says it needs) turned into an
# image with `docker import`, tagged with the official name so that Testcontainers finds it locally
# and never pulls:
#
#   redis:2.8.19                      from it.ozimov:embedded-redis        (redis-server-2.8.19)
#   redis:6.2.11                      from com.github.codemonstur:embedded-redis (reports 6.2.11)
#   redis:7.0.15                      from org.signal:embedded-redis       (static binary)
#   ghcr.io/shopify/toxiproxy:2.12.0  from the go-installed toxiproxy-server of the harness cache
#
# The images behave like the official ones for the harness's use: `redis-server` is on PATH
# (CMD ["redis-server"], WORKDIR /data); toxiproxy is ENTRYPOINT ["/toxiproxy"], CMD ["-host=0.0.0.0"].
# They are NOT the official images (no entrypoint script, no shell): on a machine that can pull,
# skip this script and let Testcontainers pull the real ones.
#
# Idempotent: an image whose label io.redisrace.binary-sha256 matches its binary is kept.
# Usage: docker/build-offline-images.sh [--force]      (run from anywhere; needs docker, unzip)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FORCE="${1:-}"
log() { printf '[offline-images] %s\n' "$*"; }

command -v docker >/dev/null || { log "docker is not installed: run docker/ci-setup.sh first"; exit 1; }
docker info >/dev/null 2>&1 || { log "the Docker engine is not reachable (docker info failed): run docker/ci-setup.sh first"; exit 1; }

prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
M2="${MAVEN_REPO:-$HOME/.m2/repository}"
CACHE="${REDIS_RACE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/redis-race}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/redis-race-images-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# jar <groupPath> <artifact> <version>: path of the jar in the local Maven repository, fetched once
# from Maven Central with dependency:get when absent (never `mvn install`).
jar() {
  local path="$M2/$1/$2/$3/$2-$3.jar"
  if [ ! -f "$path" ]; then
    log "fetching $2 $3 from Maven Central"
    mvn -q -ntp dependency:get -Dartifact="$(echo "$1" | tr / .):$2:$3" -Dtransitive=false >/dev/null
  fi
  echo "$path"
}

# rootfs <dir> <binary> <target-path>: the binary at target-path, plus its ELF interpreter and
# every shared library ldd lists, at their host paths (a Go binary may need the interpreter only).
rootfs() {
  local dir="$1" bin="$2" target="$3" lib interp
  mkdir -p "$dir$(dirname "$target")" "$dir/tmp" "$dir/data" "$dir/etc"
  chmod 1777 "$dir/tmp"
  install -m 0755 "$bin" "$dir$target"
  interp=$(readelf -l "$bin" 2>/dev/null | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
  for lib in $interp $(ldd "$bin" 2>/dev/null | grep -o '/[^ ]*' || true); do
    [ -e "$lib" ] && cp -L --parents "$lib" "$dir"
  done
  printf 'root:x:0:0:root:/root:/bin/false\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$dir/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' > "$dir/etc/group"
}

# image <tag> <binary> <target-path> <docker-import --change>...
image() {
  local tag="$1" bin="$2" target="$3"; shift 3
  local sha have
  sha=$(sha256sum "$bin" | cut -d' ' -f1)
  have=$(docker image inspect -f '{{index .Config.Labels "io.redisrace.binary-sha256"}}' "$tag" 2>/dev/null || true)
  if [ "$have" = "$sha" ] && [ "$FORCE" != "--force" ]; then
    log "$tag is up to date"
    return 0
  fi
  local dir="$WORK/$(echo "$tag" | tr '/:' '__')"
  rootfs "$dir" "$bin" "$target"
  local changes=()
  for c in "$@" "LABEL io.redisrace.offline=true" "LABEL io.redisrace.binary-sha256=$sha"; do changes+=(--change "$c"); done
  tar -C "$dir" -c . | docker import "${changes[@]}" -m "redis-race offline image from $(basename "$bin")" - "$tag" >/dev/null
  log "built $tag ($(du -sh "$dir" | cut -f1) root filesystem)"
}

extract() { # extract <jar> <entry> <out>
  unzip -p "$1" "$2" > "$3"
  chmod +x "$3"
}

# Redis: the same binaries the embedded backend runs (ServerKind), tagged with the version each reports.
extract "$(jar it/ozimov embedded-redis "$(prop redis28.version)")" redis-server-2.8.19 "$WORK/redis-2.8"
extract "$(jar com/github/codemonstur embedded-redis "$(prop redis62.version)")" redis-server-6.2.6-v5-linux-amd64 "$WORK/redis-6.2"
extract "$(jar org/signal embedded-redis "$(prop redis70.version)")" redis-server-7.0.15-linux-amd64 "$WORK/redis-7.0"
REDIS_CHANGES=('CMD ["redis-server"]' 'WORKDIR /data' 'EXPOSE 6379')
image redis:2.8.19 "$WORK/redis-2.8" /usr/local/bin/redis-server "${REDIS_CHANGES[@]}"
image redis:6.2.11 "$WORK/redis-6.2" /usr/local/bin/redis-server "${REDIS_CHANGES[@]}"
image redis:7.0.15 "$WORK/redis-7.0" /usr/local/bin/redis-server "${REDIS_CHANGES[@]}"

# Toxiproxy: the pinned release, built by `go install` into the harness cache (as .ci/run does).
TOXI_VERSION=$(prop toxiproxy.server.version)
TOXI_BIN="${TOXIPROXY_SERVER:-$CACHE/toxiproxy/$TOXI_VERSION/toxiproxy-server}"
if [ ! -x "$TOXI_BIN" ]; then
  command -v go >/dev/null || { log "no toxiproxy-server at $TOXI_BIN and no go to build it"; exit 1; }
  log "building toxiproxy-server $TOXI_VERSION with go install"
  mkdir -p "$(dirname "$TOXI_BIN")"
  GOBIN="$WORK/gobin" go install "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXI_VERSION"
  mv "$WORK/gobin/server" "$TOXI_BIN"
fi
image "ghcr.io/shopify/toxiproxy:${TOXI_VERSION#v}" "$TOXI_BIN" /toxiproxy \
  'ENTRYPOINT ["/toxiproxy"]' 'CMD ["-host=0.0.0.0"]' 'EXPOSE 8474'

docker image ls --filter label=io.redisrace.offline=true --format '{{.Repository}}:{{.Tag}}  {{.Size}}' \
  | sed 's/^/[offline-images] /'
