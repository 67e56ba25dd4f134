#!/usr/bin/env bash
# Native-loader anchor (README "Performance"): loads the same dataset into the same servers with each
# system's own tool and with the lab's bulk stage, in one run, and prints lab MB/s / native MB/s.
#   PostgreSQL  psql \copy ... (format binary)          (Debian postgresql-client)
#   MariaDB     LOAD DATA LOCAL INFILE                  (Debian mariadb-client)
#   Redis       redis-cli --pipe                        (Debian redis-tools)
#   S3          aws s3 cp --recursive, 10 in parallel   (Debian awscli, or any aws on PATH)
# The servers are the lab's embedded ones, started once by `benchmarks.jar serve` and used by both
# sides (the lab in external mode). Target: lab >= 0.8x native for each system.
# Each side's MB/s is the mean of --repeat loads (the lab: --repeat samples of whole loads) with its 95 % Student-t interval (a Redis load of 32 MiB
# takes under 0.1 s, so a few loads say little: the default is 10).
# Usage: scripts/perf-native.sh [--payloads random_binary,structured_json] [--systems postgresql,mariadb,redis,s3]
#                               [--size-mib 32] [--repeat 10]
set -euo pipefail
cd "$(dirname "$0")/.."
J=$PWD/benchmarks/target/benchmarks.jar
[[ -f $J ]] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
payloads=random_binary,structured_json; mib=32; repeat=10; systems=postgresql,mariadb,redis,s3
while [[ $# -gt 0 ]]; do
  case $1 in
    --payloads) payloads=$2; shift 2 ;;
    --size-mib) mib=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --systems) systems=$2; shift 2 ;;
    *) echo "unknown argument '$1'; valid: --payloads LIST, --systems LIST, --size-mib N, --repeat N" >&2; exit 2 ;;
  esac
done

need=()
has() { [[ ,$systems, == *,$1,* ]]; }
has postgresql && { command -v psql >/dev/null || need+=(postgresql-client); }
has mariadb && { command -v mariadb >/dev/null || need+=(mariadb-client); }
has redis && { command -v redis-cli >/dev/null || need+=(redis-tools); }
has s3 && { [[ -x /usr/bin/aws ]] || need+=(awscli); }
if [[ ${#need[@]} -gt 0 ]]; then
  echo "installing ${need[*]}"
  SUDO=""; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

export AWS_CLI=/usr/bin/aws   # Debian's awscli
work=$(mktemp -d)
serve_pid=""
cleanup() {
  # the server ends by our SIGTERM (status 143), which is not the script's result
  if [[ -n $serve_pid ]]; then kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null || true; fi
  rm -rf "$work/native"
}
trap cleanup EXIT
java -jar "$J" serve --systems $systems --env-file "$work/servers.env" > "$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 120); do [[ -f $work/servers.env ]] && break; kill -0 $serve_pid 2>/dev/null || break; sleep 0.5; done
[[ -f $work/servers.env ]] || { echo "servers did not start:"; cat "$work/serve.log"; exit 1; }
set -a; . "$work/servers.env"; set +a

mkdir -p "$work/native"
echo "MB = 10^6 bytes; native: mean of $repeat loads, lab: mean of $repeat samples (whole loads for >= 750 ms each); ± 95 % interval (Student t), range in brackets"
echo "payload          system      native MB/s                      lab bulk MB/s                    lab/native"
for payload in ${payloads//,/ }; do
  data=$work/data/$payload
  java -jar "$J" generate --payload "$payload" --grade U0 --size "${mib}MiB" --out "$data" > /dev/null
  # the lab's bulk stage on the same servers, 1 warm-up and $repeat measured loads
  java -jar "$J" "bulk" -p payload="$payload" -p system=$systems -p grade=U0 -p datasetMiB="$mib" \
       -wi 1 -i "$repeat" -rff "$work/lab-$payload.json" > "$work/lab-$payload.log" 2>&1 \
    || { echo "lab run failed: $work/lab-$payload.log"; exit 1; }
  for system in ${systems//,/ }; do
    python3 scripts/native_load.py "$system" "$data" "$work/native" --repeat "$repeat" > "$work/native-$payload-$system.json"
  done
  python3 - "$payload" "$work" "$systems" <<'PY'
import json, math, statistics, sys
T95 = {1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
       11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 19: 2.093, 24: 2.064, 29: 2.045}
def half(xs):
    n = len(xs)
    return T95.get(n - 1, 1.96) * statistics.stdev(xs) / math.sqrt(n) if n > 1 else float("nan")
payload, work, systems = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
lab = {r["params"]["system"]: r["secondaryMetrics"]["\u00b7storage.ingestMBps"]["rawData"][0]
       for r in json.load(open(f"{work}/lab-{payload}.json"))}
for s in systems:
    native = json.load(open(f"{work}/native-{payload}-{s}.json"))["mbps"]
    n, l = statistics.mean(native), statistics.mean(lab[s])
    spread = lambda xs: f"{statistics.mean(xs):7.1f} ± {half(xs):5.1f} ({min(xs):.0f}-{max(xs):.0f})"
    print(f"{payload:16} {s:10} {spread(native):32} {spread(lab[s]):32} {l / n:5.2f}x  target >= 0.8: "
          + ("ok" if l / n >= 0.8 else "BELOW"))
PY
done
echo "logs and files: $work"
