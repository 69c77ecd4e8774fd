#!/usr/bin/env bash
# Makes docs/images/server-window.png: the real server window (prodcons-server) under Xvfb,
# with clients attached, on an IPC prefix and a settings folder of its own. Leaves no process,
# no IPC object and no settings behind.
#
#   scripts/screenshot-server-window.sh BUILD_DIR [OUTPUT.png]
#
# The clients: a producer (socket_cl --rate 600), a short producer that sends 5 names and
# leaves (so the table shows how an ended child looks), and a consumer that acknowledges
# slower than the producer sends (a few lines of bash over /dev/tcp), so that names stay in the
# ring long enough to be seen. The picture is taken while the ring is partly full.
#
# Needs: Xvfb (Debian package xvfb) and python3 (the framebuffer is converted to PNG with the
# standard library only).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:?usage: $0 BUILD_DIR [OUTPUT.png]}
build=$(cd "$build" && pwd)
out=${2:-$here/docs/images/server-window.png}
bin=$build/bin
width=1100
height=750

for tool in Xvfb python3; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is missing (apt-get install xvfb python3)" >&2; exit 1; }
done
for program in prodcons-server socket_cl socket_srv; do
    [ -x "$bin/$program" ] || { echo "$0: $bin/$program is missing: build first" >&2; exit 1; }
done

work=$(mktemp -d)
prefix=/shot$$
pids=()
xvfb_pid=
server_pid=

cleanup() {
    set +e
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null # the window stops its server cleanly on SIGTERM
        for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
        kill -KILL "$server_pid" 2>/dev/null
    fi
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
    [ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null
    [ -n "$xvfb_pid" ] && { kill -TERM "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null; }
    # Whatever a failure left behind goes too.
    "$bin/socket_srv" --cleanup --prefix "$prefix" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

ring_count() {
    "$bin/socket_srv" --status --prefix "$prefix" 2>/dev/null |
        sed -n 's/^SHM ring: \([0-9]*\) of .*/\1/p'
}

# A display of exactly the window's size; Xvfb picks a free display number and writes the
# screen as an XWD file we can read.
mkdir -p "$work/fb" "$work/config" "$work/runtime"
chmod 700 "$work/runtime"
Xvfb -displayfd 3 -screen 0 "${width}x${height}x24" -fbdir "$work/fb" -nolisten tcp -nocursor -dpi 96 \
    3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.05; done
[ -s "$work/display" ] || { echo "$0: Xvfb did not start:" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=:$(head -n1 "$work/display")
export XDG_CONFIG_HOME=$work/config XDG_RUNTIME_DIR=$work/runtime QT_QPA_PLATFORM=xcb
unset PRODCONS_IPC_PREFIX

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$bin/prodcons-server" --no-settings --port "$port" --mode shm --bind 127.0.0.1 --prefix "$prefix" \
    --start >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    "$bin/socket_srv" --status --prefix "$prefix" 2>/dev/null | grep -q '^live servers: SHM 1' && break
    sleep 0.1
done

client() { "$bin/socket_cl" 127.0.0.1 "$port" --quiet "$@" >>"$work/clients.log" 2>&1 & pids+=($!); }
client --role producer --rate max --count 5
sleep 0.5
client --role producer --rate 600

# The slow consumer: answers the server's Task?, then acknowledges one name every 0.15 s.
bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
         read -r _ <&3; echo consumer >&3
         while read -r _ <&3; do sleep 0.15; echo OK >&3; done' slow-consumer "$port" \
    >>"$work/clients.log" 2>&1 &
pids+=($!)

# Wait until the ring is partly full, then let the window draw it (it redraws every 100 ms).
taken=
for _ in $(seq 1 400); do
    n=$(ring_count)
    if [ "${n:-0}" -ge 4 ] && [ "${n:-0}" -le 8 ]; then
        sleep 0.12
        cp "$work/fb/Xvfb_screen0" "$work/screen.xwd"
        taken=$n
        break
    fi
    sleep 0.03
done
[ -n "$taken" ] || { echo "$0: the ring never got partly full; see $work" >&2; cat "$work/server.log" >&2; exit 1; }

python3 "$here/scripts/xwd_to_png.py" "$work/screen.xwd" "$out"
echo "$out (${width}x${height}, $taken names in the ring when taken)"
