#!/usr/bin/env bash
# bench.sh SOHOA SHARED [NAME...] — run the benchmark drivers bench/NAME.sh
# (all of them by default), save each one's Markdown to bench/results/NAME.md,
# then rewrite BENCHMARKS.md from every saved result, headed by the machine
# and the command. Each driver measures its peers and baselines in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
sohoa=$(realpath "${1:?usage: bench.sh SOHOA SHARED [NAME...]}")
shared=${2:?usage: bench.sh SOHOA SHARED [NAME...]}
shift 2
if [ ! -d "$shared" ]; then
  echo "bench: $shared is absent: the benchmarks measure on ../shared (seeds, eval sets)" >&2
  exit 2
fi
shared=$(realpath "$shared")
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in bench/*.sh; do names+=("$(basename "$f" .sh)"); done
fi
mkdir -p bench/results
for n in "${names[@]}"; do
  [ -f "bench/$n.sh" ] || { echo "bench: no driver bench/$n.sh" >&2; exit 2; }
  echo "bench: running $n ..." >&2
  if bash "bench/$n.sh" "$sohoa" "$shared" > "bench/results/$n.md.tmp"; then
    mv "bench/results/$n.md.tmp" "bench/results/$n.md"
  else
    echo "bench: $n failed; its previous result is kept" >&2
    rm -f "bench/results/$n.md.tmp"
  fi
done
scripts/assemble-benchmarks.sh > BENCHMARKS.md.tmp && mv BENCHMARKS.md.tmp BENCHMARKS.md
echo "bench: BENCHMARKS.md rewritten" >&2
