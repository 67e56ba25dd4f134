#!/usr/bin/env bash
# What reading it back costs (issue 21): versioned_doc U0 (revisions share most bytes) loaded and
# restored on PostgreSQL and S3 through plain, cas and cdc, one run with the default iterations,
# 32 MiB, embedded servers. Prints per system and restore stage, layout by layout: restore MB/s ±
# error, the entries fetched and the requests sent per file, per-file latency, and each layout's
# restore MB/s against plain's next to plain's requests per file against its own, i.e. how much of the
# slowdown the request count alone explains; then the configurations worth choosing (the run's
# summary) and a report with the trade-off chart. A second run restores PostgreSQL plain warm and cold
# (-p cache=warm,cold: the server restarted in place and the page cache dropped before each measured
# restore; needs root) and prints the two side by side.
# Checks (exit 1 when one fails): readRequests per file is 1 (plain), 2 (cas) and above 2 (cdc: 1 +
# chunks); restorePerFile of cdc sends more requests per file than cas, and cas more than plain; a cold
# restore of PostgreSQL plain is slower than a warm one, on both restore stages.
# Usage: scripts/acceptance-restore.sh [datasetMiB, default 32]   (run, then evaluate)
#        scripts/acceptance-restore.sh --evaluate DIR            (evaluate the results a run left in DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
J=${DEDUP_JAR:-benchmarks/target/benchmarks.jar}
if [[ ${1:-} == --evaluate ]]; then
  out=${2:?--evaluate needs the directory a run printed}
else
  [[ -f $J ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  size=${1:-32}
  out=$(mktemp -d)
  echo "datasets of $size MiB; JSON, log and report in $out"
  java -jar "$J" VersionedDoc VersionedDoc.restore -p system=postgresql,s3 -p grade=U0 -p layout=plain,cas,cdc \
    -p datasetMiB="$size" -rff "$out/restore.json" > "$out/restore.log"
  java -jar "$J" report "$out/restore.json" --out "$out/report.html" > /dev/null
  java -jar "$J" VersionedDoc.restore -p system=postgresql -p grade=U0 -p layout=plain -p cache=warm,cold \
    -p datasetMiB="$size" -rff "$out/cold.json" > "$out/cold.log"
fi
python3 - "$out/restore.json" "$out/cold.json" <<'PY'
import json, sys
def load(path):
    rows = {}
    for b in json.load(open(path)):
        method = b["benchmark"].rsplit(".", 1)[1]
        if not method.startswith("restore"):
            continue
        s = b["secondaryMetrics"]
        g = lambda k: s.get("\u00b7storage." + k, {}).get("score", float("nan"))
        e = s.get("\u00b7storage.restoreMBps", {}).get("scoreError", float("nan"))
        p = b["params"]
        rows[(p["system"], method, p["layout"], p.get("cache", "warm"))] = (g("restoreMBps"),
            e if isinstance(e, float) else float("nan"), g("readRequests"), g("roundTrips"), g("fileLatencyP50Ms"),
            g("fileLatencyP99Ms"))
    return rows
rows = {k[:3]: v for k, v in load(sys.argv[1]).items() if k[3] == "warm"}
cold = load(sys.argv[2])
ok = True
def check(what, good):
    global ok
    ok &= good
    print(f"  {what}: {'ok' if good else 'FAILED'}")
print("MB = 10^6 bytes; reads = entries fetched per file, trips = requests sent per file")
print(f"{'system':11} {'stage':15} {'layout':6} {'restore MB/s':>17} {'reads':>7} {'trips':>7} {'p50 ms':>7} {'p99 ms':>7} {'MB/s vs plain':>14} {'plain trips/trips':>18}")
for system in ("postgresql", "s3"):
    for method in ("restorePerFile", "restoreBulk"):
        plain = rows.get((system, method, "plain"))
        for layout in ("plain", "cas", "cdc"):
            r = rows.get((system, method, layout))
            if r is None:
                continue
            vs = r[0] / plain[0] if plain else float("nan")
            trips = plain[3] / r[3] if plain else float("nan")
            print(f"{system:11} {method:15} {layout:6} {r[0]:8.1f} ± {r[1]:6.1f} {r[2]:7.2f} {r[3]:7.2f} {r[4]:7.2f} {r[5]:7.2f} {vs:13.2f}x {trips:17.2f}x")
print("checks")
for (system, method, layout), r in sorted(rows.items()):
    want = {"plain": 1.0, "cas": 2.0}.get(layout)
    if want is not None:
        check(f"{system} {method} {layout} reads {r[2]:.2f} per file = {want:.0f}", abs(r[2] - want) < 1e-9)
    else:
        check(f"{system} {method} cdc reads {r[2]:.2f} per file > 2 (1 + chunks)", r[2] > 2)
for system in ("postgresql", "s3"):
    p, c, d = (rows.get((system, "restorePerFile", l)) for l in ("plain", "cas", "cdc"))
    if p and c and d:
        check(f"{system} restorePerFile trips per file plain {p[3]:.2f} < cas {c[3]:.2f} < cdc {d[3]:.2f}", p[3] < c[3] < d[3])
print()
print("PostgreSQL plain, warm and cold (cold: server restarted in place, page cache dropped before each measured restore)")
print(f"{'stage':15} {'cache':5} {'restore MB/s':>17} {'p50 ms':>7} {'p99 ms':>7} {'cold/warm':>10}")
for method in ("restorePerFile", "restoreBulk"):
    w, c = cold.get(("postgresql", method, "plain", "warm")), cold.get(("postgresql", method, "plain", "cold"))
    for cache, r in (("warm", w), ("cold", c)):
        if r:
            ratio = f"{r[0] / w[0]:9.2f}x" if w else ""
            print(f"{method:15} {cache:5} {r[0]:8.1f} ± {r[1]:6.1f} {r[4]:7.2f} {r[5]:7.2f} {ratio:>10}")
    if w and c:
        check(f"postgresql {method} plain cold {c[0]:.1f} MB/s < warm {w[0]:.1f} MB/s", c[0] < w[0])
    else:
        check(f"postgresql {method} plain measured warm and cold (cold needs root)", False)
sys.exit(0 if ok else 1)
PY
sed -n '/CONFIGURATIONS WORTH CHOOSING/,$p' "$out/restore.log" | sed '/^$/q'
echo "report: $out/report.html"
