#!/usr/bin/env bash
# Runs one test selector N times in a row while a CPU-bound process runs beside it, and prints
# "N passed, M failed". A deterministic test must pass every time: a test that fails here depends on
# timing. Exit code 0 when every run passed, 1 otherwise, 2 on bad usage.
#
#   scripts/repeat-under-load.sh <test selector> [N=30]
#
#   scripts/repeat-under-load.sh LoaderDefectsIntegrationTests                 # the whole class, 30 times
#   scripts/repeat-under-load.sh 'LoaderDefectsIntegrationTests#d_*' 10       # one method
#   scripts/repeat-under-load.sh 'ExecExpiryTriggerIntegrationTests,*CounterIntegrationTests'  # core's counter tests
#
# The selector is Surefire/Failsafe's (-Dtest / -Dit.test): Class, Class#method, Class#prefix*, *Suffix,
# or several of those, comma-separated, from one module.
# *IntegrationTests run with Failsafe, other classes with Surefire. The module is the one whose
# src/test/java holds the class. Each run is `mvn -o -q -pl <module> -am test-compile
# failsafe:integration-test failsafe:verify` (or `surefire:test`), so only the selected tests run;
# the first run compiles, the others find nothing to compile. No run packages: a class that runs the
# module's jar (TopologySigtermIntegrationTests, ChaosSigtermIntegrationTests, ChaosReplayIntegrationTests)
# needs `mvn -pl <module> -am package -DskipTests` once before, on a fresh clone.
#
# Environment: HOGS (CPU-bound processes beside the runs, default 1), MVN (default mvn),
# MVN_OFFLINE (-o by default; set it empty to let Maven download), KEEP_GOING (default 1: run all N
# even after a failure; 0 stops at the first), LOCK (a file: each run first takes `flock LOCK`, and
# the CPU hogs run only while it holds the lock, so that other builds sharing the machine and the
# lock get their turn between runs and no hog burns CPU while a run waits; unset: no lock, the hogs
# run throughout, as before). Logs: target/repeat-under-load/<timestamp>/run-<i>.log.
set -u

usage() { echo "usage: $0 <test selector: Class, Class#method, Class#prefix*> [N=30]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
selector=$1
n=${2:-30}
case $n in ''|*[!0-9]*) usage ;; esac
[ "$n" -ge 1 ] || usage

cd "$(dirname "$0")/.." || exit 2
# A selector may list several classes of one module, comma-separated (Surefire/Failsafe accept that).
module=
for part in ${selector//,/ }; do
  class=${part%%#*}
  class=${class##*.}
  file=$(find . -path ./.git -prune -o -path "*/src/test/java/*" -name "$class.java" -print | head -n 1)
  if [ -z "$file" ]; then
    echo "$0: no test class $class under */src/test/java." >&2
    exit 2
  fi
  m=${file#./}
  m=${m%%/src/test/java/*}
  if [ -n "$module" ] && [ "$m" != "$module" ]; then
    echo "$0: $class is in $m, not $module; list classes of one module in one selector." >&2
    exit 2
  fi
  module=$m
done

if [[ $class == *IntegrationTests ]]; then
  goals=(test-compile failsafe:integration-test failsafe:verify "-Dit.test=$selector" -Dit.failIfNoSpecifiedTests=false)
else
  goals=(test-compile surefire:test "-Dtest=$selector" -Dsurefire.failIfNoSpecifiedTests=false)
fi
mvn_cmd=(${MVN:-mvn} ${MVN_OFFLINE--o} -q -B -pl "$module" -am "${goals[@]}")

logs=target/repeat-under-load/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$logs"

hogs=()
start_hogs() {
  for _ in $(seq "${HOGS:-1}"); do
    sh -c 'while :; do :; done' &
    hogs+=($!)
  done
}
stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${hogs[@]}"; do wait "$pid" 2>/dev/null; done
  hogs=()
}
trap 'stop_hogs' EXIT
trap 'stop_hogs; echo "interrupted"; exit 130' INT TERM
lock=${LOCK:-}
if [ -n "$lock" ]; then
  exec {lock_fd}>>"$lock" || { echo "$0: cannot open the lock file $lock." >&2; exit 2; }
  echo "repeat-under-load: $selector in $module, $n runs, each under flock $lock with ${HOGS:-1} CPU-bound process(es) beside it"
else
  start_hogs
  echo "repeat-under-load: $selector in $module, $n runs, ${#hogs[@]} CPU-bound process(es) beside it (pids ${hogs[*]})"
fi
echo "  each run: ${mvn_cmd[*]}"
echo "  logs: $logs"
passed=0
failed=0
for i in $(seq "$n"); do
  if [ -n "$lock" ]; then
    flock "$lock_fd"
    start_hogs
  fi
  start=$(date +%s)
  "${mvn_cmd[@]}" > "$logs/run-$i.log" 2>&1
  code=$?
  if [ -n "$lock" ]; then
    stop_hogs
    flock -u "$lock_fd"
  fi
  if [ "$code" -eq 0 ]; then
    passed=$((passed + 1))
    echo "  run $i: passed ($(( $(date +%s) - start )) s)"
  else
    failed=$((failed + 1))
    echo "  run $i: FAILED, Maven exit $code$([ "$code" -gt 128 ] && echo " (killed by signal $((code - 128)))") ($(( $(date +%s) - start )) s), see $logs/run-$i.log"
    grep -a -E '(FAIL|ERROR).*(Tests|test)|Tests run:.*Fail' "$logs/run-$i.log" | head -n 5 | sed 's/^/      /'
    if [ "${KEEP_GOING:-1}" = 0 ]; then
      break
    fi
  fi
done
stop_hogs
echo "$selector: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
