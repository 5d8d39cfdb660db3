#!/usr/bin/env bash
# Makes Docker usable for the harness's docker backend on a fresh Debian machine, idempotently:
#   1. installs Debian's docker.io when no dockerd is installed (root only);
#   2. starts dockerd in the background when the engine is not reachable, and waits for it;
#   3. builds the offline images (docker/build-offline-images.sh), so nothing is ever pulled.
#
# The dockerd started here has no default bridge (--bridge=none, --iptables=false): on machines
# where every test must stay on 127.0.0.1 only host networking exists, so no container can be
# reached through a private-range address by accident. Its log is $DOCKERD_LOG
# (default /var/log/redis-race-dockerd.log). An already running engine is used as it is.
#
# Prints the environment the build needs (docs/docker.md, "Ryuk and cleanup" and "Networking"):
#   export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true \
#          TESTCONTAINERS_HOST_OVERRIDE=localhost REDIS_RACE_DOCKER_NETWORK=host
# Exit 0 when Docker is ready with the images, 1 otherwise (with one line saying why).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
log() { printf '[docker-setup] %s\n' "$*"; }
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/redis-race-dockerd.log}"

if ! command -v dockerd >/dev/null 2>&1 && ! docker info >/dev/null 2>&1; then
  if [ "$(id -u)" != "0" ]; then log "no Docker engine and not root: install docker.io (or Docker) by hand"; exit 1; fi
  log "installing Debian's docker.io"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

if ! docker info >/dev/null 2>&1; then
  if [ "$(id -u)" != "0" ]; then log "the Docker engine is not running and we are not root to start it"; exit 1; fi
  log "starting dockerd in the background (log: $DOCKERD_LOG)"
  mkdir -p "$(dirname "$DOCKERD_LOG")"
  nohup dockerd --bridge=none --iptables=false --ip-forward=false >>"$DOCKERD_LOG" 2>&1 </dev/null &
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    sleep 1
  done
  if ! docker info >/dev/null 2>&1; then
    log "dockerd did not answer within 60 s; last lines of $DOCKERD_LOG:"
    tail -5 "$DOCKERD_LOG" | sed 's/^/    /'
    exit 1
  fi
fi
log "Docker engine $(docker version -f '{{.Server.Version}}' 2>/dev/null) is reachable"

"$ROOT/docker/build-offline-images.sh"
log "ready; the build needs: export TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_CHECKS_DISABLE=true TESTCONTAINERS_HOST_OVERRIDE=localhost REDIS_RACE_DOCKER_NETWORK=host"
