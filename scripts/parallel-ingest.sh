#!/usr/bin/env bash
# parallel-ingest.sh — a sharded `sohoa ingest` over ssh hosts with GNU
# parallel, then the merge. For a few machines without a scheduler.
#
#   scripts/parallel-ingest.sh HOSTS LIST OUTDIR N [ARCHIVE.db]
#
# HOSTS is a GNU parallel --sshloginfile ("user@host" a line). Every host
# needs sohoa installed, and LIST and the paths in it readable at the same
# place (e.g. a read-only NFS mount of the archive). Shard I of N runs on some host
# into a database on that host's local disk (/tmp), which parallel returns to
# OUTDIR (--return) and removes there (--cleanup). Re-running the command
# after a failure redoes only the shards whose database is missing. Finally
# the shards are merged into ARCHIVE.db (default OUTDIR/archive.db).
#
#   scripts/parallel-ingest.sh --one I N LIST DIR
# runs one shard locally into DIR/shard-I-of-N.db: what each host runs.
# SOHOA names the binary (default: sohoa on PATH), SOHOA_ARGS adds options.
set -euo pipefail

one() { # I N LIST DIR
    local i=$1 n=$2 list=$3 dir=$4 status=0
    local name=shard-$i-of-$n
    mkdir -p "$dir"
    "${SOHOA:-sohoa}" ingest --db "$dir/$name.db" --shard "$i/$n" --quiet \
        --list "$list" --json-summary "$dir/$name.json" ${SOHOA_ARGS:-} || status=$?
    [ "$status" -le 1 ] # 1 = some files failed: recorded in the shard, not fatal
}

if [ "${1:-}" = "--one" ]; then
    shift
    one "$@"
    exit
fi

hosts=${1:?usage: parallel-ingest.sh HOSTS LIST OUTDIR N [ARCHIVE.db]}
list=${2:?usage: parallel-ingest.sh HOSTS LIST OUTDIR N [ARCHIVE.db]}
outdir=${3:?usage: parallel-ingest.sh HOSTS LIST OUTDIR N [ARCHIVE.db]}
n=${4:?usage: parallel-ingest.sh HOSTS LIST OUTDIR N [ARCHIVE.db]}
archive=${5:-$outdir/archive.db}
command -v parallel >/dev/null || { echo "parallel-ingest: GNU parallel is not installed" >&2; exit 2; }
mkdir -p "$outdir"
self=$(readlink -f "$0")

# the shards still to do (their database is not in OUTDIR yet)
todo=()
for ((i = 0; i < n; i++)); do
    [ -f "$outdir/shard-$i-of-$n.db" ] || todo+=("$i")
done
if [ ${#todo[@]} -gt 0 ]; then
    cd "$outdir"
    printf '%s\n' "${todo[@]}" |
        parallel --sshloginfile "$hosts" --jobs 1 --basefile "$self" \
            --return "shard-{}-of-$n.db" --return "shard-{}-of-$n.json" --cleanup \
            --workdir /tmp --halt soon,fail=1 \
            "bash $self --one {} $n $(readlink -f "$list") ."
fi
"${SOHOA:-sohoa}" merge --db "$archive" "$outdir"/shard-*-of-"$n".db
