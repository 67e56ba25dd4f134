#!/usr/bin/env bash
# Generation and analyzer throughput (README "Performance"): runs PayloadBenchmark and prints MB/s
# per payload type next to the targets (random_binary >= 1000 MB/s on one thread, every other type
# >= 200 MB/s, analyzer >= 150 MB/s). Extra arguments go to JMH (e.g. -f 2).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-$(mktemp -d)/payload-bench.json}
java -jar benchmarks/target/benchmarks.jar PayloadBenchmark -rff "$out" "$@" >&2
python3 - "$out" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
print(f"{'benchmark':10} {'payload':17} {'MB/s':>9} {'± error':>8}  target")
for r in rows:
    name = r["benchmark"].rsplit(".", 1)[1]
    p = r["params"]["payload"]
    m = r["secondaryMetrics"]["megabytes"]
    target = (1000 if p == "random_binary" else 200) if name == "generate" else 150
    verdict = "ok" if m["score"] >= target else "BELOW"
    print(f"{name:10} {p:17} {m['score']:9.0f} {m['scoreError']:8.0f}  >= {target} {verdict}")
PY
