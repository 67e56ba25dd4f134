#!/usr/bin/env bash
# Speed bias of the default iteration settings (issue 19): runs the same benchmarks twice in one
# invocation, with the launcher's default iterations and with -wi 2 -i 6 (steady state), one after the
# other on the same machine, and prints per benchmark default MB/s ± error, steady MB/s ± error, their
# ratio and a verdict (within ±20 %: ok), then the median ratio (target: within ±10 %).
# --noise runs the default settings twice instead: the same table for two identical runs, the noise
# floor any default/steady verdict on this machine sits on.
# --coverage (issue 28) runs the same selection twice with the default settings and prints, per benchmark,
# both MB/s figures with their 95 % intervals (the lab's, from the measured iterations: docs/METRICS.md),
# whether each lies inside the other's interval, and the coverage: the share of those checks that hold
# (target: at least 90 %). --select 'JMH ARGS' replaces the selection, e.g. the restore example's:
#   --select "VersionedDoc VersionedDoc.restore -p system=postgresql,s3 -p grade=U0 -p layout=plain,cas,cdc"
# Usage: scripts/speed-bias.sh [--size-mib 32] [--systems postgresql,mariadb,redis,s3]
#                              [--payloads random_binary,structured_json] [--steady "-wi 2 -i 6" | --noise]
#                              [--coverage [--select 'JMH ARGS']]
set -euo pipefail
cd "$(dirname "$0")/.."
J=${DEDUP_JAR:-$PWD/benchmarks/target/benchmarks.jar}
[[ -f $J ]] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
mib=32; systems=postgresql,mariadb,redis,s3; payloads=random_binary,structured_json; steady="-wi 2 -i 6"
first=default; second=steady; coverage=0; select=""
while [[ $# -gt 0 ]]; do
  case $1 in
    --size-mib) mib=$2; shift 2 ;;
    --systems) systems=$2; shift 2 ;;
    --payloads) payloads=$2; shift 2 ;;
    --steady) steady=$2; shift 2 ;;
    --noise) steady=""; second=again; shift ;;
    --coverage) steady=""; second=again; coverage=1; shift ;;
    --select) select=$2; shift 2 ;;
    *) echo "unknown argument '$1'; valid: --size-mib N, --systems LIST, --payloads LIST, --steady 'JMH OPTIONS', --noise, --coverage, --select 'JMH ARGS'" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
if [[ -n $select ]]; then
  # shellcheck disable=SC2206
  common=($select -p "datasetMiB=$mib" -jvmArgsAppend "-Ddedup.datasets=$work/datasets")
else
  common=(-p "system=$systems" -p "payload=$payloads" -p grade=U0 -p "datasetMiB=$mib" -jvmArgsAppend "-Ddedup.datasets=$work/datasets")
fi
echo "default iterations: $work/default.log"
java -jar "$J" "${common[@]}" -rff "$work/default.json" > "$work/default.log" 2>&1 || { tail -20 "$work/default.log"; exit 1; }
echo "$second ($([[ $second == again ]] && echo 'default settings once more' || echo "$steady")): $work/steady.log"
# shellcheck disable=SC2086
java -jar "$J" "${common[@]}" $steady -rff "$work/steady.json" > "$work/steady.log" 2>&1 || { tail -20 "$work/steady.log"; exit 1; }
if [[ $coverage == 1 ]]; then
python3 - "$work/default.json" "$work/steady.json" <<'PY'
import json, math, sys
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
       11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093, 20: 2.086,
       25: 2.060, 30: 2.042}
def figure(samples):
    n = len(samples)
    mean = sum(samples) / n
    if n < 2:
        return mean, float("nan")
    sd = math.sqrt(sum((v - mean) ** 2 for v in samples) / (n - 1))
    df = n - 1
    t = T95.get(df) or T95[min((k for k in T95 if k >= df), default=30)]
    return mean, t * sd / math.sqrt(n)
def load(path):
    out = {}
    for b in json.load(open(path)):
        sec = b["secondaryMetrics"]
        m = sec.get("\u00b7storage.ingestMBps") or sec.get("\u00b7storage.restoreMBps")
        if m is None:
            continue
        p = b["params"]
        key = (p.get("system"), b["benchmark"].split(".")[-2], b["benchmark"].split(".")[-1], p.get("layout", "plain"), p.get("grade"))
        out[key] = figure([v for fork in m["rawData"] for v in fork])
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
print("MB = 10^6 bytes; each figure the mean of its measured iterations ± the 95 % Student-t half-width")
print("%-11s %-15s %-14s %-6s %-5s %20s %20s  %-9s %-9s" % ("system", "payload", "stage", "layout", "grade", "first MB/s", "second MB/s", "2nd in 1st", "1st in 2nd"))
inside = checks = wide = 0
for k in sorted(a):
    if k not in b:
        continue
    (am, ah), (bm, bh) = a[k], b[k]
    b_in_a = not math.isnan(ah) and abs(bm - am) <= ah
    a_in_b = not math.isnan(bh) and abs(am - bm) <= bh
    inside += b_in_a + a_in_b
    checks += 2
    wide += sum(1 for m, h in ((am, ah), (bm, bh)) if math.isnan(h) or h > 0.15 * m)
    print("%-11s %-15s %-14s %-6s %-5s %11.1f ± %6.1f %11.1f ± %6.1f  %-9s %-9s" % (k + (am, ah, bm, bh, "yes" if b_in_a else "NO", "yes" if a_in_b else "NO")))
def fsync(path):
    try:
        return json.load(open(path[:-len(".json")] + ".env.json"))["machine"]["fsyncMBps"]
    except Exception:
        return float("nan")
print("machine: fsync'd writes %.1f MB/s in the first run, %.1f in the second (beyond 3x apart, compare gates"
      " storage figures only)" % (fsync(sys.argv[1]), fsync(sys.argv[2])))
print("coverage: %d of %d checks inside (%.0f %%, target >= 90 %%: %s); %d of %d figures with a half-width above 15 %%"
      % (inside, checks, 100.0 * inside / max(1, checks), "ok" if inside >= 0.9 * checks else "BELOW", wide, checks))
PY
exit 0
fi
python3 - "$work/default.json" "$work/steady.json" "$first" "$second" <<'PY'
import json, statistics, sys
def load(path):
    out = {}
    for b in json.load(open(path)):
        m = b["secondaryMetrics"].get("\u00b7storage.ingestMBps")
        if m is None:
            continue
        cls = b["benchmark"].split(".")[-2]
        key = (b["params"]["system"], cls, b["benchmark"].split(".")[-1])
        err = m.get("scoreError")
        out[key] = (m["score"], err if isinstance(err, (int, float)) else float("nan"), len(b["primaryMetric"]["rawData"][0]))
    return out
d, s = load(sys.argv[1]), load(sys.argv[2])
a, b = sys.argv[3], sys.argv[4]
print("MB = 10^6 bytes; error = JMH's 99.9 % half-width (nan below 2 loads)")
print("%-11s %-15s %-8s %22s %22s %14s" % ("system", "payload", "stage", a + " MB/s (loads)", b + " MB/s (loads)", a + "/" + b))
ratios = []
for k in sorted(s, key=lambda k: (k[1], k[2], k[0])):
    if k not in d:
        continue
    (dm, de, dn), (sm, se, sn) = d[k], s[k]
    r = dm / sm
    ratios.append(r)
    verdict = "ok" if abs(r - 1) <= 0.20 else "OUTSIDE ±20%"
    print("%-11s %-15s %-8s %12.1f ± %5.1f (%d) %12.1f ± %5.1f (%d) %8.2fx  %s" % (k[0], k[1], k[2], dm, de, dn, sm, se, sn, r, verdict))
if ratios:
    med = statistics.median(ratios)
    outside = sum(1 for r in ratios if abs(r - 1) > 0.20)
    print("(%d benchmarks: %s/%s from %.2fx to %.2fx, median %.2fx: %s; %d outside ±20%%)" % (len(ratios), a, b, min(ratios), max(ratios), med,
          "ok" if abs(med - 1) <= 0.10 else "OUTSIDE ±10%", outside))
PY
