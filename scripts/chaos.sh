#!/usr/bin/env bash
# The long chaos run: four producers and four consumers on two servers of one mode while server
# children are killed with SIGKILL at random (some while they hold the mutex) and one whole
# server is killed and restarted; then every name a producer got OK for must have been delivered.
#   scripts/chaos.sh SECONDS [shm|mq] [--rate N|max] [--kill-every MS] [--seed N]
# Without a mode it runs SHM, then MQ, SECONDS each. Prints the figures that docs/CHAOS.md
# records; exit status 0 only if nothing was lost and nothing wedged.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${PRODCONS_BUILD_DIR:-$here/build}
seconds=${1:-}
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: scripts/chaos.sh SECONDS [shm|mq] [--rate N|max] [--kill-every MS] [--seed N]" >&2
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
