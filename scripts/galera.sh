#!/usr/bin/env bash
# A MariaDB Galera cluster of 2 or 3 nodes on loopback, for lockdemo's multi-primary race (issue 9).
#
#   scripts/galera.sh start N    start (or restart) an N-node cluster, wait until every node is
#                                Synced and sees N members, print each node's JDBC URL
#   scripts/galera.sh stop       stop every node, one after the other, and wait for each to exit
#   scripts/galera.sh status     per node: port, pid, cluster size, state, cluster state UUID
#   scripts/galera.sh install    only install the packages (mariadb-server, galera-4, rsync)
#
# Everything lives under $LOCKDEMO_GALERA_DIR (default target/galera): per node a data directory,
# a config file, pid file, socket and error log. Each mariadbd runs with --defaults-file, so nothing
# is read from /etc/mysql: the machine's own MariaDB (port 3306, /run/mysqld) is never touched.
#
# Environment (all optional):
#   LOCKDEMO_GALERA_DIR          folder for the nodes (default: <checkout>/target/galera)
#   LOCKDEMO_GALERA_PORT         SQL port of node 1; node k uses PORT+k-1      (default 3311)
#   LOCKDEMO_GALERA_GMCAST_PORT  group communication port of node 1            (default 4571)
#   LOCKDEMO_GALERA_IST_PORT     incremental state transfer receive port       (default 4581)
#   LOCKDEMO_GALERA_SST_PORT     state snapshot transfer (rsync) receive port  (default 4591)
#   LOCKDEMO_GALERA_TIMEOUT_S    how long start and stop wait for the nodes    (default 120)
# or the same as long flags, before or after the command (a flag wins over its variable):
#   --dir DIR  --port P  --gmcast-port P  --ist-port P  --sst-port P  --timeout SECONDS
# and `start --nodes N` for `start N`. Runs no Java, so LOCKDEMO_JAR and LOCKDEMO_JAVA_OPTS do not
# apply; it shares scripts/lib.sh's preamble.
#
# Exit codes: 0 ok; 1 failed (the message says why); 2 usage. `status` exits 1 unless every node
# is up, Synced, and sees all N members.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root="$lockdemo_root"

args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --dir) LOCKDEMO_GALERA_DIR="${2:?--dir needs a value}"; shift 2 ;;
        --port) LOCKDEMO_GALERA_PORT="${2:?--port needs a value}"; shift 2 ;;
        --gmcast-port) LOCKDEMO_GALERA_GMCAST_PORT="${2:?--gmcast-port needs a value}"; shift 2 ;;
        --ist-port) LOCKDEMO_GALERA_IST_PORT="${2:?--ist-port needs a value}"; shift 2 ;;
        --sst-port) LOCKDEMO_GALERA_SST_PORT="${2:?--sst-port needs a value}"; shift 2 ;;
        --timeout) LOCKDEMO_GALERA_TIMEOUT_S="${2:?--timeout needs a value}"; shift 2 ;;
        --nodes) args+=("${2:?--nodes needs a value}"); shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "galera: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
set -- "${args[@]}"
# Absolute: the pid check matches the --defaults-file path a node was started with.
dir="$(realpath -m "${LOCKDEMO_GALERA_DIR:-$root/target/galera}")"
sql_base="${LOCKDEMO_GALERA_PORT:-3311}"
gmcast_base="${LOCKDEMO_GALERA_GMCAST_PORT:-4571}"
ist_base="${LOCKDEMO_GALERA_IST_PORT:-4581}"
sst_base="${LOCKDEMO_GALERA_SST_PORT:-4591}"
timeout_s="${LOCKDEMO_GALERA_TIMEOUT_S:-120}"
provider=/usr/lib/galera/libgalera_smm.so
# As root the nodes run as mysql, as the packaged server does: with user=root the donor's rsync
# daemon would drop to "nobody", which cannot read the joiner's data directory.
run_as="$(id -un)"
[ "$(id -u)" -eq 0 ] && run_as=mysql
poll_s=0.2

say() { echo "galera: $*"; }
die() { echo "galera: $*" >&2; exit 1; }
usage() {
    echo "usage: scripts/galera.sh start N | stop | status | install   (N = 2 or 3; see the header of this script)" >&2
    exit 2
}

node_dir() { echo "$dir/node$1"; }
sql_port() { echo $((sql_base + $1 - 1)); }

# The cluster's size and ports as `start` chose them; `stop` and `status` read them back.
load_state() {
    [ -f "$dir/cluster.env" ] || return 1
    # shellcheck source=/dev/null
    . "$dir/cluster.env"
}

# ---------------------------------------------------------------------------------------------
# Packages

ensure_packages() {
    local missing=() pkg
    for pkg in mariadb-server galera-4 rsync; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing packages: ${missing[*]}, and no apt-get to install them"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "missing packages: ${missing[*]}; install them as root"
        sudo=(sudo)
    fi
    say "installing ${missing[*]}"
    # Installing galera-4 or rsync leaves a running MariaDB alone; mariadb-server is only installed
    # where the machine has none, and its package scripts may start the packaged one on 3306.
    local env=(env DEBIAN_FRONTEND=noninteractive)
    if ! "${sudo[@]}" "${env[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
        say "apt-get install failed; running apt-get update first"
        "${sudo[@]}" apt-get update -q >/dev/null
        "${sudo[@]}" "${env[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
            || die "apt-get install ${missing[*]} failed"
    fi
}

# ---------------------------------------------------------------------------------------------
# Processes: a pid counts as node k's only if its command line names node k's config file, so a
# stale pid file can never make us signal someone else's process (least of all the machine's
# own mariadbd).

node_pid() { # prints node k's live pid, or fails
    local k=$1 pidfile pid
    pidfile="$(node_dir "$k")/mariadbd.pid"
    [ -s "$pidfile" ] || return 1
    pid="$(cat "$pidfile")"
    [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "--defaults-file=$(node_dir "$k")/my.cnf" || return 1
    echo "$pid"
}

sql() { # sql K STATEMENT: run one statement on node k over TCP as root, tab-separated, no header
    mariadb --no-defaults --protocol=TCP -h 127.0.0.1 -P "$(sql_port "$1")" -u root -N -B -e "$2" 2>/dev/null
}

wsrep_status() { # prints "size state uuid" of node k, or fails
    local out
    out="$(sql "$1" "SELECT MAX(IF(VARIABLE_NAME='WSREP_CLUSTER_SIZE', VARIABLE_VALUE, NULL)),
        MAX(IF(VARIABLE_NAME='WSREP_LOCAL_STATE_COMMENT', VARIABLE_VALUE, NULL)),
        MAX(IF(VARIABLE_NAME='WSREP_CLUSTER_STATE_UUID', VARIABLE_VALUE, NULL))
        FROM information_schema.GLOBAL_STATUS")" || return 1
    [ -n "$out" ] || return 1
    echo "$out" | tr '\t' ' '
}

port_taken() { # something listens on 127.0.0.1:PORT (or on all addresses)
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

now_s() { date +%s.%N; }
elapsed_s() { awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.1f", b - a }'; }
deadline_passed() { awk -v d="$1" -v n="$(now_s)" 'BEGIN { exit !(n > d) }'; }
deadline_in() { awk -v s="$1" -v n="$(now_s)" 'BEGIN { printf "%.3f", n + s }'; }

tail_log() { # the end of node k's error log, for a failure message
    echo "--- last lines of $(node_dir "$1")/error.log:" >&2
    tail -n 15 "$(node_dir "$1")/error.log" >&2 2>/dev/null || true
}

# ---------------------------------------------------------------------------------------------
# start

write_config() { # write_config K N
    local k=$1 n=$2 d addresses="" i
    d="$(node_dir "$k")"
    for i in $(seq "$n"); do addresses+="${addresses:+,}127.0.0.1:$((gmcast_base + i - 1))"; done
    cat >"$d/my.cnf" <<EOF
# Written by scripts/galera.sh on every start; edits are overwritten.
[mariadbd]
datadir=$d/data
port=$(sql_port "$k")
bind-address=127.0.0.1
socket=$d/mariadbd.sock
pid-file=$d/mariadbd.pid
log-error=$d/error.log
user=$run_as
skip-name-resolve
# Galera needs row-based replication, InnoDB and interleaved auto-increment locks.
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
# Durability comes from the cluster; Galera's documentation recommends not flushing per commit.
innodb_flush_log_at_trx_commit=2
innodb_buffer_pool_size=64M
innodb_log_file_size=48M
performance_schema=OFF
wsrep_on=ON
wsrep_provider=$provider
wsrep_cluster_name=lockdemo
wsrep_cluster_address=gcomm://$addresses
wsrep_node_name=node$k
wsrep_node_address=127.0.0.1:$((gmcast_base + k - 1))
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$((gmcast_base + k - 1));ist.recv_addr=127.0.0.1:$((ist_base + k - 1));gcache.size=32M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$((sst_base + k - 1))
EOF
}

init_datadir() { # a fresh data directory where root has an empty password over TCP
    local d
    d="$(node_dir "$1")"
    mariadb-install-db --no-defaults --datadir="$d/data" --user="$run_as" \
        --auth-root-authentication-method=normal --skip-test-db >"$d/install-db.log" 2>&1 \
        || { cat "$d/install-db.log" >&2; die "mariadb-install-db failed for node $1"; }
    [ "$run_as" = "$(id -un)" ] || chown -R "$run_as:" "$d"
}

# A new cluster: node 1 is initialized and bootstrapped alone (creating the cluster's state UUID
# and database test), stopped cleanly, and its data directory copied to the other nodes, so
# mariadb-install-db runs once (about 8 s each here) and every joiner starts from the cluster's
# own state. They still need an incremental transfer (IST) of the few configuration-change events
# Galera 4 numbers like writes, but not a full rsync copy of the data directory (SST). Each copy
# must not claim to be safe to bootstrap.
seed() {
    local n=$1 k d1
    d1="$(node_dir 1)"
    say "initializing node 1 and seeding the other nodes from it"
    init_datadir 1
    launch 1 --wsrep-new-cluster
    wait_synced 1 1 "$(deadline_in "$timeout_s")"
    sql 1 "CREATE DATABASE IF NOT EXISTS test" || die "could not create database test on node 1"
    stop_node 1
    grep -q '^safe_to_bootstrap: *1' "$d1/data/grastate.dat" || die "node 1 did not stop cleanly; see $d1/error.log"
    for k in $(seq 2 "$n"); do
        rm -rf "$(node_dir "$k")/data"
        cp -a "$d1/data" "$(node_dir "$k")/data"
        rm -f "$(node_dir "$k")/data/galera.cache"
        sed -i 's/^safe_to_bootstrap: *1/safe_to_bootstrap: 0/' "$(node_dir "$k")/data/grastate.dat"
    done
}

launch() { # launch K [--wsrep-new-cluster]
    local k=$1 d
    d="$(node_dir "$k")"
    rm -f "$d/mariadbd.pid"
    # Own session and no inherited stdout: the node outlives this script and never holds the
    # caller's pipes open (a test reading our output would otherwise wait for the node to exit).
    setsid mariadbd --defaults-file="$d/my.cnf" "${@:2}" </dev/null >>"$d/mariadbd.out" 2>&1 &
    echo $! >"$d/launched.pid"
}

# wait_synced K N DEADLINE: node k is Synced and sees N members
wait_synced() {
    local k=$1 n=$2 deadline=$3 st=""
    while :; do
        if st="$(wsrep_status "$k")"; then
            read -r size state _ <<<"$st"
            [ "$size" = "$n" ] && [ "$state" = "Synced" ] && return 0
        fi
        if ! kill -0 "$(cat "$(node_dir "$k")/launched.pid")" 2>/dev/null; then
            tail_log "$k"
            die "node $k exited while starting"
        fi
        if deadline_passed "$deadline"; then
            tail_log "$k"
            die "node $k not Synced with $n members within ${timeout_s}s (last seen: ${st:-no answer})"
        fi
        sleep "$poll_s"
    done
}

# Which node may bootstrap: on a fresh cluster node 1; after a clean full stop the node that left
# last, the only one whose grastate.dat says safe_to_bootstrap: 1 (Galera refuses the others).
bootstrap_node() {
    local n=$1 k g any=0
    for k in $(seq "$n"); do
        g="$(node_dir "$k")/data/grastate.dat"
        [ -f "$g" ] || continue
        any=1
        if grep -q '^safe_to_bootstrap: *1' "$g"; then echo "$k"; return 0; fi
    done
    [ "$any" -eq 0 ] && { echo 1; return 0; }
    die "no node has 'safe_to_bootstrap: 1' in its grastate.dat ($dir/node*/data): the cluster was not stopped" \
        "cleanly. Find the most advanced node (mariadbd --defaults-file=<its my.cnf> --wsrep-recover) and set" \
        "safe_to_bootstrap: 1 in its grastate.dat, or remove $dir to start a fresh cluster"
}

start() {
    local n=$1 k running=0 p t0 deadline boot
    [[ "$n" =~ ^[23]$ ]] || usage
    if load_state; then
        [ "$NODES" = "$n" ] || die "$dir holds a $NODES-node cluster; run 'start $NODES', or remove $dir for a new one"
        for k in $(seq "$n"); do node_pid "$k" >/dev/null && running=$((running + 1)); done
        if [ "$running" -gt 0 ]; then
            [ "$running" -eq "$n" ] || die "$running of $n nodes are running; run 'stop' first"
            say "already running"
            # shellcheck disable=SC2153 # SQL_BASE comes from cluster.env (load_state)
    sql_base=$SQL_BASE
            print_urls "$n"
            return 0
        fi
    fi
    ensure_packages
    [ -f "$provider" ] || die "$provider not found (package galera-4)"
    for k in $(seq "$n"); do
        for p in $(sql_port "$k") $((gmcast_base + k - 1)) $((ist_base + k - 1)) $((sst_base + k - 1)); do
            port_taken "$p" && die "port $p on 127.0.0.1 is taken; choose other ports with LOCKDEMO_GALERA_PORT," \
                "LOCKDEMO_GALERA_GMCAST_PORT, LOCKDEMO_GALERA_IST_PORT or LOCKDEMO_GALERA_SST_PORT"
        done
    done

    t0="$(now_s)"
    for k in $(seq "$n"); do
        mkdir -p "$(node_dir "$k")"
        [ "$run_as" = "$(id -un)" ] || chown "$run_as:" "$(node_dir "$k")"
        write_config "$k" "$n"
    done
    printf 'NODES=%s\nSQL_BASE=%s\n' "$n" "$sql_base" >"$dir/cluster.env"
    if ! ls "$dir"/node*/data/grastate.dat >/dev/null 2>&1; then
        seed "$n"
    fi
    for k in $(seq "$n"); do
        # A node without data (removed by hand) gets a fresh one and a full state transfer.
        [ -d "$(node_dir "$k")/data/mysql" ] || init_datadir "$k"
    done

    boot="$(bootstrap_node "$n")"
    deadline="$(deadline_in "$timeout_s")"
    say "bootstrapping node $boot (port $(sql_port "$boot"))"
    launch "$boot" --wsrep-new-cluster
    wait_synced "$boot" 1 "$deadline"
    # The joiners are started together; the donor serves their state transfers one after the
    # other, and Galera queues and retries the waiting joiner by itself.
    for k in $(seq "$n"); do
        [ "$k" = "$boot" ] && continue
        say "starting node $k (port $(sql_port "$k"))"
        launch "$k"
    done
    for k in $(seq "$n"); do wait_synced "$k" "$n" "$deadline"; done
    sql "$boot" "CREATE DATABASE IF NOT EXISTS test" || die "could not create database test on node $boot"
    say "$n nodes Synced in $(elapsed_s "$t0")s"
    print_urls "$n"
}

print_urls() {
    local k
    for k in $(seq "$1"); do echo "node $k: jdbc:mariadb://127.0.0.1:$(sql_port "$k")/test"; done
}

# ---------------------------------------------------------------------------------------------
# stop and status

stop_node() { # SIGTERM is mariadbd's clean shutdown; wait until the process is gone
    local k=$1 pid deadline
    pid="$(node_pid "$k")" || return 0
    say "stopping node $k (pid $pid)"
    kill -TERM "$pid"
    deadline="$(deadline_in "$timeout_s")"
    while [ -d "/proc/$pid" ]; do
        deadline_passed "$deadline" && die "node $k (pid $pid) did not exit within ${timeout_s}s"
        sleep "$poll_s"
    done
}

stop() {
    local k t0
    load_state || { say "no cluster in $dir"; return 0; }
    t0="$(now_s)"
    # In order, each node gone before the next is asked: the last one to leave is then the one
    # Galera marks safe_to_bootstrap, and the restart knows whom to bootstrap.
    for k in $(seq "$NODES"); do stop_node "$k"; done
    say "stopped in $(elapsed_s "$t0")s"
}

status() {
    local k pid st all_ok=0
    load_state || die "no cluster in $dir; run 'start N'"
    # shellcheck disable=SC2153 # SQL_BASE comes from cluster.env (load_state)
    sql_base=$SQL_BASE
    printf '%-5s %-6s %-8s %-19s %-26s %s\n' node port pid wsrep_cluster_size wsrep_local_state_comment \
        wsrep_cluster_state_uuid
    for k in $(seq "$NODES"); do
        pid="$(node_pid "$k")" || pid="-"
        if [ "$pid" != "-" ] && st="$(wsrep_status "$k")"; then
            read -r size state uuid <<<"$st"
        else
            size="-" state="down" uuid="-"
        fi
        [ "$size" = "$NODES" ] && [ "$state" = "Synced" ] || all_ok=1
        printf '%-5s %-6s %-8s %-19s %-26s %s\n' "$k" "$(sql_port "$k")" "$pid" "$size" "$state" "$uuid"
    done
    return "$all_ok"
}

case "${1:-}" in
    start) [ $# -eq 2 ] || usage; start "$2" ;;
    stop) [ $# -eq 1 ] || usage; stop ;;
    status) [ $# -eq 1 ] || usage; status ;;
    install) [ $# -eq 1 ] || usage; ensure_packages ;;
    *) usage ;;
esac
