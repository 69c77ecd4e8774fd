#!/usr/bin/env bash
# Called by `./run bench`: runs every benchmark and writes docs/BENCHMARKS.md, the figures behind it
# (docs/BENCHMARKS.json) and the README's performance table.
set -euo pipefail
build=${1:?usage: run_all.sh BUILD_DIR [options]}
shift
command -v python3 >/dev/null || { echo "bench: python3 is needed (apt-get install python3)" >&2; exit 1; }
exec python3 "$(dirname "$0")/run_all.py" "$build" "$@"
