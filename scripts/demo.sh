#!/usr/bin/env bash
# The demo: the whole system the way it is meant to be used. Two server windows listen on ports
# 12345 and 12346 and share one buffer (shared memory, or a message queue with "mq"); a producer
# window sends names to the first, a consumer window takes them from the second. With "amqp"
# the buffer is a RabbitMQ queue: the demo starts a private broker (scripts/broker.sh) unless
# PRODCONS_BROKER_URL names one, and stops it at the end.
#
#   scripts/demo.sh BUILD_DIR [shm|mq|amqp]     (what "./run demo [shm|mq|amqp]" calls)
#
# The windows are laid out on the screen (X11; on Wayland they are placed through XWayland
# when DISPLAY is set). Close them all, or press Ctrl-C here, to end it: whatever still runs is
# asked to stop cleanly (SIGTERM: the servers end their children and remove the shared
# objects), and killed only if it does not within a few seconds; objects a crash left behind
# are removed. Nothing is left: no process, no IPC object.
#
# Environment:
#   PRODCONS_IPC_PREFIX    objects to use (default /prodcons: the user's own demo)
#   PRODCONS_DEMO_PORTS    the two ports (default "12345 12346")
#   PRODCONS_DEMO_RATE     the producer's names per minute (default 120)
#   PRODCONS_DEMO_SECONDS  end by itself after this many seconds (scripts, screenshots)
#   PRODCONS_DEMO_FRAME    pixels a window manager adds above each window (default 32; 0 on
#                          a bare X server such as Xvfb)
#   PRODCONS_DEMO_READY    a file to create once names flow (for scripts)
#   PRODCONS_BROKER_URL    amqp: the broker to use instead of a private one
#   PRODCONS_DEMO_BROKER_PORT  amqp: the private broker's port (default 5680)
set -euo pipefail

usage() {
    echo "usage: $0 BUILD_DIR [shm|mq|amqp]" >&2
    exit 2
}

build=${1:-}
mode=${2:-shm}
[ -n "$build" ] || usage
[ $# -le 2 ] || usage
case "$mode" in
shm | mq | amqp) ;;
*)
    echo "demo: the mode is shm, mq or amqp, not '$mode'" >&2
    exit 2
    ;;
esac
[ -d "$build" ] || {
    echo "demo: no build folder $build (run ./run build first)" >&2
    exit 1
}
bin=$(cd "$build" && pwd)/bin
for program in prodcons-server prodcons-client prodcons-screen socket_srv; do
    [ -x "$bin/$program" ] || {
        echo "demo: $bin/$program is missing: build first (./run build)" >&2
        exit 1
    }
done

prefix=${PRODCONS_IPC_PREFIX:-/prodcons}
read -r port_in port_out extra <<<"${PRODCONS_DEMO_PORTS:-12345 12346}"
rate=${PRODCONS_DEMO_RATE:-120}
seconds=${PRODCONS_DEMO_SECONDS:-0}
frame=${PRODCONS_DEMO_FRAME:-32}
mode_name=$(echo "$mode" | tr '[:lower:]' '[:upper:]')
for number in "$port_in" "$port_out"; do
    if ! [[ "$number" =~ ^[0-9]+$ ]] || [ "$number" -lt 1 ] || [ "$number" -gt 65535 ]; then
        echo "demo: PRODCONS_DEMO_PORTS takes two ports, 1 to 65535 (got '${PRODCONS_DEMO_PORTS:-}')" >&2
        exit 2
    fi
done
if [ -n "${extra:-}" ] || [ "$port_in" = "$port_out" ]; then
    echo "demo: PRODCONS_DEMO_PORTS takes two different ports" >&2
    exit 2
fi

# --- A display to show the windows on. ---------------------------------------------------------
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    cat >&2 <<EOF
demo: there is no display to show the windows on (neither DISPLAY nor WAYLAND_DISPLAY is set).
Run it from a desktop session, or one of:
  xvfb-run -a ./run demo     the demo on a virtual display (it runs, nothing to see; Ctrl-C ends it)
  ./run screenshots          the demo under Xvfb, saved as pictures in docs/images/
  ssh -X this-machine        and ./run demo there, to see the windows on your own display
EOF
    exit 1
fi
# X11 (XWayland included) lets the demo place its windows; pure Wayland does not.
if [ -n "${DISPLAY:-}" ]; then
    export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-xcb}
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/prodcons-demo.XXXXXX")
pids=()
names=()
stopping=0

if ! area=$("$bin/prodcons-screen" --available 2>"$work/screen.log"); then
    echo "demo: cannot open the display ${DISPLAY:-$WAYLAND_DISPLAY}:" >&2
    grep -v '^$' "$work/screen.log" | head -n 3 | sed 's/^/  /' >&2
    echo "  (is the X server running, and may this user use it? Try: xvfb-run -a ./run demo)" >&2
    rm -rf "$work"
    exit 1
fi
read -r area_x area_y area_w area_h <<<"$area"

# --- Ports and objects. -----------------------------------------------------------------------
# Listening sockets from /proc/net/tcp{,6}: no connection is made, so no server sees a probe.
listening() {
    local hex
    hex=$(printf '%04X' "$1")
    awk -v port="$hex" '$4 == "0A" { split($2, a, ":"); if (a[2] == port) found = 1 }
                        END { exit !found }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
for port in "$port_in" "$port_out"; do
    if listening "$port"; then
        cat >&2 <<EOF
demo: port $port is taken: something on this machine already listens on it (another demo still
running? see: ss -ltnp 'sport = :$port'). Close it, or give the demo two free ports:
  PRODCONS_DEMO_PORTS="23456 23457" ./run demo${2:+ $2}
EOF
        rm -rf "$work"
        exit 1
    fi
done

# The AMQP mode's broker: the user's own ($PRODCONS_BROKER_URL), or a private one for the demo.
broker_root=
broker_args=()
if [ "$mode" = amqp ]; then
    if [ -z "${PRODCONS_BROKER_URL:-}" ]; then
        broker_root=$(mktemp -u "${TMPDIR:-/tmp}/prodcons-demo-broker.XXXXXX")
        echo "demo: starting a private RabbitMQ broker (a few seconds)"
        if ! "$(dirname "$0")/broker.sh" start --port "${PRODCONS_DEMO_BROKER_PORT:-5680}" \
            --root "$broker_root" >"$work/broker.log" 2>&1; then
            echo "demo: the private broker did not start:" >&2
            tail -n 15 "$work/broker.log" >&2
            rm -rf "$work"
            exit 1
        fi
        broker_args=(--broker "amqp://127.0.0.1:${PRODCONS_DEMO_BROKER_PORT:-5680}/")
    fi
fi
# socket_srv --status / --cleanup for the AMQP mode's queue.
queue_status() { "$bin/socket_srv" --status -amqp "${broker_args[@]}" --prefix "$prefix" 2>/dev/null; }

# From socket_srv --status: servers attached to the objects (both modes), names taken so far,
# and the objects that exist. Empty when there are no objects.
live_servers() {
    "$bin/socket_srv" --status --prefix "$prefix" 2>/dev/null |
        sed -n 's/^live servers: SHM \([0-9]*\).*MQ \([0-9]*\).*/\1 \2/p' | awk '{ print $1 + $2 }'
}
names_taken() {
    if [ "$mode" = amqp ]; then # the broker counts no names taken: a consumer attached will do
        queue_status | sed -n 's/.* \([0-9]*\) consumer(s)$/\1/p'
        return
    fi
    "$bin/socket_srv" --status --prefix "$prefix" 2>/dev/null |
        sed -n 's|^names stored / taken: SHM [0-9]* / \([0-9]*\), MQ [0-9]* / \([0-9]*\).*|\1 \2|p' |
        awk '{ print $1 + $2 }'
}
objects_present() {
    "$bin/socket_srv" --status --prefix "$prefix" 2>/dev/null |
        awk '/^\// && $2 != "absent" { print $1 }' | tr '\n' ' '
}
already=$(live_servers || true)
if [ -n "$already" ] && [ "$already" -gt 0 ]; then
    echo "demo: note: $already server(s) already use the objects of $prefix; the demo's servers share their buffer"
fi

# --- Stopping: on the windows' own end, Ctrl-C, SIGTERM or any failure. -----------------------
alive() { kill -0 "$1" 2>/dev/null; }

stop_all() {
    set +e
    stopping=1
    # Clients first (a producer says quit), then the servers (they end their children and the
    # last one removes the objects). SIGTERM closes each window as its close button would.
    local group pid i
    for group in clients servers; do
        local wanted=()
        for i in "${!pids[@]}"; do
            case "${names[$i]}" in
            producer | consumer) [ "$group" = clients ] && wanted+=("${pids[$i]}") ;;
            *) [ "$group" = servers ] && wanted+=("${pids[$i]}") ;;
            esac
        done
        for pid in "${wanted[@]}"; do alive "$pid" && kill -TERM "$pid" 2>/dev/null; done
        for _ in $(seq 1 100); do # up to 10 s: a server gives its children 2 s
            local running=0
            for pid in "${wanted[@]}"; do alive "$pid" && running=1; done
            [ $running -eq 0 ] && break
            sleep 0.1
        done
        for pid in "${wanted[@]}"; do
            if alive "$pid"; then
                echo "demo: pid $pid did not stop in time; killing it" >&2
                kill -KILL "$pid" 2>/dev/null
            fi
        done
        for pid in "${wanted[@]}"; do wait "$pid" 2>/dev/null; done
    done
    if [ "$mode" = amqp ]; then
        # The queue outlives the servers, as a buffer does; the demo's is removed with its names.
        "$bin/socket_srv" --cleanup -amqp "${broker_args[@]}" --prefix "$prefix" >/dev/null 2>&1
        if [ -n "$broker_root" ]; then
            echo "demo: stopping the private broker"
            "$(dirname "$0")/broker.sh" stop --root "$broker_root" >/dev/null 2>&1
        fi
        rm -rf "$work"
        return
    fi
    # A server that was killed cannot remove the objects; nobody uses them now, so do it here.
    local live left
    live=$(live_servers)
    left=$(objects_present)
    if [ -n "$left" ] && [ "${live:-0}" -eq 0 ]; then
        echo "demo: removing objects left behind: $left"
        "$bin/socket_srv" --cleanup --prefix "$prefix" >/dev/null
    elif [ -n "$left" ]; then
        echo "demo: the objects of $prefix stay: $live other server(s) still use them"
    fi
    rm -rf "$work"
}

on_exit() {
    local code=$?
    [ $stopping -eq 1 ] || stop_all
    exit $code
}
trap on_exit EXIT
trap 'echo; echo "demo: stopping"; exit 130' INT
trap 'echo "demo: stopping"; exit 143' TERM HUP

start() {
    local name=$1
    shift
    "$@" >"$work/$name.log" 2>&1 &
    pids+=($!)
    names+=("$name")
}

show_log() {
    echo "--- $1 ---" >&2
    tail -n 15 "$work/$1.log" >&2
}

# --- The layout: producer and consumer on the left, their servers on the right. --------------
#   producer  -> server :12345
#                   | one buffer
#   consumer  <- server :12346
# Every window within the work area, none over another. The servers draw what the demo is
# about: they get at least 56% of the width, and never less than the server window's smallest
# size (about 700 x 330: its tabs Buffer / Children / Log; a projector at 1280 x 720 or 1366 x 768
# gives it 716 to 766 x 360 to 384). On a screen too small for four such windows side by side
# (below about 1150 x 700) the servers keep the room they need on the right and the two
# clients share the rest, the consumer's window over the lower part of the producer's.
server_min_w=700
server_min_h=330
client_min_w=440
server_w=$((area_w * 56 / 100))
[ "$server_w" -ge "$server_min_w" ] || server_w=$server_min_w
[ "$server_w" -le "$area_w" ] || server_w=$area_w
client_w=$((area_w - server_w))
row_h=$((area_h / 2))
win_h=$((row_h - frame))
right=$((area_x + client_w))
left=$area_x
top=$area_y
bottom=$((area_y + row_h))
client_top=$top
client_bottom=$bottom
client_h=$win_h
if [ "$win_h" -lt "$server_min_h" ] || [ "$client_w" -lt "$client_min_w" ]; then
    # Too small for four windows: the servers first, each as tall as it must be and both in
    # the work area (the second may cover the foot of the first only when the screen is
    # shorter than two of them); the clients on what is left of the width, or over the
    # servers' left part when nothing is, the consumer over the producer's lower half.
    if [ "$win_h" -lt "$server_min_h" ]; then
        win_h=$server_min_h
        bottom=$((area_y + area_h - server_min_h - frame))
        [ "$bottom" -ge "$area_y" ] || bottom=$area_y
    fi
    if [ "$client_w" -lt "$client_min_w" ]; then
        client_w=$client_min_w
        [ "$client_w" -le "$area_w" ] || client_w=$area_w
    fi
    client_h=$(((area_h - frame) * 2 / 3 - frame))
    client_bottom=$((area_y + area_h - client_h - frame))
    echo "demo: a small screen (${area_w}x${area_h}): the server windows get the room they need; the client windows overlap"
fi
geometry() { echo "$1x$2+$3+$4"; }

echo "demo: $mode_name mode, objects $prefix; servers on 127.0.0.1:$port_in and :$port_out"
# --no-settings everywhere: the demo's windows neither read nor overwrite the settings and
# geometry a person's own windows remember.
start "server-$port_in" "$bin/prodcons-server" --no-settings --port "$port_in" --mode "$mode" \
    "${broker_args[@]}" \
    --bind 127.0.0.1 --prefix "$prefix" --start \
    -geometry "$(geometry "$server_w" "$win_h" "$right" "$top")"
start "server-$port_out" "$bin/prodcons-server" --no-settings --port "$port_out" --mode "$mode" \
    "${broker_args[@]}" \
    --bind 127.0.0.1 --prefix "$prefix" --start \
    -geometry "$(geometry "$server_w" "$win_h" "$right" "$bottom")"

# Both servers listening before the clients connect.
for _ in $(seq 1 100); do
    listening "$port_in" && listening "$port_out" && break
    for i in 0 1; do
        if ! alive "${pids[$i]}"; then
            echo "demo: the server window ${names[$i]#server-} ended at start:" >&2
            show_log "${names[$i]}"
            exit 1
        fi
    done
    sleep 0.1
done
if ! listening "$port_in" || ! listening "$port_out"; then
    echo "demo: the servers did not start listening within 10 s" >&2
    show_log "server-$port_in"
    show_log "server-$port_out"
    exit 1
fi

start producer "$bin/prodcons-client" --no-settings --host 127.0.0.1 --port "$port_in" \
    --role producer --rate "$rate" --tag --connect --prefix "$prefix" \
    -geometry "$(geometry "$client_w" "$client_h" "$left" "$client_top")"
start consumer "$bin/prodcons-client" --no-settings --host 127.0.0.1 --port "$port_out" \
    --role consumer --tag --connect --prefix "$prefix" \
    -geometry "$(geometry "$client_w" "$client_h" "$left" "$client_bottom")"

# Names flow once the buffer has seen some go through.
flowing=0
for _ in $(seq 1 100); do
    taken=$(names_taken)
    if [ -n "$taken" ] && [ "$taken" -gt 0 ]; then
        flowing=1
        break
    fi
    sleep 0.1
done
if [ $flowing -eq 1 ]; then
    echo "demo: names flow: producer -> :$port_in -> $mode_name buffer -> :$port_out -> consumer ($rate/min)"
else
    echo "demo: no name went through yet; see the windows"
fi
[ -n "${PRODCONS_DEMO_READY:-}" ] && : >"$PRODCONS_DEMO_READY"
echo "demo: close the windows, or press Ctrl-C here, to end it"

# --- Wait until every window is closed (or the time is up). -----------------------------------
started=$SECONDS
while :; do
    running=0
    for pid in "${pids[@]}"; do alive "$pid" && running=1; done
    [ $running -eq 0 ] && break
    if [ "$seconds" -gt 0 ] && [ $((SECONDS - started)) -ge "$seconds" ]; then
        break
    fi
    sleep 0.2
done
stop_all
if [ "$mode" = amqp ]; then
    echo "demo: ended; the queue of $prefix is removed"
    exit 0
fi
left=$(objects_present)
if [ -z "$left" ]; then
    echo "demo: ended; no process and no IPC object of $prefix left"
else
    echo "demo: ended; still there (used by other servers): $left"
fi
