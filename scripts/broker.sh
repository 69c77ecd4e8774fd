#!/usr/bin/env bash
# A private RabbitMQ broker, one node or a cluster of N on this machine, for tests and demos:
# it runs as the current user (root or not), in a folder of its own, on loopback only, with no
# system service, no system epmd and one plugin: the management API (HTTP), which alone says how
# many names are unacknowledged, which node leads a queue and which nodes run.
#   scripts/broker.sh start  [--nodes N] [--port P] [--root DIR] [--tls]
#   scripts/broker.sh stop   [--root DIR]
#   scripts/broker.sh status [--root DIR]
#   scripts/broker.sh stop-node|kill-node|start-node I [--root DIR]
#   scripts/broker.sh leader QUEUE [--root DIR]
# stop-node I stops the RabbitMQ application of node I (rabbitmqctl stop_app: its clients lose
# their connections, as when a broker restarts, and its queues hand their leadership over) and
# keeps its data; kill-node I crashes node I instead: SIGKILL to its Erlang VM, no goodbye to
# the cluster or the clients, which see their sockets reset and the other nodes find it gone;
# start-node I starts it again (start_app if its VM runs, else a new VM on its data, which
# rejoins the cluster). For the tests of a broker restart and of a cluster's failover. leader
# prints the number of the node that leads the quorum queue QUEUE of the default vhost (asked of
# the first running node).
# Node i (1..N) is prodcons-P-i@localhost with AMQP on 127.0.0.1:P+i-1 and its management API
# on http://127.0.0.1:P+i-1+10000/ (RabbitMQ's own rule: 5672 and 15672). With B = 25000 +
# (P-5600)*10, the root's own epmd listens on B and node i's Erlang distribution on B+i: roots
# whose ports are 10 or more apart share no port, and P in 5600..9000 keeps B+9 under 65536.
# With --tls node i also speaks amqps on 127.0.0.1:P+i-1+4000: 9600..13008, above every root's
# AMQP ports and below every root's Erlang ones, so two roots' amqps ports meet only when their
# AMQP ports do (the same "10 or more apart"). start --tls makes with openssl, in DIR/tls (mode
# 700, keys 600), a private CA and a server certificate it signs for localhost and 127.0.0.1;
# the CA to trust is DIR/tls/ca.pem (for the programs: $PRODCONS_BROKER_CACERT). Clients show no
# certificate. Without --tls there is no TLS listener and no DIR/tls.
# Defaults: N=1, P=$PRODCONS_BROKER_PORT or 5690, DIR=$PRODCONS_BROKER_ROOT or
# /tmp/prodcons-broker-$(id -un). start, stop-node and start-node give up after
# $PRODCONS_BROKER_TIMEOUT s (60); start writes DIR/ports (one AMQP port a line) once every
# node accepts AMQP. stop removes DIR.
# status exits 0 if every node runs, 3 if none does, 1 otherwise.
set -euo pipefail

rabbit_bin=/usr/lib/rabbitmq/bin
usage() {
    echo "usage: scripts/broker.sh start [--nodes N] [--port P] [--root DIR] [--tls]" >&2
    echo "       scripts/broker.sh stop|status [--root DIR]" >&2
    echo "       scripts/broker.sh stop-node|kill-node|start-node I [--root DIR]" >&2
    echo "       scripts/broker.sh leader QUEUE [--root DIR]" >&2
    exit 2
}
die() { echo "broker.sh: $*" >&2; exit 1; }

command=${1:-}
[[ "$command" =~ ^(start|stop|status|stop-node|kill-node|start-node|leader)$ ]] || usage
shift
node= queue=
if [[ "$command" = *-node ]]; then
    [[ "${1:-}" =~ ^[1-9]$ ]] || usage
    node=$1
    shift
elif [ "$command" = leader ]; then
    [[ -n "${1:-}" && "$1" != --* ]] || usage
    queue=$1
    shift
fi
nodes=1 nodes_given= tls= tls_given=
port=${PRODCONS_BROKER_PORT:-5690} port_given=${PRODCONS_BROKER_PORT:+1}
root=${PRODCONS_BROKER_ROOT:-/tmp/prodcons-broker-$(id -un)}
while [ $# -gt 0 ]; do
    case "$1" in
        --tls)
            [ "$command" = start ] || usage
            tls=1 tls_given=1
            shift
            continue ;;
        --nodes | --port) [ "$command" = start ] || usage ;;&
        --nodes | --port | --root) [[ $# -ge 2 && -n "$2" ]] || usage ;;&
        --nodes) nodes=$2 nodes_given=1 ;;
        --port) port=$2 port_given=1 ;;
        --root) root=$2 ;;
        *) usage ;;
    esac
    shift 2
done
[[ "$nodes" =~ ^[1-9]$ ]] || { echo "broker.sh: --nodes must be 1..9" >&2; usage; }
if ! [[ "$port" =~ ^[0-9]{4}$ ]] || [ "$port" -lt 5600 ] || [ "$port" -gt 9000 ]; then
    echo "broker.sh: the port must be 5600..9000 (the Erlang ports are derived from it)" >&2
    usage
fi
timeout_s=${PRODCONS_BROKER_TIMEOUT:-60}
[[ "$timeout_s" =~ ^[1-9][0-9]*$ ]] || die "PRODCONS_BROKER_TIMEOUT must be a number of seconds"
[[ "$root" = /* ]] || root=$PWD/$root
[ ! -e "$root" ] || [ -O "$root" ] || die "$root belongs to another user"
requested_port=$port requested_nodes=$nodes requested_tls=$tls

# Every process this script starts carries this variable (epmd, the rabbitmq-server shell,
# beam.smp and its helpers, CLI runs), so that stop finds all of them even when a crash left
# no pid file, and never a process of another root or of another user.
tag="PRODCONS_BROKER_INSTANCE=$root"
# The CLI tools must find the nodes' cookie (in $HOME), epmd and plugins file. With
# -dist_listen false a CLI run takes no distribution port, so it cannot take a node's.
export HOME=$root ERL_EPMD_ADDRESS=127.0.0.1 RABBITMQ_CONF_ENV_FILE=$root/rabbitmq-env.conf
export RABBITMQ_ENABLED_PLUGINS_FILE=$root/enabled_plugins
export RABBITMQ_CTL_ERL_ARGS="-dist_listen false"

read_layout() { [ -f "$root/layout" ] && read -r port nodes tls < "$root/layout"; }
set_ports() { base=$((25000 + (port - 5600) * 10)); export ERL_EPMD_PORT=$base; }
name() { echo "prodcons-$port-$1@localhost"; }
amqp_port() { echo $((port + $1 - 1)); }
management_port() { echo $((port + $1 - 1 + 10000)); }
tls_port() { echo $((port + $1 - 1 + 4000)); }
ctl() {  # rabbitmqctl on node $1, within start's deadline or else 30 s
    local i=$1 limit=30
    shift
    [ -z "${deadline:-}" ] || limit=$((deadline > SECONDS ? deadline - SECONDS : 1))
    env "$tag" timeout "$limit" "$rabbit_bin/rabbitmqctl" -q -n "$(name "$i")" "$@"
}
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
alive() {  # the node's rabbitmq-server shell runs and its AMQP port answers
    local pid
    pid=$(cat "$root/node$1/pid" 2>/dev/null) && kill -0 "$pid" 2>/dev/null &&
        accepts "$(amqp_port "$1")"
}
running_count() {
    local i n=0
    for i in $(seq "$nodes"); do ! alive "$i" || n=$((n + 1)); done
    echo $n
}
listening() {  # node $1's URLs
    echo "broker: node $(name "$1") listening on amqp://127.0.0.1:$(amqp_port "$1")/" \
        "(management API http://127.0.0.1:$(management_port "$1")/)"
    [ -z "$tls" ] || echo "broker: node $(name "$1") listening on" \
        "amqps://127.0.0.1:$(tls_port "$1")/ (its CA: $root/tls/ca.pem)"
}
announce() {
    local i
    for i in $(seq "$nodes"); do listening "$i"; done
}

root_pids() {
    local env
    for env in /proc/[0-9]*/environ; do
        [ -O "$env" ] && grep -qzxF "$tag" "$env" 2>/dev/null && echo "${env//[!0-9]/}"
    done
    return 0
}
kill_root() {  # SIGTERM, and SIGKILL what is left 5 s later
    local pids round
    for round in $(seq 35); do
        pids=$(root_pids)
        [ -n "$pids" ] || return 0
        # shellcheck disable=SC2086
        case $round in 1) kill -TERM $pids ;; 26) kill -KILL $pids ;; esac 2>/dev/null || true
        sleep 0.2
    done
    die "could not kill the processes of $root: $(root_pids | xargs)"
}

stop_root() {
    local i
    if read_layout; then
        set_ports
        for i in $(seq "$nodes"); do
            if alive "$i"; then
                ctl "$i" stop > /dev/null 2>&1 ||
                    echo "broker.sh: $(name "$i") did not stop; killing it" >&2 &
            fi
        done
        wait
    elif [ -d "$root" ] && [ -n "$(ls -A "$root")" ]; then
        die "$root is no broker root (it has no layout file); not removing it"
    fi
    kill_root
    rm -rf "$root"
}

fail_start() {  # $1: node, $2: what went wrong. DIR stays for its logs; the next start clears it.
    echo "broker.sh: $(name "$1") $2; the end of its log:" >&2
    tail -n 30 "$root/node$1/stdout.log" "$root/node$1/log/$(name "$1").log" 2>/dev/null |
        sed 's/^/    /' >&2 || true
    kill_root
    exit 1
}

launch() {  # node $1, in the background and in a session of its own: the caller's Ctrl-C spares it
    local i=$1 dir=$root/node$1
    mkdir -p "$dir/mnesia" "$dir/log" "$dir/conf.d"
    cat > "$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$(amqp_port "$i")
loopback_users.guest = true
disk_free_limit.absolute = 50MB
log.console = false
log.file.level = info
management.tcp.ip = 127.0.0.1
management.tcp.port = $(management_port "$i")
# The API's counts are statistics the queues send this often (5 s by default).
collect_statistics_interval = 1000
EOF
    # amqps beside amqp (start --tls): clients check the node's certificate, and show none.
    [ -z "$tls" ] || cat >> "$dir/rabbitmq.conf" <<EOF
listeners.ssl.default = 127.0.0.1:$(tls_port "$i")
ssl_options.cacertfile = $root/tls/ca.pem
ssl_options.certfile = $root/tls/server.pem
ssl_options.keyfile = $root/tls/server.key
ssl_options.verify = verify_none
ssl_options.fail_if_no_peer_cert = false
EOF
    # RABBITMQ_SCRIPTS_DIR makes the trimmed home (see start_root) the node's RABBITMQ_HOME.
    # Every other path is in DIR, so nothing of /etc/rabbitmq or /var/lib/rabbitmq is used.
    env "$tag" RABBITMQ_SCRIPTS_DIR="$root/home/bin" RABBITMQ_PLUGINS_DIR="$root/home/plugins" \
        RABBITMQ_NODENAME="$(name "$i")" RABBITMQ_DIST_PORT=$((base + i)) \
        RABBITMQ_CONFIG_FILE="$dir/rabbitmq.conf" RABBITMQ_CONFIG_FILES="$dir/conf.d" \
        RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" RABBITMQ_PID_FILE="$dir/beam.pid" \
        RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
        ERL_CRASH_DUMP="$dir/erl_crash.dump" \
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
        setsid nohup "$rabbit_bin/rabbitmq-server" > "$dir/stdout.log" 2>&1 < /dev/null &
    echo $! > "$dir/pid"
}
await_port() {
    local i=$1 pid
    pid=$(cat "$root/node$i/pid")
    until accepts "$(amqp_port "$i")" && { [ -z "$tls" ] || accepts "$(tls_port "$i")"; }; do
        kill -0 "$pid" 2>/dev/null || fail_start "$i" "exited while starting"
        [ "$SECONDS" -lt "$deadline" ] || fail_start "$i" "did not start within $timeout_s s"
        sleep 0.2
    done
}
on_nodes() {  # ctl CMD on nodes $1..N side by side, as each CLI run takes a second or more
    local i first=$1 pids=()
    shift
    for i in $(seq "$first" "$nodes"); do
        ctl "$i" "$@" > /dev/null 2> "$root/node$i/ctl.err" &
        pids[i]=$!
    done
    for i in $(seq "$first" "$nodes"); do
        wait "${pids[i]}" || fail_start "$i" "failed $1: $(cat "$root/node$i/ctl.err")"
    done
}

make_certificates() {  # DIR/tls: a private CA, and the nodes' certificate and key it signs
    local d=$root/tls
    (umask 077 && mkdir -p "$d") || die "cannot create $d"
    # P-256 keys: made at once, where RSA takes a noticeable while on a busy machine. The CA's key
    # is needed for one signature only, and then removed.
    (umask 077
     openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
         -subj "/CN=prodcons test CA $port" -keyout "$d/ca.key" -out "$d/ca.pem" \
         -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" &&
     openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
         -subj "/CN=localhost" -keyout "$d/server.key" -out "$d/server.csr" &&
     printf '%s\n' "subjectAltName = DNS:localhost, IP:127.0.0.1" "basicConstraints = CA:FALSE" \
         "keyUsage = critical, digitalSignature" "extendedKeyUsage = serverAuth" > "$d/server.ext" &&
     openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial \
         -days 30 -extfile "$d/server.ext" -out "$d/server.pem") > "$d/openssl.log" 2>&1 ||
        die "openssl could not make the certificates in $d: $(tail -n 5 "$d/openssl.log")"
    rm -f "$d/ca.key" "$d/ca.srl" "$d/server.csr" "$d/server.ext"
    chmod 600 "$d/server.key"
    chmod 644 "$d/ca.pem" "$d/server.pem"
}

start_root() {
    local i n real_home d
    if read_layout; then
        set_ports
        n=$(running_count)
        if [ "$n" -eq "$nodes" ]; then
            if { [ -n "$port_given" ] && [ "$port" != "$requested_port" ]; } ||
               { [ -n "$nodes_given" ] && [ "$nodes" != "$requested_nodes" ]; } ||
               { [ -n "$tls_given" ] && [ -z "$tls" ]; }; then
                die "$root already runs $nodes node(s) from port $port${tls:+ with TLS}; stop it first"
            fi
            echo "broker.sh: already running in $root" >&2
            announce
            return 0
        fi
        echo "broker.sh: $n of $nodes node(s) running in $root (a crash?); starting afresh" >&2
        stop_root
        port=$requested_port nodes=$requested_nodes tls=$requested_tls
    elif [ -d "$root" ] && [ -n "$(ls -A "$root")" ]; then
        die "$root exists and is no broker root; choose another --root"
    fi
    set_ports
    for i in $(seq "$nodes"); do
        ! accepts "$(amqp_port "$i")" || die "port $(amqp_port "$i") is already in use"
        ! accepts "$(management_port "$i")" ||
            die "port $(management_port "$i") (node $i's management API) is already in use"
        [ -z "$tls" ] || ! accepts "$(tls_port "$i")" || die "port $(tls_port "$i") is already in use"
    done
    ! accepts "$base" || die "port $base (for this root's epmd) is already in use"

    { mkdir -p "$root" && chmod 700 "$root"; } || die "cannot create $root"
    echo "$port $nodes${tls:+ tls}" > "$root/layout"
    [ -z "$tls" ] || make_certificates
    : > "$root/rabbitmq-env.conf"
    echo '[rabbitmq_management].' > "$root/enabled_plugins"
    (umask 077 && head -c 30 /dev/urandom | base64 | tr -dc A-Za-z0-9 > "$root/.erlang.cookie")
    chmod 400 "$root/.erlang.cookie"
    # At boot a node scans every application of its plugins folder (feature flags, config
    # schemas), enabled or not: some 4 s of CPU. Its home holds only the libraries, so without
    # the rabbitmq_* plugins, except rabbitmq_prelaunch which is part of the core and the
    # management API's three.
    real_home=$(dirname "$(dirname "$(readlink -f "$rabbit_bin/rabbitmq-server")")")
    mkdir -p "$root/home/bin" "$root/home/plugins"
    ln -s "$real_home/sbin/rabbitmq-defaults" "$root/home/bin/"
    for d in "$real_home"/plugins/*/; do
        d=${d%/}
        case ${d##*/} in
            rabbitmq_prelaunch-* | rabbitmq_management-* | rabbitmq_management_agent-* | \
                rabbitmq_web_dispatch-*) ln -s "$d" "$root/home/plugins/" ;;
            rabbitmq_*) ;;
            *) ln -s "$d" "$root/home/plugins/" ;;
        esac
    done

    # An epmd of our own: the system's (port 4369) is neither used nor started.
    env "$tag" setsid nohup epmd -port "$base" -address 127.0.0.1 \
        > "$root/epmd.log" 2>&1 < /dev/null &
    deadline=$((SECONDS + timeout_s))
    # The nodes boot side by side (they are on their own until they join), and then nodes
    # 2..N join node 1 one at a time, as Mnesia wants.
    for i in $(seq "$nodes"); do launch "$i"; done
    for i in $(seq "$nodes"); do await_port "$i"; done
    on_nodes 1 await_startup
    if [ "$nodes" -gt 1 ]; then
        on_nodes 2 stop_app
        for i in $(seq 2 "$nodes"); do
            ctl "$i" join_cluster "$(name 1)" > /dev/null 2> "$root/node$i/ctl.err" ||
                fail_start "$i" "could not join $(name 1): $(cat "$root/node$i/ctl.err")"
        done
        on_nodes 2 start_app
        for i in $(seq 2 "$nodes"); do await_port "$i"; done
        n=$(ctl 1 eval 'length(rabbit_mnesia:cluster_nodes(running)).' 2>/dev/null) || n=0
        [ "$n" = "$nodes" ] || fail_start 1 "sees $n running cluster node(s), not $nodes"
    fi
    for i in $(seq "$nodes"); do amqp_port "$i"; done > "$root/ports"
    announce
}

status_root() {
    local i n state
    read_layout || { echo "broker.sh: no broker in $root"; exit 3; }
    set_ports
    for i in $(seq "$nodes"); do
        if alive "$i"; then state=running; else state="not running"; fi
        echo "$(name "$i") amqp://127.0.0.1:$(amqp_port "$i")/${tls:+ amqps://127.0.0.1:$(tls_port "$i")/} $state"
    done
    n=$(running_count)
    if [ "$nodes" -gt 1 ] && [ "$n" -gt 0 ]; then
        for i in $(seq "$nodes"); do
            if alive "$i"; then
                ctl "$i" cluster_status 2>&1 | sed $'s/\e\\[[0-9;]*m//g' || true
                break
            fi
        done
    fi
    [ "$n" -ne "$nodes" ] || exit 0
    [ "$n" -ne 0 ] || exit 3
    exit 1
}

node_pids() {  # the processes of node $node: its VM, the shell that waits for it, helpers
    local tagged env
    # Two greps over all processes rather than two per process: kill-node asks again and again,
    # and on a busy machine a fork per process takes seconds.
    tagged=$(grep -lzxF "$tag" /proc/[0-9]*/environ 2>/dev/null) || return 0
    # shellcheck disable=SC2086
    grep -lzxF "RABBITMQ_NODENAME=$(name "$node")" $tagged 2>/dev/null | while read -r env; do
        [ ! -O "$env" ] || echo "${env//[!0-9]/}"
    done
    return 0
}
runs() {  # process $1 exists and is no zombie
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    [[ "${stat##*) }" != [ZX]* ]]
}
node_vm() {  # the pid of node $node's Erlang VM (beam.smp), if it runs
    local pid
    pid=$(cat "$root/node$node/beam.pid" 2>/dev/null) && runs "$pid" &&
        [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = beam* ]] && echo "$pid" && return 0
    # Before the node wrote its pid file: the VM is the child of the shell launch() started.
    pid=$(cat "$root/node$node/pid" 2>/dev/null) && pgrep -P "$pid" beam 2>/dev/null | head -n 1
}

node_app() {  # $1: stop_app or start_app on node $node, which must exist (and run, to stop)
    read_layout || die "no broker in $root"
    set_ports
    [ "$node" -le "$nodes" ] || die "$root has $nodes node(s), not $node"
    local pid
    deadline=$((SECONDS + timeout_s))
    # Not kill -0: the shell of a killed node is a zombie until its new parent reaps it, which
    # a test that adopts orphans (a subreaper) may do late.
    if ! { pid=$(cat "$root/node$node/pid" 2>/dev/null) && runs "$pid"; }; then
        [ "$1" = start_app ] || die "$(name "$node") does not run"
        relaunch_node
        return 0
    fi
    # A leader hands its queues over before it stops: on a busy machine that takes a while.
    ctl "$node" "$1" > /dev/null || die "$(name "$node") failed $1 (within $timeout_s s)"
    if [ "$1" = start_app ]; then
        ctl "$node" await_startup > /dev/null || die "$(name "$node") did not start"
        listening "$node"
    else
        echo "broker: node $(name "$node") stopped (its data kept)"
    fi
}

kill_node() {  # a crash of node $node: SIGKILL to its VM, then to whatever of it is left
    read_layout || die "no broker in $root"
    set_ports
    [ "$node" -le "$nodes" ] || die "$root has $nodes node(s), not $node"
    local vm round
    vm=$(node_vm) || true
    [ -n "$vm" ] || die "$(name "$node") does not run"
    kill -KILL "$vm" 2>/dev/null || true
    # The shell that waited for the VM and the VM's helpers leave on their own within moments.
    for round in $(seq 50); do
        [ -n "$(node_pids)" ] || break
        # shellcheck disable=SC2046
        [ "$round" -lt 25 ] || kill -KILL $(node_pids) 2>/dev/null || true
        sleep 0.2
    done
    [ -z "$(node_pids)" ] || die "could not kill $(name "$node"): $(node_pids | xargs)"
    ! accepts "$(amqp_port "$node")" || die "$(name "$node") still answers on its port"
    echo "broker: node $(name "$node") killed (its data kept)"
}

relaunch_node() {  # node $node's VM is gone (killed): a new one on its data rejoins the cluster
    local pid
    [ -z "$(node_pids)" ] || die "$(name "$node") has processes left: $(node_pids | xargs)"
    ! accepts "$(amqp_port "$node")" || die "port $(amqp_port "$node") is already in use"
    launch "$node"
    pid=$(cat "$root/node$node/pid")
    until accepts "$(amqp_port "$node")"; do
        kill -0 "$pid" 2>/dev/null ||
            die "$(name "$node") exited while starting; see $root/node$node"
        [ "$SECONDS" -lt "$deadline" ] ||
            die "$(name "$node") did not start within $timeout_s s; see $root/node$node"
        sleep 0.2
    done
    ctl "$node" await_startup > /dev/null || die "$(name "$node") did not start"
    echo "broker: node $(name "$node") listening on amqp://127.0.0.1:$(amqp_port "$node")/"
}

leader_of() {  # the node number leading quorum queue $queue, from the first node that runs
    local i found
    read_layout || die "no broker in $root"
    set_ports
    for i in $(seq "$nodes"); do
        alive "$i" || continue
        # Not list_queues: the queues' nodes answer the CLI directly, which -dist_listen false
        # forbids; eval asks node i alone. A quorum queue's pid is {Name, LeaderNode}.
        found=$(ctl "$i" eval "case rabbit_amqqueue:lookup(rabbit_misc:r(<<\"/\">>, queue,
            <<\"$queue\">>)) of {ok, Q} -> element(2, amqqueue:get_pid(Q)); E -> E end." \
            2>/dev/null) || true
        [[ "$found" =~ -([0-9])@ ]] || die "no leader known for queue $queue"
        echo "${BASH_REMATCH[1]}"
        return 0
    done
    die "no node of $root runs"
}

case "$command" in
    start) start_root ;;
    leader) leader_of ;;
    stop-node) node_app stop_app ;;
    kill-node) kill_node ;;
    start-node) node_app start_app ;;
    stop)
        if [ -e "$root" ]; then found="stopped and removed"; else found="found no broker in"; fi
        stop_root  # even without DIR: its processes may have outlived it
        echo "broker.sh: $found $root" >&2
        ;;
    status) status_root ;;
esac
