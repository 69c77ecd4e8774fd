#!/usr/bin/env bash
# The README's screenshots, made under Xvfb (what "./run screenshots" calls):
#   docs/images/demo-shm-1366x768.png      scripts/screenshot-demo.sh: the demo on a projector
#   docs/images/demo-shm-1920x1080.png,    the demo on a laptop's screen
#   docs/images/demo-mq-1920x1080.png
#   docs/images/server-window.png          scripts/screenshot-server-window.sh
#   docs/images/teaching-*.png             scripts/screenshot-teaching.sh: docs/TEACHING.md
#
#   scripts/screenshots.sh BUILD_DIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:?usage: $0 BUILD_DIR}

PRODCONS_SHOT_WIDTH=1366 PRODCONS_SHOT_HEIGHT=768 PRODCONS_SHOT_MODES=shm \
    "$here/screenshot-demo.sh" "$build"
PRODCONS_SHOT_WIDTH=1920 PRODCONS_SHOT_HEIGHT=1080 PRODCONS_SHOT_MODES="shm mq" \
    "$here/screenshot-demo.sh" "$build"
if [ -x "$here/screenshot-server-window.sh" ]; then
    "$here/screenshot-server-window.sh" "$build"
fi
"$here/screenshot-teaching.sh" "$build"
