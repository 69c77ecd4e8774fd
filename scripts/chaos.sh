#!/usr/bin/env bash
# The long chaos run: four producers and four consumers on two servers of one mode, in phases
# (--phases, all by default): server children killed with SIGKILL at random (some while they
# hold the mutex) and one whole server killed and restarted (kill); children stopped with
# SIGSTOP for a while, then SIGCONT (stop); consumers that reset holding names while the
# producers run or are stopped (pause-reset); then back-to-back 1-to-1 sessions checked for
# order (sessions). Every name a producer got OK for must have been delivered.
#   scripts/chaos.sh SECONDS [shm|mq] [--phases kill,stop,pause-reset,sessions] [--rate N|max]
#                    [--kill-every MS] [--stop-every MS] [--pause-reset-every MS] [--sessions N]
#                    [--session-names N] [--seed N]
# Options after the mode go to prodcons_chaos as they are (prodcons_chaos --help).
# Without a mode it runs SHM, then MQ, SECONDS each. Prints the figures that docs/CHAOS.md
# records; exit status 0 only if nothing was lost or reordered and nothing wedged.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PRODCONS_BUILD_DIR:-$here/build}
seconds=${1:-}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: scripts/chaos.sh SECONDS [shm|mq] [--phases LIST] [--rate N|max]" \
        "[--kill-every MS] [--stop-every MS] [--pause-reset-every MS] [--sessions N]" \
        "[--session-names N] [--seed N]" >&2
    exit 2
fi
shift
modes=(shm mq)
if [ $# -gt 0 ] && [[ "$1" =~ ^(shm|mq)$ ]]; then
    modes=("$1")
    shift
fi

cmake -S "$here" -B "$build_dir" >/dev/null
cmake --build "$build_dir" --target prodcons_chaos socket_srv socket_cl --parallel 2 >/dev/null

status=0
for mode in "${modes[@]}"; do
    echo "chaos.sh: $mode for $seconds s" >&2
    "$build_dir/bin/prodcons_chaos" "$seconds" "$mode" "$@" || status=1
    echo
done
exit "$status"
