#!/usr/bin/env bash
# The pictures of docs/TEACHING.md: the real server window (prodcons-server) under Xvfb on a
# projector's 1366 x 768, its Teaching part shown, with clients attached; on an IPC prefix and a
# settings folder of its own. Leaves no process, no IPC object and no settings behind.
#
#   scripts/screenshot-teaching.sh BUILD_DIR [OUTPUT_DIR]
#
#   teaching-slow-motion.png  a second server of the prefix (socket_srv --tempo 300) slows every
#                             child down: the code view's chips and the timeline's lanes
#   teaching-race.png         the same with socket_srv --race: the window's red banner, and
#                             producers writing into the same slot
#
# Needs: Xvfb, xdotool (to show the Teaching tab: Alt+T) and python3; pngquant and optipng
# make the files smaller when they are there.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:?usage: $0 BUILD_DIR [OUTPUT_DIR]}
build=$(cd "$build" && pwd)
out=${2:-$here/docs/images}
bin=$build/bin
width=1366
height=768

for tool in Xvfb xdotool python3; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing (apt-get install xvfb xdotool python3)" >&2; exit 1; }
done
for program in prodcons-server socket_cl socket_srv; do
    [ -x "$bin/$program" ] || { echo "$0: $bin/$program is missing: build first" >&2; exit 1; }
done

work=$(mktemp -d)
prefix=/teach$$
pids=()
xvfb_pid=
window_pid=

stop_clients() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
    pids=()
}

cleanup() {
    set +e
    stop_clients
    if [ -n "$window_pid" ]; then
        kill -TERM "$window_pid" 2>/dev/null # the window stops its server cleanly on SIGTERM
        for _ in $(seq 1 100); do kill -0 "$window_pid" 2>/dev/null || break; sleep 0.05; done
        kill -KILL "$window_pid" 2>/dev/null
        wait "$window_pid" 2>/dev/null
    fi
    [ -n "$xvfb_pid" ] && { kill -TERM "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; }
    "$bin/socket_srv" --cleanup --prefix "$prefix" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/fb" "$work/config" "$work/runtime" "$out"
chmod 700 "$work/runtime"
Xvfb -displayfd 3 -screen 0 "${width}x${height}x24" -fbdir "$work/fb" -nolisten tcp -nocursor -dpi 96 \
    3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.05; done
[ -s "$work/display" ] || { echo "$0: Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=:$(head -n1 "$work/display")
export XDG_CONFIG_HOME=$work/config XDG_RUNTIME_DIR=$work/runtime QT_QPA_PLATFORM=xcb
unset PRODCONS_IPC_PREFIX

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)

"$bin/prodcons-server" --no-settings --port "$port" --mode shm --bind 127.0.0.1 --prefix "$prefix" \
    --start >"$work/window.log" 2>&1 &
window_pid=$!
for _ in $(seq 1 100); do
    "$bin/socket_srv" --status --prefix "$prefix" 2>/dev/null | grep -q '^live servers: SHM 1' && break
    sleep 0.1
done
window=
for _ in $(seq 1 100); do
    window=$(xdotool search --name "on port $port" 2>/dev/null | head -n1 || true)
    [ -n "$window" ] && break
    sleep 0.1
done
[ -n "$window" ] || { echo "$0: the server window did not show" >&2; exit 1; }
# A window manager's title bar would take some 28 px: the window gets what is left.
xdotool windowmove "$window" 0 0 windowsize "$window" "$width" $((height - 28))
xdotool windowfocus "$window"
xdotool key --window "$window" alt+t # the Teaching tab

# scene NAME SERVER_OPTIONS...: a second server of the prefix with these options, two tagged
# producers and a consumer on the window's server; the picture once the children have moved a
# while in slow motion.
scene() {
    local name=$1
    shift
    local other
    other=$(free_port)
    "$bin/socket_srv" -shm "$other" --prefix "$prefix" --no-stdin "$@" >>"$work/servers.log" 2>&1 &
    pids+=($!)
    sleep 1
    for role in producer producer consumer; do
        "$bin/socket_cl" 127.0.0.1 "$port" --role "$role" --rate 600 --tag --quiet \
            >>"$work/clients.log" 2>&1 &
        pids+=($!)
    done
    sleep 6 # slow motion: some 20 steps per child, enough to fill the timeline's last 5 s
    cp "$work/fb/Xvfb_screen0" "$work/$name.xwd"
    python3 "$here/scripts/xwd_to_png.py" "$work/$name.xwd" "$out/$name.png"
    if command -v pngquant >/dev/null; then pngquant --force --ext .png --quality 70-95 "$out/$name.png"; fi
    if command -v optipng >/dev/null; then optipng -quiet "$out/$name.png"; fi
    echo "$out/$name.png"
    stop_clients
    # The children that left stay in the code view and the timeline for StepWatcher::kKeepLeft
    # (10 s): the next picture starts without them.
    sleep 11
}

scene teaching-slow-motion --tempo 300
scene teaching-race --tempo 300 --race
