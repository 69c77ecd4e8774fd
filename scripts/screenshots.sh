#!/usr/bin/env bash
# The README's screenshots, made under Xvfb (what "./run screenshots" calls):
#   docs/images/demo-shm.png, docs/images/demo-mq.png   scripts/screenshot-demo.sh
#   docs/images/server-window.png                       scripts/screenshot-server-window.sh
#
#   scripts/screenshots.sh BUILD_DIR
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:?usage: $0 BUILD_DIR}

"$here/screenshot-demo.sh" "$build"
if [ -x "$here/screenshot-server-window.sh" ]; then
    "$here/screenshot-server-window.sh" "$build"
fi
