#!/usr/bin/env bash
# How a store grows, fragments and frees space as generations arrive and expire (issue 30, point 7):
# versioned_doc U0 and a snapshot corpus (git archive of every 10th of the last 110 commits of this
# repository, without its results/ directory: 11 snapshots) loaded as 10 generations, the 5 newest kept, on every system
# with an endpoint (the embedded servers here), plain / cas / cdc, bulk. Prints, per series, the
# footprint and cumulative EDR after each generation, the restores of the newest and oldest
# generation and their storage units per MB, and the retention figures; then the checks (exit 1 when
# one fails):
#   1. cdc's cumulative EDR grows with the generations: higher half-way than after generation 1, and
#      higher after the last than half-way (a one-generation dip where the analyzer's own ratio does not
#      dip is printed: new content that compresses worse lowers a compressing store's ratio for a while);
#   2. each layout's growth in the second half of the series is within 15 % of the analyzer's prediction
#      plus its measured per-file overhead: bytes per predicted unique byte (k) and per file (o: each file
#      of a generation costs a reference or recipe of its own in cas and cdc) are fitted (least squares)
#      on generations 2 to half-way (generation 1 carries each system's fixed start; plain: o = 0, since a
#      plain file is its own content), and Σ growth of the rest is held to Σ (k x predicted(g) + o x
#      files(g)), give or take the system's allocation unit at each end (PostgreSQL 8 KiB pages; InnoDB
#      4 MiB, what a file-per-table tablespace grows by at once past 32 extents);
#   3. every generation restored and kept read back byte for byte (the forks check SHA-256 and fail
#      otherwise: no FAILED benchmark);
#   4. after expiry and full reclamation at least 90 % of the expected bytes came back, on every system.
# Usage: scripts/acceptance-generations.sh [datasetMiB, default 16] [measured series, default 3]
#        scripts/acceptance-generations.sh --evaluate DIR     (evaluate the results a run left in DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
J=${DEDUP_JAR:-benchmarks/target/benchmarks.jar}
if [[ ${1:-} == --evaluate ]]; then
  out=${2:?--evaluate needs the directory a run printed}
else
  [[ -f $J ]] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
  size=${1:-16}
  series=${2:-3}
  out=$(mktemp -d)
  echo "datasets of $size MiB, $series series each; JSON, logs, corpus and report in $out"
  corpus=$out/corpus
  mkdir -p "$corpus"
  i=0
  for sha in $(git log --format=%H -n 110 | awk 'NR % 10 == 1' | tac); do
    i=$((i + 1))
    snap=$corpus/$(printf '%02d' $i)-${sha:0:8}
    mkdir -p "$snap"
    git archive "$sha" | tar -x -C "$snap"
    rm -rf "$snap/results" # result files and charts: sources, docs and scripts stay
  done
  common=(-p layout=plain,cas,cdc -p generations=10 -p keep=5 -i "$series")
  java -jar "$J" VersionedDoc.bulk -p grade=U0 -p datasetMiB="$size" "${common[@]}" \
    -rff "$out/versioned_doc.json" > "$out/versioned_doc.log" 2>&1 || true
  java -jar "$J" DirCorpus.bulk -p payload=dir:"$corpus" -p grade=U0 "${common[@]}" \
    -rff "$out/corpus.json" > "$out/corpus.log" 2>&1 || true
  java -jar "$J" report "$out/versioned_doc.json" "$out/corpus.json" --out "$out/report.html" > /dev/null
fi
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
ok = True
def check(what, good, why=""):
    global ok
    ok &= good
    print(f"  {'ok' if good else 'FAILED'}: {what}{'' if good or not why else ' (' + why + ')'}")
G = "\u00b7generation."
def figure(s, label):
    m = s.get(label)
    return m["score"] if m and isinstance(m["score"], (int, float)) else float("nan")
for name in ("versioned_doc", "corpus"):
    path = f"{out}/{name}.json"
    failures = f"{out}/{name}.failures.log"
    print(f"\n{name}")
    if os.path.exists(failures) and os.path.getsize(failures) > 0:
        check(f"{name}: no benchmark failed", False, open(failures).read().splitlines()[0])
    if not os.path.exists(path):
        check(f"{name}: a result", False, "no result file; see the log")
        continue
    for b in json.load(open(path)):
        p, s = b["params"], b["secondaryMetrics"]
        sysname, layout = p["system"], p["layout"]
        gens = sorted({int(k[len(G):].split(".")[0]) for k in s if k.startswith(G)})
        at = lambda g, key: figure(s, f"{G}{g:02d}.{key}")
        pred_key = {"plain": "logicalBytes", "cas": "newWholeFileBytes", "cdc": "newChunkBytes"}[layout]
        print(f"  {sysname} {layout}: gen physical MB / cum. EDR / restore units per MB")
        print("    " + "  ".join(f"{g}:{at(g, 'physicalBytes') / 1e6:.2f}/{at(g, 'edr'):.2f}/{at(g, 'unitsPerMB'):.1f}"
                               for g in gens))
        r = lambda k: figure(s, "\u00b7retention." + k)
        print(f"    retention MB: expected {r('expectedFreedBytes') / 1e6:.2f}, after expiry {r('freedAfterExpiryBytes') / 1e6:.2f},"
              f" routine {r('freedAfterRoutineBytes') / 1e6:.2f}, full {r('freedAfterFullBytes') / 1e6:.2f};"
              f" next generation added {r('nextDeltaBytes') / 1e6:.2f}")
        if layout == "cdc":
            edr = [at(g, "edr") for g in gens]
            # the analyzer's own cumulative FastCDC ratio: where a generation brings more new chunks than
            # the ones before on average (a corpus's big commit), the ideal falls too, and so may the store's
            logical, unique, ideal = 0.0, 0.0, []
            for g in gens:
                logical += at(g, "logicalBytes")
                unique += at(g, "newChunkBytes")
                ideal.append(logical / unique)
            # grows with the generations: higher after the last than half-way, and half-way than after the
            # first; a dip at one generation where the ideal does not dip is printed (new content that
            # compresses worse than the average can lower a compressing store's ratio for a generation)
            mid = len(edr) // 2
            dips = [g for g, a, b, ia, ib in zip(gens[1:], edr, edr[1:], ideal, ideal[1:])
                    if b < a * 0.99 and ib >= ia]
            check(f"{name} {sysname} cdc cumulative EDR grows: {edr[0]:.2f} -> {edr[mid]:.2f} -> {edr[-1]:.2f}"
                  f" (ideal {ideal[0]:.2f} -> {ideal[mid]:.2f} -> {ideal[-1]:.2f})"
                  + (f"; dips by more than 1 % at generation {dips} where the ideal does not" if dips else ""),
                  edr[0] < edr[mid] < edr[-1])
        # growth model fitted on the first half of the series from generation 2 (generation 1 carries each
        # system's fixed start: a table's first pages, InnoDB's first extents), held to the second half:
        # delta = k x predicted + o x files (plain: o = 0, a plain file is its own content)
        d = {g: at(g, "physicalDeltaBytes") for g in gens}
        pr = {g: at(g, pred_key) for g in gens}
        f = {g: at(g, "files") for g in gens}
        half = max(3, (len(gens) + 1) // 2)
        fit, test = [g for g in gens if 2 <= g <= half], [g for g in gens if g > half]
        k, o = float("nan"), 0.0
        if layout == "plain" and fit:
            k = sum(d[g] for g in fit) / sum(pr[g] for g in fit)
        elif len(fit) >= 2:
            spp = sum(pr[g] ** 2 for g in fit); sff = sum(f[g] ** 2 for g in fit)
            spf = sum(pr[g] * f[g] for g in fit)
            sdp = sum(d[g] * pr[g] for g in fit); sdf = sum(d[g] * f[g] for g in fit)
            det = spp * sff - spf ** 2
            if det != 0:
                k, o = (sdp * sff - sdf * spf) / det, (spp * sdf - spf * sdp) / det
        if test and k == k:
            model = sum(k * pr[g] + o * f[g] for g in test)
            actual = sum(d[g] for g in test)
            # an allocated footprint is known to its allocation unit at each end of a span (PostgreSQL: an
            # 8 KiB page; InnoDB: the 4 MiB a file-per-table tablespace past 32 extents grows by at once)
            unit = {"postgresql": 8192, "mariadb": 4 << 20}.get(sysname.split(":")[0], 0)
            off = (actual - model) / model if model else float("nan")
            check(f"{name} {sysname} {layout} growth of generations {test[0]}..{test[-1]}: {actual / 1e6:.2f} MB against"
                  f" {model / 1e6:.2f} predicted (k {k:.2f} bytes per predicted byte, o {o:.0f} bytes per file, fitted on"
                  f" {fit[0]}..{fit[-1]}; {off * 100:+.1f} %{f', allocation unit {unit / 1e6:.2f} MB' if unit else ''})",
                  abs(actual - model) <= 0.15 * model + 2 * unit)
        expected = r("expectedFreedBytes")
        freed = max(r("freedAfterExpiryBytes"), r("freedAfterRoutineBytes"), r("freedAfterFullBytes"))
        check(f"{name} {sysname} {layout} reclaimed {freed / 1e6:.2f} of {expected / 1e6:.2f} MB expected",
              freed >= 0.9 * expected)
print("\nall checks passed" if ok else "\nSOME CHECKS FAILED")
sys.exit(0 if ok else 1)
PY
