#!/usr/bin/env bash
# Byte-identity check for refactors (issue 13): run a claimgraph binary over the public
# corpus (when ../shared/corpus exists), the example bundle, the test fixtures and a
# generated benchmark corpus, at 1 and 2 threads, and either record the JSON reports
# (`record DIR`) or compare them with a recording (`compare DIR`).
#
#   scripts/same-output.sh record /tmp/ref   # before a refactoring step
#   scripts/same-output.sh compare /tmp/ref  # after it: silent and exit 0 when identical
#
# BIN defaults to target/quick/claimgraph (cargo build --profile quick).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:?record or compare}
dir=${2:?directory}
BIN=${BIN:-target/quick/claimgraph}
C=target/corpus-same
[ -d "$C/2M" ] || python3 scripts/gen-corpus.py --size 2M --docs 300 --seed 7 --out "$C/2M" >/dev/null
bundles=(examples/harbour-talks tests/fixtures/stories/* "$C/2M")
[ -d ../shared/corpus ] && bundles+=(../shared/corpus/*/)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for b in "${bundles[@]}"; do
  [ -d "$b" ] || continue
  name=$(echo "${b%/}" | tr '/.' '__')
  for t in 1 2; do
    RAYON_NUM_THREADS=$t "$BIN" check --format json "$b" > "$out/$name.t$t.json" 2> "$out/$name.t$t.err" || true
  done
  cmp -s "$out/$name.t1.json" "$out/$name.t2.json" || echo "threads differ: $b"
done
case $mode in
  record) rm -rf "$dir"; mkdir -p "$dir"; cp "$out"/* "$dir"/; echo "recorded $(ls "$dir" | wc -l) files in $dir" ;;
  compare)
    rc=0
    for f in "$out"/*.json; do
      cmp -s "$f" "$dir/$(basename "$f")" || { echo "differs: $(basename "$f")"; rc=1; }
    done
    exit $rc ;;
esac
