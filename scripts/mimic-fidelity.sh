#!/usr/bin/env bash
# How faithful a mimic is (issue 22): profiles the corpus PATH, generates mimics of it at 1x and 8x its
# size, and prints corpus against mimic side by side: file size quantiles (p10 p50 p90 p99), every
# analyzer ratio (file, block4k, cdc, zstd-3, file+zstd, cdc+zstd), deflate-6 and lz4 per file, and
# the lab's EDR on PostgreSQL plain (pglz), mariadb:page_zlib and Redis cdc (bulk, embedded servers,
# one measured load each: storage figures are deterministic). Each row says whether it is within its
# target: +-10 % for the analyzer ratios and size quantiles, +-15 % for deflate, lz4 and the EDRs.
# With --snapshots, PATH's immediate subdirectories are snapshots (issue 30): the profile records how
# each becomes the next, the mimics are that many generations (generation 1 the first snapshot's
# size, times 1 and 8), and the table adds, per generation, the share of its bytes that is new unique
# under FastCDC and under whole-file dedup (+-10 %); the ratios are over all snapshots together. The
# lab runs are off by default there (DEDUP_FIDELITY_LAB=1 turns them on).
# Usage: scripts/mimic-fidelity.sh [--snapshots] PATH [OUT]   (OUT: where profile, mimics and results go)
#        scripts/mimic-fidelity.sh --evaluate OUT     (the table again from what a run left in OUT)
#        DEDUP_FIDELITY_LAB=0 skips the three lab runs (analyzer figures only).
# Exit 0 whatever the figures (a missed target is a finding, not a failure); 2 on bad input.
set -euo pipefail
cd "$(dirname "$0")/.."
J=${DEDUP_JAR:-benchmarks/target/benchmarks.jar}
snapshots=()
if [[ ${1:-} == --snapshots ]]; then
  snapshots=(--snapshots)
  shift
fi
if [[ ${1:-} == --evaluate ]]; then
  out=${2:?--evaluate needs the OUT directory of a run}
  corpus=$(cat "$out/corpus.path")
else
  corpus=${1:?usage: scripts/mimic-fidelity.sh PATH [OUT]}
  [[ -d $corpus ]] || { echo "error: '$corpus' is not a directory; valid: a directory of files" >&2; exit 2; }
  [[ -f $J ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  corpus=$(cd "$corpus" && pwd)
  out=${2:-$(mktemp -d)}
  mkdir -p "$out"
  echo "$corpus" > "$out/corpus.path"
  bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
  echo "corpus $corpus: $bytes bytes; profile, mimics and results in $out"
  java -jar "$J" profile "$corpus" "${snapshots[@]}" --out "$out/profile.json" --force
  gens=()
  if [[ ${#snapshots[@]} -gt 0 ]]; then
    first=$(find "$corpus" -mindepth 1 -maxdepth 1 -type d | sort | head -1)
    bytes=$(find "$first" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}')
    gens=(--generations "$(find "$corpus" -mindepth 1 -maxdepth 1 -type d | wc -l)")
  fi
  for x in 1 8; do
    rm -rf "$out/mimic-${x}x"
    java -jar "$J" generate --payload "mimic:$out/profile.json" --size "$((bytes * x))B" "${gens[@]}" \
      --out "$out/mimic-${x}x" 2>&1 | tail -1
  done
  for d in corpus mimic-1x mimic-8x; do
    dir=$corpus; [[ $d == corpus ]] || dir=$out/$d
    java -jar "$J" analyze "$dir" --codecs "${snapshots[@]}" --json > "$out/$d.analysis.json"
  done
  if [[ ${DEDUP_FIDELITY_LAB:-$([[ ${#snapshots[@]} -gt 0 ]] && echo 0 || echo 1)} != 0 ]]; then
    dirs="dir:$corpus,dir:$out/mimic-1x,dir:$out/mimic-8x"
    lab=(-p grade=U0 -i 1 -wi 0 -jvmArgsAppend "-Ddedup.warmUpMaxLoads=0 -Xmx8g")
    java -jar "$J" DirCorpus.bulk -p payload="$dirs" -p system=postgresql,mariadb:page_zlib "${lab[@]}" \
      -rff "$out/edr-plain.json" > "$out/edr-plain.log"
    java -jar "$J" DirCorpus.bulk -p payload="$dirs" -p system=redis -p layout=cdc "${lab[@]}" \
      -rff "$out/edr-redis.json" > "$out/edr-redis.log"
  fi
fi
python3 - "$corpus" "$out" <<'PY'
import json, os, sys
corpus, out = sys.argv[1], sys.argv[2]
names = {"corpus": corpus, "mimic-1x": os.path.join(out, "mimic-1x"), "mimic-8x": os.path.join(out, "mimic-8x")}

def sizes(root):
    s = []
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            if os.path.isfile(p) and not os.path.islink(p) and not (d == root and f == "manifest.json" and root != corpus):
                s.append(os.path.getsize(p))
    return sorted(s)

def q(s, p):
    return s[min(len(s) - 1, int(p / 100 * len(s)))] if s else float("nan")

rows = []  # (label, corpus, 1x, 8x, tolerance)
sz = {k: sizes(v) for k, v in names.items()}
rows.append(("files", *(len(sz[k]) for k in names), None))
for p in (10, 50, 90, 99):
    rows.append((f"size p{p} (bytes)", *(q(sz[k], p) for k in names), 0.10))
an = {k: json.load(open(os.path.join(out, k + ".analysis.json"))) for k in names}
for key, label, tol in (("fileDedupRatio", "file dedup", 0.10), ("block4kDedupRatio", "4 KiB block dedup", 0.10),
                        ("cdcDedupRatio", "FastCDC dedup", 0.10), ("zstdRatio", "zstd-3 per file", 0.10),
                        ("fileZstdRatio", "file dedup + zstd-3", 0.10), ("cdcZstdRatio", "FastCDC + zstd-3", 0.10),
                        ("deflate6Ratio", "deflate-6 per file", 0.15), ("lz4Ratio", "lz4 per file", 0.15)):
    rows.append((label, *(an[k][key] for k in names), tol))

def edrs(path):
    found = {}
    if not os.path.exists(path):
        return found
    for b in json.load(open(path)):
        p = b["params"]
        sec = b["secondaryMetrics"]
        logical = sec.get("logicalBytes", {}).get("score")
        phys = sec.get("physicalDeltaBytes", {}).get("score")
        edr = logical / phys if logical and phys and phys == phys and phys > 0 else float("nan")
        d = p.get("dir", "")
        which = "corpus" if d == corpus else os.path.basename(d.rstrip("/"))
        found[(p["system"], p.get("layout", "plain"), which)] = edr
    return found

for kind, label in (("newChunkBytes", "FastCDC"), ("newWholeFileBytes", "whole-file")):
    series = {k: an[k].get("generations", []) for k in names}
    for g in range(1, len(series["corpus"])):  # generation 1 is all new: nothing to compare
        share = lambda k: (series[k][g][kind] / series[k][g]["logicalBytes"]) if g < len(series[k]) else float("nan")
        rows.append((f"g{g + 1} new {label} share", *(share(k) for k in names), 0.10))

e = {**edrs(os.path.join(out, "edr-plain.json")), **edrs(os.path.join(out, "edr-redis.json"))}
for system, layout, label in (("postgresql", "plain", "EDR postgresql plain (pglz)"),
                              ("mariadb:page_zlib", "plain", "EDR mariadb:page_zlib"), ("redis", "cdc", "EDR redis cdc")):
    if any(k[0] == system for k in e):
        rows.append((label, *(e.get((system, layout, k), float("nan")) for k in names), 0.15))

def fmt(v):
    if isinstance(v, int):
        return f"{v:d}"
    return f"{v:.3f}" if v < 100 else f"{v:.0f}"

print(f"corpus: {corpus}")
print(f"{'':28} {'corpus':>10} {'mimic 1x':>10} {'diff':>7} {'mimic 8x':>10} {'diff':>7}  target")
missed = []
for label, c, m1, m8, tol in rows:
    def diff(m):
        return (m / c - 1) if c and c == c and m == m else float("nan")
    d1, d8 = diff(m1), diff(m8)
    if tol is None:
        verdict = ""
    else:
        ok = all(abs(d) <= tol for d in (d1, d8) if d == d) and d1 == d1
        verdict = f"+-{tol:.0%} " + ("ok" if ok else "MISSED")
        if not ok:
            missed.append(label)
    print(f"{label:28} {fmt(c):>10} {fmt(m1):>10} {d1:+7.1%} {fmt(m8):>10} {d8:+7.1%}  {verdict}")
print("missed: " + (", ".join(missed) if missed else "none"))
PY
