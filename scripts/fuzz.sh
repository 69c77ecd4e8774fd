#!/usr/bin/env bash
# Fuzzes what a client sends to the server for a bounded time: the line reader and the session
# state machine, each against its model (tests/fuzz/). Builds the libFuzzer targets with clang,
# AddressSanitizer and UndefinedBehaviorSanitizer in build-fuzz/ (not the normal build), then
# runs each for SECONDS.
#   scripts/fuzz.sh SECONDS [fuzz_line_reader|fuzz_session ...]
# An input that fails is copied to tests/fuzz/corpus/<target>/ (crash-*, timeout-*, leak-*),
# where tst_fuzz_replay checks it on every test run: keep it there once the bug is fixed.
# Exit status: 0 nothing found, 1 something found, 2 usage or build error.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${PRODCONS_FUZZ_BUILD_DIR:-$here/build-fuzz}
seconds=${1:-}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: scripts/fuzz.sh SECONDS [fuzz_line_reader|fuzz_session ...]" >&2
    exit 2
fi
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_line_reader fuzz_session)

if ! command -v clang++ >/dev/null; then
    echo "fuzz.sh: clang++ is needed (apt-get install clang libclang-rt-14-dev)" >&2
    exit 2
fi
echo "fuzz.sh: building ${targets[*]} in $build" >&2
CC=clang CXX=clang++ cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPRODCONS_BUILD_FUZZ=ON -DPRODCONS_SANITIZE=address \
    -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" >/dev/null ||
    { echo "fuzz.sh: configuring failed (libclang-rt-14-dev missing?)" >&2; exit 2; }
cmake --build "$build" --target "${targets[@]}" --parallel 2 >/dev/null ||
    { echo "fuzz.sh: building failed" >&2; exit 2; }

found=0
for target in "${targets[@]}"; do
    name=${target#fuzz_}
    seeds=$here/tests/fuzz/corpus/$name
    work=$build/fuzz-work/$name
    mkdir -p "$work/corpus" "$work/artifacts"
    cp -n "$seeds"/* "$work/corpus/" 2>/dev/null || true
    options=(-max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
             -artifact_prefix="$work/artifacts/")
    [ "$name" = session ] && options+=(-dict="$here/tests/fuzz/session.dict")
    prefix=/pcfuzz$$
    echo "fuzz.sh: $target for $seconds s" >&2
    status=0
    PRODCONS_FUZZ_PREFIX=$prefix "$build/bin/$target" "${options[@]}" "$work/corpus" \
        > "$work/log.txt" 2>&1 || status=$?
    if [ "$name" = session ]; then # what a crashed run left under its prefix
        PRODCONS_FUZZ_CLEANUP=1 PRODCONS_FUZZ_PREFIX=$prefix "$build/bin/$target" >/dev/null 2>&1 || true
    fi
    grep -E "^(stat::|Done|#[0-9]+.*DONE)" "$work/log.txt" | sed "s/^/  $target: /" >&2 || true
    for artifact in "$work"/artifacts/*; do
        [ -e "$artifact" ] || continue
        found=1
        cp "$artifact" "$seeds/"
        echo "fuzz.sh: $target found $(basename "$artifact"); copied to $seeds/" >&2
        grep -E "^(line reader|session):|ERROR: |SUMMARY" "$work/log.txt" | head -5 >&2 || true
        rm -f "$artifact"
    done
    if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then
        echo "fuzz.sh: $target ended with status $status; see $work/log.txt" >&2
        found=1
    fi
done
exit "$found"
