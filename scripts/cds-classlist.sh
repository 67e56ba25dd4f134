#!/usr/bin/env bash
# Records the classes a real fork loads, for the forks' class-data sharing archive (ForkClassCache):
# one bulk and one perFile benchmark of every system with an embedded server, each fork run with
# -XX:DumpLoadedClassList, merged in first-seen order (JDK classes, lambda-form invokers, the lab,
# JMH and each client stack) into the resource the launcher dumps its archive from. Run it after a
# client library or the JDK changes; a class the list misses still loads from the jar, only slower.
# Usage: scripts/cds-classlist.sh   (build first: mvn -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
J=${DEDUP_JAR:-$PWD/benchmarks/target/benchmarks.jar}
[[ -f $J ]] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
out=benchmarks/src/main/resources/org/deduplab/cds/fork-classes.lst
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
systems=$(java -jar "$J" serve --help | tr -s '\n ' ' ' | sed -n 's/.*systems with an embedded server: *\([a-z0-9, ]*\).*/\1/p' | tr -d ' ')
for system in ${systems//,/ }; do
  for stage in bulk perFile; do
    # one fork per invocation: every fork writes the list anew
    java -Ddedup.cds=false -jar "$J" -p "system=$system" -p payload=structured_json -p grade=U0 -p datasetMiB=4 \
      -jvmArgsAppend "-XX:DumpLoadedClassList=$work/$system-$stage.lst" -rff "$work/$system-$stage.json" \
      "StructuredJson.$stage" > "$work/$system-$stage.log" 2>&1 || { tail -20 "$work/$system-$stage.log" >&2; exit 1; }
    echo "$system $stage: $(grep -vc '^#' "$work/$system-$stage.lst") classes"
  done
done
mkdir -p "$(dirname "$out")"
{ echo "# The classes a fork loads (scripts/cds-classlist.sh, $(java -version 2>&1 | head -1)): ForkClassCache dumps the forks' archive from it."
  cat "$work"/*.lst | grep -v '^#' | awk '!seen[$0]++'; } > "$out"
echo "$(grep -vc '^#' "$out") classes in $out"
