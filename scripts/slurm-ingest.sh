#!/usr/bin/env bash
# slurm-ingest.sh — one shard of a sharded `sohoa ingest`, as a task of a
# Slurm array job. Each task takes the files of LIST whose content hash falls
# in its shard, ingests them into a database on the node's local disk
# (SQLite's WAL is unsafe on network file systems), and copies the finished
# database and its JSON summary to OUTDIR (shared), atomically. A requeued
# or re-run task starts from its last copied database and does only what is
# missing. When every task is done, merge:
#
#   sbatch --array=0-7 scripts/slurm-ingest.sh files.txt /shared/shards
#   sohoa merge --db archive.db /shared/shards/shard-*-of-8.db
#
# (or chain it: sbatch --dependency=afterok:JOBID --wrap "sohoa merge ...").
# LIST holds one path a line, readable on every node. The shard count is the
# array's size (SLURM_ARRAY_TASK_COUNT); SHARDS overrides it. SOHOA names the
# binary (default: sohoa on PATH); SOHOA_ARGS adds options (e.g. -j 4 is
# taken from SLURM_CPUS_PER_TASK when set).
#SBATCH --job-name=sohoa-ingest
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=24:00:00
#SBATCH --output=sohoa-ingest-%A_%a.log
set -euo pipefail

list=${1:?usage: slurm-ingest.sh LIST OUTDIR}
outdir=${2:?usage: slurm-ingest.sh LIST OUTDIR}
sohoa=${SOHOA:-sohoa}
index=${SLURM_ARRAY_TASK_ID:?not a Slurm array task (SLURM_ARRAY_TASK_ID is unset)}
count=${SHARDS:-${SLURM_ARRAY_TASK_COUNT:?set SHARDS or submit with sbatch --array}}
jobs=${SLURM_CPUS_PER_TASK:-$(nproc)}

name=shard-$index-of-$count
scratch=${SLURM_TMPDIR:-${TMPDIR:-/tmp}}/sohoa-$name
mkdir -p "$scratch" "$outdir"
db=$scratch/$name.db
# resume from the copy of an earlier attempt, if any
if [ -f "$outdir/$name.db" ] && [ ! -f "$db" ]; then
    cp "$outdir/$name.db" "$db.part" && mv "$db.part" "$db"
fi

status=0
# shellcheck disable=SC2086
"$sohoa" ingest --db "$db" --shard "$index/$count" -j "$jobs" --quiet \
    --list "$list" --json-summary "$scratch/$name.json" ${SOHOA_ARGS:-} || status=$?
if [ "$status" -ge 2 ]; then
    echo "slurm-ingest: shard $index/$count failed (exit $status)" >&2
    exit "$status"
fi
# publish atomically: a reader of OUTDIR never sees a half-copied database
cp "$db" "$outdir/$name.db.part" && mv "$outdir/$name.db.part" "$outdir/$name.db"
cp "$scratch/$name.json" "$outdir/$name.json.part" && mv "$outdir/$name.json.part" "$outdir/$name.json"
echo "slurm-ingest: shard $index/$count done (exit $status; failures are listed by sohoa failures --db $outdir/$name.db)" >&2
exit 0
