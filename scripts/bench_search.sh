#!/usr/bin/env bash
# What the search index costs and gives: `mosaic ingest` of a corpus with and without updating
# the index (ROUNDS fresh stores each, best and median wall time), then the index build and
# query latency on a store (`examples/search_bench.rs`).
#
#   bash scripts/bench_search.sh [CORPUS…]        # default: ../shared/corpus/seeds examples
#   STORE=big.db bash scripts/bench_search.sh     # latency on that store too
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROUNDS=${ROUNDS:-5}
corpus=("$@")
[ ${#corpus[@]} -eq 0 ] && corpus=(../shared/corpus/seeds examples)
cargo build --release -q -p mosaic-cli -p mosaic-search --example search_bench
bin=${CARGO_TARGET_DIR:-target}/release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
time_ingest() { # $1: on|off
    local times=()
    for i in $(seq "$ROUNDS"); do
        rm -rf "$tmp"/s.db*
        local t0 t1
        t0=$(date +%s.%N)
        MOSAIC_SEARCH_INDEX=$1 "$bin/mosaic" --db "$tmp/s.db" ingest "${corpus[@]}" -q > /dev/null
        t1=$(date +%s.%N)
        times+=("$(echo "$t1 - $t0" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "best %.3f s, median %.3f s\n", a[1], a[int((NR+1)/2)]}'
}
echo "ingest ${corpus[*]} ($ROUNDS rounds each)"
echo "  without the index: $(time_ingest off)"
echo "  with the index:    $(time_ingest on)"
if [ -n "${STORE:-}" ]; then
    "$bin/examples/search_bench" "$STORE"
fi
