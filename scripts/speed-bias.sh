#!/usr/bin/env bash
# Speed bias of the default iteration settings (issue 19): runs the same benchmarks twice in one
# invocation, with the launcher's default iterations and with -wi 2 -i 6 (steady state), one after the
# other on the same machine, and prints per benchmark default MB/s ± error, steady MB/s ± error, their
# ratio and a verdict (within ±20 %: ok), then the median ratio (target: within ±10 %).
# --noise runs the default settings twice instead: the same table for two identical runs, the noise
# floor any default/steady verdict on this machine sits on.
# Usage: scripts/speed-bias.sh [--size-mib 32] [--systems postgresql,mariadb,redis,s3]
#                              [--payloads random_binary,structured_json] [--steady "-wi 2 -i 6" | --noise]
set -euo pipefail
cd "$(dirname "$0")/.."
J=${DEDUP_JAR:-$PWD/benchmarks/target/benchmarks.jar}
[[ -f $J ]] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
mib=32; systems=postgresql,mariadb,redis,s3; payloads=random_binary,structured_json; steady="-wi 2 -i 6"
first=default; second=steady
while [[ $# -gt 0 ]]; do
  case $1 in
    --size-mib) mib=$2; shift 2 ;;
    --systems) systems=$2; shift 2 ;;
    --payloads) payloads=$2; shift 2 ;;
    --steady) steady=$2; shift 2 ;;
    --noise) steady=""; second=again; shift ;;
    *) echo "unknown argument '$1'; valid: --size-mib N, --systems LIST, --payloads LIST, --steady 'JMH OPTIONS', --noise" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
common=(-p "system=$systems" -p "payload=$payloads" -p grade=U0 -p "datasetMiB=$mib" -jvmArgsAppend "-Ddedup.datasets=$work/datasets")
echo "default iterations: $work/default.log"
java -jar "$J" "${common[@]}" -rff "$work/default.json" > "$work/default.log" 2>&1 || { tail -20 "$work/default.log"; exit 1; }
echo "$second ($([[ $second == again ]] && echo 'default settings once more' || echo "$steady")): $work/steady.log"
# shellcheck disable=SC2086
java -jar "$J" "${common[@]}" $steady -rff "$work/steady.json" > "$work/steady.log" 2>&1 || { tail -20 "$work/steady.log"; exit 1; }
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
