#!/usr/bin/env bash
# Makes docs/images/demo-shm-WxH.png and docs/images/demo-mq-WxH.png: the demo (scripts/demo.sh)
# laid out for a screen of W x H pixels (1920 x 1080 unless told), on a virtual display, on an IPC prefix, ports and settings folder of its own, so that it never
# touches a demo the user runs at the same time. Leaves no process, no IPC object and no
# settings behind (demo.sh also starts every window with --no-settings).
#
#   scripts/screenshot-demo.sh BUILD_DIR [OUTPUT_DIR]
#
# Environment:
#   PRODCONS_SHOT_WIDTH, PRODCONS_SHOT_HEIGHT  the screen (default 1920 x 1080; a class's
#                                              projector: 1366 x 768 or 1280 x 720)
#   PRODCONS_SHOT_MODES                        which demos (default "shm mq")
#   PRODCONS_SHOT_SECONDS                      names flowing before the picture (default 12)
#
# Needs: Xvfb (Debian package xvfb). Makes the pictures smaller with pngquant and optipng when
# they are installed (Debian packages pngquant, optipng).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:?usage: $0 BUILD_DIR [OUTPUT_DIR]}
build=$(cd "$build" && pwd)
out=${2:-$here/docs/images}
bin=$build/bin
width=${PRODCONS_SHOT_WIDTH:-1920}
height=${PRODCONS_SHOT_HEIGHT:-1080}
modes=${PRODCONS_SHOT_MODES:-shm mq}
settle=${PRODCONS_SHOT_SECONDS:-12} # names flowing before the picture is taken

command -v Xvfb >/dev/null || {
    echo "$0: Xvfb is missing (apt-get install xvfb)" >&2
    exit 1
}
for program in prodcons-server prodcons-client prodcons-screen socket_srv; do
    [ -x "$bin/$program" ] || {
        echo "$0: $bin/$program is missing: build first" >&2
        exit 1
    }
done
mkdir -p "$out"

work=$(mktemp -d)
prefix=/demo$$
xvfb_pid=
demo_pid=

cleanup() {
    set +e
    if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
        kill -TERM "$demo_pid"
        wait "$demo_pid"
    fi
    [ -n "$xvfb_pid" ] && {
        kill -TERM "$xvfb_pid" 2>/dev/null
        wait "$xvfb_pid" 2>/dev/null
    }
    "$bin/socket_srv" --cleanup --prefix "$prefix" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

# A display of its own; Xvfb picks a free display number.
mkdir -p "$work/config" "$work/runtime"
chmod 700 "$work/runtime"
Xvfb -displayfd 3 -screen 0 "${width}x${height}x24" -nolisten tcp -nocursor -dpi 96 \
    3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 1 100); do
    [ -s "$work/display" ] && break
    sleep 0.05
done
[ -s "$work/display" ] || {
    echo "$0: Xvfb did not start:" >&2
    cat "$work/xvfb.log" >&2
    exit 1
}
DISPLAY=:$(head -n1 "$work/display")
export DISPLAY
export XDG_CONFIG_HOME=$work/config XDG_RUNTIME_DIR=$work/runtime QT_QPA_PLATFORM=xcb
unset WAYLAND_DISPLAY

# Two free ports, without connecting to anything.
listening() {
    awk -v port="$(printf '%04X' "$1")" '$4 == "0A" { split($2, a, ":"); if (a[2] == port) f = 1 }
                                         END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        listening "$port" || {
            echo "$port"
            return
        }
    done
}

# Smaller files for the repository: a palette of colours (the windows use few), then lossless.
shrink() {
    if command -v pngquant >/dev/null; then
        pngquant --force --skip-if-larger --quality 80-98 --speed 1 --output "$1" -- "$1" || true
    fi
    if command -v optipng >/dev/null; then
        optipng -quiet -o3 "$1" || true
    fi
}

for mode in $modes; do
    case "$mode" in
    shm | mq) ;;
    *)
        echo "$0: PRODCONS_SHOT_MODES takes shm and mq, not '$mode'" >&2
        exit 2
        ;;
    esac
    # The demo's own ports when they are free (as in the README), others when not.
    if ! listening 12345 && ! listening 12346; then
        port_in=12345
        port_out=12346
    else
        port_in=$(free_port)
        port_out=$(free_port)
        while [ "$port_out" = "$port_in" ]; do port_out=$(free_port); done
    fi
    rm -f "$work/ready"
    PRODCONS_IPC_PREFIX=$prefix PRODCONS_DEMO_PORTS="$port_in $port_out" PRODCONS_DEMO_RATE=600 \
        PRODCONS_DEMO_FRAME=0 PRODCONS_DEMO_READY="$work/ready" PRODCONS_DEMO_SECONDS=300 \
        "$here/scripts/demo.sh" "$build" "$mode" >"$work/demo-$mode.log" 2>&1 &
    demo_pid=$!
    for _ in $(seq 1 300); do
        [ -e "$work/ready" ] && break
        kill -0 "$demo_pid" 2>/dev/null || break
        sleep 0.1
    done
    [ -e "$work/ready" ] || {
        echo "$0: the demo ($mode) did not get going:" >&2
        cat "$work/demo-$mode.log" >&2
        exit 1
    }
    sleep "$settle"
    picture=$out/demo-$mode-${width}x${height}.png
    "$bin/prodcons-screen" --grab "$picture"
    kill -TERM "$demo_pid"
    wait "$demo_pid" || true
    demo_pid=
    if "$bin/socket_srv" --status --prefix "$prefix" | grep -v absent | grep -q "^/"; then
        echo "$0: the demo ($mode) left objects behind:" >&2
        "$bin/socket_srv" --status --prefix "$prefix" >&2
        exit 1
    fi
    shrink "$picture"
    echo "$picture (${width}x${height})"
done
