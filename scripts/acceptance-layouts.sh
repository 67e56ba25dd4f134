#!/usr/bin/env bash
# Which setting and which design store the data smallest: the acceptance figures of the storage
# variants and layouts (README "Which setting and design store my data smallest?"), measured with
# the lab itself on the embedded servers, each printed next to its target:
#   1. U90 datasets, bulk: cas EDR >= 5x plain EDR on every embedded system, each payload type;
#   2. versioned_doc U0 (revisions share most bytes, no file repeats): cdc EDR >= 2x cas EDR;
#   3. structured_json U0: mariadb:row_compressed_4k EDR >= 2.5; postgresql:uncompressed <= 1.0 while
#      postgresql stays above 2;
#   4. ingest, PostgreSQL bulk of random_binary U0 with -wi 1 -i 5, side by side in one run:
#      cas >= 0.7x and cdc >= 0.4x the MB/s of plain.
# Usage: scripts/acceptance-layouts.sh [datasetMiB, default 128]  run, then evaluate
#        scripts/acceptance-layouts.sh --evaluate DIR              evaluate the results a run left in DIR
# Exit 1 when a target is missed.
# Why 128 MiB and not the matrix's 32: check 1 needs U90 datasets whose own whole-file dedup ratio is
# above 5x. At 32 MiB versioned_doc U90 holds 39 distinct revisions in 3 document families, and 288
# of its 348 copies repeat the first (smallest) family, so its limit is 4.28x and no store can pass;
# at 128 MiB the limit is 6.70x. (Copies pick uniformly among the unique files written so far, so the
# first files collect the most copies; with versioned_doc's families that favours the first family.)
set -euo pipefail
cd "$(dirname "$0")/.."
J=benchmarks/target/benchmarks.jar
if [[ ${1:-} == --evaluate ]]; then
  out=${2:?--evaluate needs the directory a run printed}
else
[[ -f $J ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
size=${1:-128}
out=$(mktemp -d)
systems=postgresql,mariadb,redis,s3
echo "datasets of $size MiB; JSON and logs in $out"

java -jar $J bulk -p system=$systems -p grade=U90 -p layout=plain,cas -p datasetMiB="$size" -i 1 \
  -rff "$out/u90.json" > "$out/u90.log"
java -jar $J VersionedDoc.bulk -p system=$systems -p grade=U0 -p layout=cas,cdc -p datasetMiB="$size" -i 1 \
  -rff "$out/versioned.json" > "$out/versioned.log"
java -jar $J StructuredJson.bulk -p system=postgresql,postgresql:uncompressed,mariadb,mariadb:row_compressed_4k \
  -p grade=U0 -p datasetMiB="$size" -i 1 -rff "$out/variants.json" > "$out/variants.log"
java -jar $J RandomBinary.bulk -p system=postgresql -p grade=U0 -p layout=plain,cas,cdc -p datasetMiB="$size" -wi 1 -i 5 \
  -rff "$out/ingest.json" > "$out/ingest.log"
fi

python3 - "$out" <<'PY'
import json, sys, collections
out = sys.argv[1]
def load(name):
    rows = {}
    for r in json.load(open(f"{out}/{name}.json")):
        p = r["params"]
        cls = r["benchmark"].split(".")[-2]
        sec = r["secondaryMetrics"]
        edr = sec.get("\u00b7storage.edr", {}).get("score", float("nan"))
        mbps = sec.get("\u00b7storage.ingestMBps", {})
        rows[(p["system"], cls, p["grade"], p.get("layout", "plain"))] = (edr, mbps.get("score"), mbps.get("scoreError"))
    return rows
failed = 0
def check(label, value, ok, target):
    global failed
    failed += 0 if ok else 1
    print(f"{label:62} {value:>9}  target {target:18} {'ok' if ok else 'MISSED'}")

print("\n1. U90, bulk: cas EDR / plain EDR (limit: the dataset's whole-file dedup ratio, from the analyzer)")
u90 = load("u90")
env = json.load(open(f"{out}/u90.env.json"))["datasets"]
limit = {k.split()[0]: v["fileDedupRatio"] for k, v in env.items()}
names = {"CompressedMedia": "compressed_media", "RandomBinary": "random_binary", "StructuredJson": "structured_json",
         "TextLog": "text_log", "VersionedDoc": "versioned_doc"}
for (system, cls, grade, layout), (edr, _, _) in sorted(u90.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    if layout == "cas":
        plain = u90[(system, cls, grade, "plain")][0]
        lim = limit[names[cls]]
        check(f"{system:10} {cls:16} plain {plain:5.2f} cas {edr:6.2f} (limit {lim:.2f}x)",
              f"{edr / plain:.1f}x", edr >= 5 * plain, ">= 5x" if lim >= 5 else ">= 5x > its limit")
print("\n2. versioned_doc U0, bulk: cdc EDR / cas EDR")
v = load("versioned")
for (system, cls, grade, layout), (edr, _, _) in sorted(v.items()):
    if layout == "cdc":
        cas = v[(system, cls, grade, "cas")][0]
        check(f"{system:10} cas {cas:6.2f} cdc {edr:6.2f}", f"{edr / cas:.2f}x", edr >= 2 * cas, ">= 2x")
print("\n3. structured_json U0, bulk: EDR of the variants")
var = load("variants")
e = {s: var[(s, "StructuredJson", "U0", "plain")][0] for s in
     ["postgresql", "postgresql:uncompressed", "mariadb", "mariadb:row_compressed_4k"]}
check("mariadb:row_compressed_4k", f"{e['mariadb:row_compressed_4k']:.2f}", e["mariadb:row_compressed_4k"] >= 2.5, ">= 2.5")
check("postgresql:uncompressed", f"{e['postgresql:uncompressed']:.2f}", e["postgresql:uncompressed"] <= 1.0, "<= 1.0")
check("postgresql (default, pglz)", f"{e['postgresql']:.2f}", e["postgresql"] > 2, "> 2")
print(f"  (mariadb default: {e['mariadb']:.2f})")
print("\n4. PostgreSQL bulk, random_binary U0, -wi 1 -i 5: MB/s (MB = 10^6 bytes) of each layout / plain")
ing = load("ingest")
plain = ing[("postgresql", "RandomBinary", "U0", "plain")]
for layout, target in (("cas", 0.7), ("cdc", 0.4)):
    r = ing[("postgresql", "RandomBinary", "U0", layout)]
    check(f"{layout}: {r[1]:.1f} ± {r[2]:.1f} MB/s vs plain {plain[1]:.1f} ± {plain[2]:.1f}", f"{r[1] / plain[1]:.2f}x",
          r[1] >= target * plain[1], f">= {target}x")
sys.exit(1 if failed else 0)
PY
