#!/usr/bin/env bash
# The benchmark stage of a database team's pipeline, one stage per call:
#
#   scripts/ci-benchmark.sh build                        # mvn package -> benchmarks/target/benchmarks.jar
#   scripts/ci-benchmark.sh smoke                        # one system, one payload, 2 MiB: < 2 min
#   scripts/ci-benchmark.sh preflight [--systems a,b]    # every configured system reachable and writable
#   scripts/ci-benchmark.sh dry                          # the full matrix, 4 MiB, default iterations (the baseline's shape)
#   scripts/ci-benchmark.sh full [--systems a,b]         # default sizes (32 MiB), optionally some systems only
#   scripts/ci-benchmark.sh compare [CURRENT.json]       # against results/baseline/ (default: the dry result), speed per system+stage
#   scripts/ci-benchmark.sh report                       # one HTML report of every result of this pipeline
#
# Results go to $DEDUP_CI_OUT (default results/ci): smoke.json, dry.json, full-<systems>.json, each
# with its .env.json, and report.html. Systems and credentials come from the DEDUP_<SYS>_* variables
# (see README, "Where each system's server comes from"). Every stage exits non-zero on failure and
# says which stage failed.
set -euo pipefail
cd "$(dirname "$0")/.."

STAGES="build smoke preflight dry full compare report"
JAR=benchmarks/target/benchmarks.jar
OUT=${DEDUP_CI_OUT:-results/ci}
BASELINE=${DEDUP_BASELINE:-results/baseline/default-matrix-4MiB.json}
JAVA=${JAVA:-java}

usage() {
  echo "usage: $0 STAGE [options]; valid stages: ${STAGES// /, }" >&2
  exit 2
}

stage=${1:-}
[ -n "$stage" ] || usage
shift
case " $STAGES " in
  *" $stage "*) ;;
  *) echo "error: unknown stage '$stage'; valid: ${STAGES// /, }" >&2; exit 2 ;;
esac

trap 'rc=$?; [ $rc -eq 0 ] || echo "STAGE $stage FAILED (exit $rc)" >&2' EXIT

systems=""
rest=()
while [ $# -gt 0 ]; do
  case "$1" in
    --systems) systems=${2:?--systems needs a comma-separated list}; shift 2 ;;
    --systems=*) systems=${1#--systems=}; shift ;;
    *) rest+=("$1"); shift ;;
  esac
done

need_jar() {
  [ -f "$JAR" ] || { echo "error: $JAR is missing: run the build stage first" >&2; exit 1; }
  mkdir -p "$OUT"
}

run_matrix() { # run_matrix NAME [JMH args...]
  local name=$1; shift
  need_jar
  echo "== $stage: $JAVA -jar $JAR $* -rff $OUT/$name.json"
  "$JAVA" -jar "$JAR" "$@" -rff "$OUT/$name.json"
  [ -s "$OUT/$name.json" ] || { echo "error: $OUT/$name.json was not written" >&2; exit 1; }
}

case "$stage" in
  build)
    mvn -B -q package -DskipTests
    ls -l "$JAR"
    ;;
  smoke)
    run_matrix smoke -p "system=${systems:-postgresql}" -p payload=structured_json -p grade=U50 -p datasetMiB=2 "${rest[@]}"
    ;;
  preflight)
    need_jar
    "$JAVA" -jar "$JAR" preflight ${systems:+--systems "$systems"}
    ;;
  dry)
    # the default iterations: warm-up loads until steady in each trial's set-up, three measured loads
    run_matrix dry -p datasetMiB=4 ${systems:+-p "system=$systems"} "${rest[@]}"
    ;;
  full)
    run_matrix "full${systems:+-${systems//,/-}}" ${systems:+-p "system=$systems"} "${rest[@]}"
    ;;
  compare)
    need_jar
    current=${rest[0]:-$OUT/dry.json}
    [ -f "$current" ] || { echo "error: no result to compare at $current (run the dry stage first)" >&2; exit 1; }
    # speed per system and stage: single short loads vary by ±30-40 % on shared runners (README, "Comparing two runs")
    "$JAVA" -jar "$JAR" compare "$BASELINE" "$current" --speed-scope "${DEDUP_SPEED_SCOPE:-group}" \
      ${DEDUP_EDR_TOLERANCE:+--edr-tolerance "$DEDUP_EDR_TOLERANCE"} \
      ${DEDUP_SPEED_TOLERANCE:+--speed-tolerance "$DEDUP_SPEED_TOLERANCE"}
    ;;
  report)
    need_jar
    mapfile -t results < <(find "$OUT" -maxdepth 1 -name '*.json' ! -name '*.env.json' | sort)
    [ ${#results[@]} -gt 0 ] || { echo "error: no results in $OUT to report" >&2; exit 1; }
    "$JAVA" -jar "$JAR" report "${results[@]}" --out "$OUT/report.html"
    ;;
esac
