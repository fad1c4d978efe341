#!/usr/bin/env bash
# Counts the work lockdemo and pgbench do per transaction: system calls by kind, context switches
# and CPU, from the kernel's own counters (perf stat's software events and syscall tracepoints),
# not from seconds on a noisy machine.
#
#   scripts/count-work.sh [OPTIONS]
#
# Each tool runs twice on the same PostgreSQL, a short run and a long one with a fixed number of
# transactions per client (lockdemo race --rounds R, pgbench -t R), each under perf stat. What one
# transaction costs is the difference of the two runs over the difference of their transactions, so
# start-up (the JVM, the pool, pgbench's connections) drops out. pgbench runs
# scripts/pgbench/STRATEGY.sql -M prepared on a prefilled table (as scripts/bench.sh does);
# lockdemo races --keys K on its own table (K creates in either run, so they cancel).
# Counts are exact for what they count; CPU (task-clock) is time, so it still varies run to run.
#
# Options:
#   --url JDBC_URL         PostgreSQL (default jdbc:postgresql://127.0.0.1:5432/test); password from PGPASSWORD
#   --user NAME            (default postgres)
#   --strategy S           naive or savepoint (default savepoint)
#   --clients N            pgbench -c, lockdemo --threads (default 1)
#   --keys K               keys (default 64; 1 is the hot key)
#   --transactions T       per client in the long run (default 4000); the short run does a quarter
#   --lockdemo-args ARGS   extra arguments for lockdemo race, e.g. "--worker-threads virtual"
#   --no-pgbench           lockdemo only (no ratios)
#   --out DIR              the perf outputs and the table (default target/count-work)
# Environment: LOCKDEMO_JAVA, LOCKDEMO_JAVA_OPTS, LOCKDEMO_JAR as for every script (scripts/lib.sh).
# Needs perf (Debian linux-perf) with access to software events and syscall tracepoints (root, or
# kernel.perf_event_paranoid <= -1), pgbench and psql.
# Exit: 0 done; 1 a run failed or its counts did not add up; 2 usage; 3 a tool is missing.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "count-work: $1 (see the top of scripts/count-work.sh)" >&2; exit 2; }

url="jdbc:postgresql://127.0.0.1:5432/test"
user=postgres
strategy=savepoint
clients=1
keys=64
transactions=4000
lockdemo_args=""
with_pgbench=1
out="$lockdemo_root/target/count-work"
while [ $# -gt 0 ]; do
    case "$1" in
        --url) url="${2:?}"; shift 2 ;;
        --user) user="${2:?}"; shift 2 ;;
        --strategy) strategy="${2:?}"; shift 2 ;;
        --clients) clients="${2:?}"; shift 2 ;;
        --keys) keys="${2:?}"; shift 2 ;;
        --transactions) transactions="${2:?}"; shift 2 ;;
        --lockdemo-args) lockdemo_args="${2?}"; shift 2 ;;
        --no-pgbench) with_pgbench=0; shift ;;
        --out) out="${2:?}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) usage "unknown option $1" ;;
    esac
done
lockdemo_int --clients "$clients"
lockdemo_int --keys "$keys"
lockdemo_int --transactions "$transactions"
[ "$transactions" -ge 8 ] || usage "--transactions must be at least 8, got $transactions"
[ -f "$lockdemo_root/scripts/pgbench/$strategy.sql" ] || usage "--strategy: no pgbench script for '$strategy' (scripts/pgbench/*.sql)"
re='^jdbc:postgresql://([^:/?]+)(:([0-9]+))?/([^?]+)'
[[ "$url" =~ $re ]] || usage "--url must look like jdbc:postgresql://HOST[:PORT]/DATABASE, got '$url'"
pg_host="${BASH_REMATCH[1]}" pg_port="${BASH_REMATCH[3]:-5432}" pg_db="${BASH_REMATCH[4]}"
lockdemo_need 3 perf java python3
[ "$with_pgbench" = 1 ] && lockdemo_need 3 pgbench psql

# the counters: every system call, those a round trip makes, the waits, and the scheduler's view
syscalls="read write recvfrom sendto poll ppoll epoll_wait epoll_pwait futex"
events="raw_syscalls:sys_enter"
for s in $syscalls; do events="$events,syscalls:sys_enter_$s"; done
events="$events,context-switches,cpu-migrations,task-clock"
if ! perf stat -x, -e "$events" true > /dev/null 2> "${TMPDIR:-/tmp}/count-work-probe.$$"; then
    echo "count-work: perf stat cannot count $events here:" >&2
    tail -3 "${TMPDIR:-/tmp}/count-work-probe.$$" >&2
    rm -f "${TMPDIR:-/tmp}/count-work-probe.$$"
    exit 3
fi
rm -f "${TMPDIR:-/tmp}/count-work-probe.$$"

lockdemo_build
mkdir -p "$out"
lockdemo_tmpdir count-work
short=$((transactions / 4))
long=$transactions

table=""
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$user" -d "$pg_db" "$@"; }
# shellcheck disable=SC2317 # run by the trap below
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$table" ]; then psql_ -c "DROP TABLE IF EXISTS $table" > /dev/null 2>&1 || true; fi
    rm -rf "$lockdemo_tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

run_lockdemo() { # ROUNDS PERF_OUT
    local json="$lockdemo_tmp/lockdemo-$1.json" rc=0
    # shellcheck disable=SC2086 # --lockdemo-args is split on purpose
    perf stat -x, -e "$events" -o "$2" "${lockdemo_cmd[@]}" race --url "$url" --user "$user" \
        --strategy "$strategy" --threads "$clients" --keys "$keys" --rounds "$1" --quiet --json "$json" \
        $lockdemo_args > "$lockdemo_tmp/lockdemo.out" 2>&1 || rc=$?
    if [ "$rc" -ne 0 ]; then # naive's lesson is not a failure (exit 4 is a safe strategy failing a check)
        echo "count-work: lockdemo --rounds $1 exited $rc:" >&2
        tail -5 "$lockdemo_tmp/lockdemo.out" >&2
        exit 1
    fi
    python3 - "$json" "$strategy" "$((clients * $1))" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
s = next(s for s in r["strategies"] if s["strategy"] == sys.argv[2])
if s["attempts"] != int(sys.argv[3]) or s["attempts"] != sum(s["outcomes"].values()):
    sys.exit(f"count-work: lockdemo made {s['attempts']} attempts, outcomes {s['outcomes']}, expected {sys.argv[3]}")
EOF
}

run_pgbench() { # ROUNDS PERF_OUT
    table="lockdemo_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')_$strategy"
    sed "s/{table}/$table/g" "$lockdemo_root/src/main/resources/org/lockdemo/db/postgresql/create-table.sql" | psql_
    psql_ -c "COMMENT ON TABLE $table IS 'lockdemo table created at $(date -u +%Y-%m-%dT%H:%M:%SZ)'" \
        -c "INSERT INTO $table (jahr, monat, some_value) SELECT k / 12 + 1, k % 12 + 1, 0 FROM generate_series(0, $keys - 1) k"
    sed "s/lockdemo_pgbench/$table/g" "$lockdemo_root/scripts/pgbench/$strategy.sql" > "$lockdemo_tmp/script.sql"
    local j=$((clients < 2 ? clients : 2)) rc=0
    perf stat -x, -e "$events" -o "$2" pgbench -n -M prepared -h "$pg_host" -p "$pg_port" -U "$user" \
        -f "$lockdemo_tmp/script.sql" -D keys="$keys" -c "$clients" -j "$j" -t "$1" "$pg_db" \
        > "$lockdemo_tmp/pgbench.out" 2>&1 || rc=$?
    local done_tx
    done_tx="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$lockdemo_tmp/pgbench.out")"
    if [ "$rc" -ne 0 ] || [ "$done_tx" != "$((clients * $1))" ]; then
        echo "count-work: pgbench -t $1 exited $rc after ${done_tx:-no} transactions:" >&2
        tail -5 "$lockdemo_tmp/pgbench.out" >&2
        exit 1
    fi
    psql_ -c "DROP TABLE $table"
    table=""
}

echo "count-work: $strategy, $clients client(s), $keys key(s), $short and $long transactions per client;" \
    "PostgreSQL at $pg_host:$pg_port/$pg_db; lockdemo on ${LOCKDEMO_JAVA:-java}${lockdemo_args:+ $lockdemo_args};" \
    "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/summary.txt"
run_lockdemo "$short" "$out/lockdemo-short.perf"
run_lockdemo "$long" "$out/lockdemo-long.perf"
if [ "$with_pgbench" = 1 ]; then
    run_pgbench "$short" "$out/pgbench-short.perf"
    run_pgbench "$long" "$out/pgbench-long.perf"
fi
python3 "$lockdemo_root/scripts/python/count_work_table.py" "$out" "$((clients * (long - short)))" "$syscalls" \
    | tee -a "$out/summary.txt"
