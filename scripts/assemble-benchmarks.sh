#!/usr/bin/env bash
# assemble-benchmarks.sh — print BENCHMARKS.md from bench/results/*.md, headed
# by the machine the numbers come from. Each section names its own command.
set -euo pipefail
cd "$(dirname "$0")/.."
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
cat <<HDR
# sohoa benchmarks

Produced by \`make bench\` (scripts/bench.sh runs every bench/*.sh driver and
assembles this file from bench/results/). One driver alone:
\`scripts/bench.sh build/sohoa ../shared NAME\`. Every peer or baseline in a
table was measured in the same run as sohoa, on the same machine.

Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB RAM, $(uname -sr).

HDR
order=(encodings restore restore-speed segment store ocr ingest)
done_list=" "
for n in "${order[@]}"; do
  f=bench/results/$n.md
  [ -f "$f" ] || continue
  cat "$f"; echo; done_list+="$n "
done
for f in bench/results/*.md; do
  [ -f "$f" ] || continue
  n=$(basename "$f" .md)
  case "$done_list" in *" $n "*) continue ;; esac
  cat "$f"; echo
done
