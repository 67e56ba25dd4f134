#!/usr/bin/env bash
# Insert performance targets (README "Performance"), measured with the suite itself:
#   PostgreSQL bulk of random_binary >= 100 MB/s, per-file >= 50 MB/s (default 32 MiB dataset, 1 warm-up + 5
#   measured loads: the first load of a fork runs ~30 % slower);
#   a 1024 MiB dataset loads with the fork's heap capped at 512 MiB;
#   with --full: the default 120-benchmark matrix finishes within 10 minutes.
# Usage: scripts/perf-insert.sh [--full]
set -euo pipefail
cd "$(dirname "$0")/.."
J=benchmarks/target/benchmarks.jar
[[ -f $J ]] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
out=$(mktemp -d)

java -jar $J RandomBinary -p system=postgresql -p grade=U0 -wi 1 -i 5 -rff "$out/pg.json" > "$out/pg.log"
python3 - "$out/pg.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    stage = r["benchmark"].rsplit(".", 1)[1]
    m = r["secondaryMetrics"]["\u00b7storage.ingestMBps"]
    target = 100 if stage == "bulk" else 50
    print(f"postgresql random_binary {stage:8} {m['score']:7.1f} ± {float(m['scoreError']):.1f} MB/s  target >= {target}: "
          + ("ok" if m["score"] >= target else "BELOW"))
PY

if java -jar $J RandomBinary.bulk -p system=postgresql -p grade=U0 -p datasetMiB=1024 -wi 0 -i 1 \
     -jvmArgsAppend -Xmx512m -foe true -rff "$out/heap.json" > "$out/heap.log" 2>&1; then
  echo "postgresql bulk of a 1024 MiB dataset with -Xmx512m: ok ($(grep -m1 'ingestMBps:' "$out/heap.log" | awk '{print $2}') MB/s)"
else
  echo "postgresql bulk of a 1024 MiB dataset with -Xmx512m: FAILED, see $out/heap.log"; exit 1
fi

if [[ ${1:-} == --full ]]; then
  start=$(date +%s)
  java -jar $J -rff "$out/full.json" > "$out/full.log"
  secs=$(( $(date +%s) - start ))
  echo "default matrix: $(grep -m1 'EXPERIMENT MATRIX' "$out/full.log" | sed 's/EXPERIMENT MATRIX: //') in $((secs / 60)) min $((secs % 60)) s (target <= 10 min)"
fi
echo "logs and JSON: $out"
