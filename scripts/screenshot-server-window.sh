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

python3 - "$work/screen.xwd" "$out" <<'PY'
# XWD (32 bits per pixel, as Xvfb -fbdir writes it) to an RGB PNG, standard library only.
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
h = struct.unpack('>25I', data[:100])
header_size, width, height = h[0], h[4], h[5]
byte_order, bits_per_pixel, bytes_per_line = h[7], h[11], h[12]
masks, ncolors = h[14:17], h[19]
if bits_per_pixel != 32:
    sys.exit('unexpected XWD depth %d' % bits_per_pixel)
shifts = [(m & -m).bit_length() - 1 for m in masks]
order = '<' if byte_order == 0 else '>'
offset = header_size + ncolors * 12
rows = []
for y in range(height):
    start = offset + y * bytes_per_line
    pixels = struct.unpack('%s%dI' % (order, width), data[start:start + 4 * width])
    row = bytearray(b'\0')
    for p in pixels:
        row += bytes(((p >> shifts[0]) & 255, (p >> shifts[1]) & 255, (p >> shifts[2]) & 255))
    rows.append(bytes(row))
def chunk(kind, body):
    return (struct.pack('>I', len(body)) + kind + body +
            struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff))
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
png += chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open(sys.argv[2], 'wb').write(png)
PY
echo "$out (${width}x${height}, $taken names in the ring when taken)"
