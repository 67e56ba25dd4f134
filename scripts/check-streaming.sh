#!/usr/bin/env bash
# Checks that generation streams: a 4 GiB dataset is generated to disk by a JVM limited to a
# 256 MiB heap. Needs ~4.3 GB free in $TMPDIR (or the directory given as $1); removes it after.
# Usage: scripts/check-streaming.sh [WORKDIR] [PAYLOAD]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
[[ -f $jar ]] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
work=$(mktemp -d "${1:-${TMPDIR:-/tmp}}/dedup-lab-streaming.XXXXXX")
trap 'rm -rf "$work"' EXIT
payload=${2:-structured_json}
/usr/bin/time -f "peak RSS %M KiB, %e s" java -Xmx256m -jar "$jar" generate --payload "$payload" --grade U50 \
  --size 4GiB --seed 42 --out "$work/ds"
bytes=$(du -sb --exclude=manifest.json "$work/ds" | cut -f1)
echo "generated $bytes bytes with -Xmx256m"
(( bytes >= 4 * 1024 * 1024 * 1024 )) || { echo "FAIL: fewer than 4 GiB written" >&2; exit 1; }
echo "OK"
